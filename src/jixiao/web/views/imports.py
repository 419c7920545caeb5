"""Upload many files at once and show each file's status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from jixiao.web import imports, policy

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """GET: the upload form; POST: import every file and list each file's result."""
    units = policy.units_for_create(request.user)
    if not units.exists():
        msg = "当前角色不能导入项目"
        raise PermissionDenied(msg)
    context: dict[str, object] = {"units": units, "suffixes": " ".join(sorted(imports.SUFFIXES))}
    if request.method == "POST":
        unit = get_object_or_404(units, pk=request.POST.get("unit", ""))
        context["results"] = imports.import_files(request.user, unit, request.FILES.getlist("files"))
        if request.GET.get("rows"):  # one file at a time from the page's script: just its table rows
            return render(request, "jixiao/_import_rows.html", context)
    return render(request, "jixiao/import.html", context)
