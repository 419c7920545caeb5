"""Downloads: a project's data and rendered forms, a department's summary workbook."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from jixiao import api
from jixiao.web import policy, services

if TYPE_CHECKING:
    from django.http import HttpRequest

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
RENDERERS = {
    "form-xlsx": ("render_form_xlsx", XLSX, "自评表.xlsx"),
    "form-docx": ("render_form_docx", DOCX, "自评表.docx"),
    "report-docx": ("render_report_docx", DOCX, "自评报告.docx"),
}


def _download(content: bytes, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{_quote(filename)}"
    return response


def _quote(text: str) -> str:
    from urllib.parse import quote  # noqa: PLC0415

    return quote(text)


@login_required
@require_GET
def project_export(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The project as JSON, or a form or report rendered by the core."""
    record = policy.get_project(request.user, pk)
    project = services.load(record)
    if kind == "json":
        content = json.dumps(record.data, ensure_ascii=False, indent=2).encode()
        return _download(content, "application/json", f"{record.name}.json")
    if kind not in RENDERERS:
        msg = "未知的导出格式"
        raise Http404(msg)
    function_name, content_type, suffix = RENDERERS[kind]
    renderer = getattr(api, function_name)
    evaluation = services.stored(record)
    if kind == "report-docx":
        content = api.render_report_docx(project, evaluation.scored)
    else:
        content = renderer(project, evaluation.main)
    return _download(content, content_type, f"{record.name}-{suffix}")


@login_required
@require_GET
def department_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """A workbook listing a department's projects with status, score, grade and findings."""
    department = policy.get_department(request.user, pk)
    records = (
        policy.scope_projects(request.user).filter(unit__department=department).order_by("unit__name", "name")
    )
    evaluations = [services.stored(record) for record in records]
    content = api.render_summary(
        [e.project for e in evaluations],
        [scored for e in evaluations for scored in e.scored],
        [finding for e in evaluations for finding in e.findings],
    )
    return _download(content, XLSX, f"{department.name}-绩效自评汇总.xlsx")
