"""What a project exports as: its JSON, the forms and the report rendered by the core, the report as PDF."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.http import Http404

from jixiao import api
from jixiao.web import services
from jixiao.web.errors import UnavailableError

if TYPE_CHECKING:
    from jixiao.web.models import ProjectRecord

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
KINDS = ("json", "form-xlsx", "form-docx", "report-docx", "report-pdf")


@dataclass(frozen=True, slots=True)
class Download:
    """A file to send."""

    content: bytes
    content_type: str
    filename: str


def export_project(record: ProjectRecord, kind: str) -> Download:
    """Render one export of a stored project (its saved scores; nothing is re-scored)."""
    if kind not in KINDS:
        msg = "未知的导出格式"
        raise Http404(msg)
    if kind == "json":
        return Download(json.dumps(record.data, ensure_ascii=False, indent=2).encode(), "application/json",
                        f"{record.name}.json")  # fmt: skip
    evaluation = services.stored(record)
    project = evaluation.project
    if kind == "form-xlsx":
        return Download(api.render_form_xlsx(project, evaluation.main), XLSX, f"{record.name}-自评表.xlsx")
    if kind == "form-docx":
        return Download(api.render_form_docx(project, evaluation.main), DOCX, f"{record.name}-自评表.docx")
    report = api.render_report_docx(project, evaluation.scored)
    if kind == "report-docx":
        return Download(report, DOCX, f"{record.name}-自评报告.docx")
    from jixiao.render.pdf import PdfConversionError  # noqa: PLC0415

    try:
        return Download(api.convert_to_pdf(report), "application/pdf", f"{record.name}-自评报告.pdf")
    except PdfConversionError as error:
        msg = "PDF 转换不可用（需要 LibreOffice），请下载 Word 版本"
        raise UnavailableError(msg) from error


def export_summary(records: list[ProjectRecord], department: str) -> Download:
    """The department summary workbook (the core's), from the saved evaluations."""
    evaluations = [services.stored(record) for record in records]
    content = api.render_summary(
        [e.project for e in evaluations],
        [scored for e in evaluations for scored in e.scored],
        [finding for e in evaluations for finding in e.findings],
    )
    return Download(content, XLSX, f"{department}-绩效自评汇总.xlsx")
