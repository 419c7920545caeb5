"""Upload many files at once and show each file's status."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from jixiao.web import imports, jobs, policy
from jixiao.web.models import ImportJob, ProjectRecord

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
        if request.POST.get("background"):
            job = jobs.start(request.user, unit, request.FILES.getlist("files"))
            return redirect("import_job", pk=job.pk)
        context["results"] = imports.import_files(request.user, unit, request.FILES.getlist("files"))
        if request.GET.get("rows"):  # one file at a time from the page's script: just its table rows
            return render(request, "jixiao/_import_rows.html", context)
    return render(request, "jixiao/import.html", context)


@login_required
@require_GET
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """A background import: progress (polled) and each file's result."""
    job = policy.get_import_job(request.user, pk)
    return render(request, "jixiao/import_job.html", _job_context(job))


@login_required
@require_GET
def import_job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment the job page polls every second until the job is done."""
    job = policy.get_import_job(request.user, pk)
    return render(request, "jixiao/_import_job.html", _job_context(job))


def _job_context(job: ImportJob) -> dict[str, object]:
    ids = [pk for result in job.results for pk in result.get("projects", [])]
    projects = ProjectRecord.objects.in_bulk(ids)
    results = [
        {**result, "projects": [projects[pk] for pk in result.get("projects", []) if pk in projects]}
        for result in job.results
    ]
    return {"job": job, "progress": jobs.progress(job), "results": results}
