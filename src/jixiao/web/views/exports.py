"""Downloads: a project's data and rendered forms, a department's summary workbook."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import quote

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.views.decorators.http import require_GET

from jixiao.web import exports, policy

if TYPE_CHECKING:
    from django.http import HttpRequest


def _send(download: exports.Download) -> HttpResponse:
    response = HttpResponse(download.content, content_type=download.content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(download.filename)}"
    return response


@login_required
@require_GET
def project_export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The project as JSON, or a form or report rendered by the core."""
    return _send(exports.export_project(policy.get_project(request.user, pk), kind))


@login_required
@require_GET
def department_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """A workbook listing a department's projects with status, score, grade and findings."""
    department = policy.get_department(request.user, pk)
    records = policy.scope_projects(request.user).filter(unit__department=department)
    return _send(exports.export_summary(list(records.order_by("unit__name", "name")), department.name))
