"""Domain exceptions and their HTTP statuses, in one place for pages and the API."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.shortcuts import render
from rest_framework.response import Response
from rest_framework.views import exception_handler

if TYPE_CHECKING:
    from collections.abc import Callable

    from django.http import HttpRequest, HttpResponse


class DomainError(Exception):
    """An error the user can act on; `status` is its HTTP status."""

    status = 400
    default_message = "请求无效"

    def __init__(self, message: str | None = None) -> None:
        """Keep a Chinese message for the user."""
        self.message = message or self.default_message
        super().__init__(self.message)


class WorkflowError(DomainError):
    """A transition that is not allowed in the current state or role."""

    status = 409
    default_message = "当前状态下不能执行此操作"


class ConflictError(DomainError):
    """Optimistic locking: the project was changed by someone else since it was loaded."""

    status = 409
    default_message = "冲突：该项目已被他人修改，您的修改未保存。请重新打开项目，核对后再修改。"


class InputError(DomainError):
    """Bad input (unreadable file, malformed JSON)."""

    status = 400


class UnavailableError(DomainError):
    """A core stage that is not installed or failed (e.g. rendering without LibreOffice)."""

    status = 503
    default_message = "该功能暂不可用"


class DomainErrorMiddleware:
    """Render DomainError raised by page views as a Chinese error page with its status."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        """Wrap the next handler."""
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Pass the request on."""
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """Turn a DomainError into a page; leave other exceptions to Django."""
        if not isinstance(exception, DomainError):
            return None
        template = "jixiao/_error_fragment.html" if request.headers.get("HX-Request") else "jixiao/error.html"
        return render(request, template, {"message": exception.message}, status=exception.status)


def api_exception_handler(exception: Exception, context: dict[str, Any]) -> Response | None:
    """DRF: map DomainError to its status with a `detail` message; the rest as DRF does."""
    if isinstance(exception, DomainError):
        return Response({"detail": exception.message}, status=exception.status)
    return exception_handler(exception, context)
