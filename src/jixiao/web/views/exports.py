"""Downloads: a project's data and rendered forms, a department's summary workbook."""

from __future__ import annotations

import io
import json
from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.views.decorators.http import require_GET

from jixiao import api
from jixiao.web import policy, services
from jixiao.web.errors import UnavailableError
from jixiao.web.models import Status

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
        raise Http404("未知的导出格式")
    function_name, content_type, suffix = RENDERERS[kind]
    renderer = getattr(api, function_name, None)
    if renderer is None:
        raise UnavailableError("生成表格的模块暂不可用")
    evaluation = services.evaluate(project).main if kind.startswith("form") else None
    content = renderer(project, evaluation) if evaluation is not None else renderer(project)
    return _download(content, content_type, f"{record.name}-{suffix}")


@login_required
@require_GET
def department_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """A workbook listing a department's projects with status, score, grade and findings."""
    department = policy.get_department(request.user, pk)
    from openpyxl import Workbook  # noqa: PLC0415

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "项目汇总"
    sheet.append(["主管部门", department.name])
    sheet.append(["预算单位", "项目名称", "年度", "状态", "得分", "等级", "预算执行率", "错误", "警告", "提示"])
    labels = dict(Status.choices)
    projects = policy.scope_projects(request.user).filter(unit__department=department).order_by("unit__name", "name")
    for record in projects:
        sheet.append([
            record.unit.name, record.name, record.year, labels.get(record.status, record.status),
            record.total, record.grade, record.execution_rate, record.error_count, record.warning_count,
            record.info_count,
        ])  # fmt: skip
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _download(buffer.getvalue(), XLSX, f"{department.name}-绩效自评汇总.xlsx")
