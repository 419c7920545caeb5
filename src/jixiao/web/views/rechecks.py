"""The region-wide re-check (全区重新审核): queue it on the worker and show its progress."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from jixiao.web import jobs, policy

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from jixiao.web.models import RecheckJob


@login_required
@require_POST
def recheck_start(request: HttpRequest) -> HttpResponse:
    """Queue a re-check of every project of the finance reviewer's region."""
    job = jobs.start_recheck(request.user, policy.recheck_region(request.user))
    return redirect("recheck_job", pk=job.pk)


@login_required
@require_GET
def recheck_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The re-check's page: progress, polled every second while it runs."""
    job = policy.get_recheck_job(request.user, pk)
    return render(request, "jixiao/recheck_job.html", _context(job))


@login_required
@require_GET
def recheck_job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress fragment the page polls."""
    job = policy.get_recheck_job(request.user, pk)
    return render(request, "jixiao/_recheck_job.html", _context(job))


def _context(job: RecheckJob) -> dict[str, object]:
    job.refresh_from_db()
    return {"job": job, "progress": jobs.progress(job)}
