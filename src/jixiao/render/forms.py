"""Choose the printed forms for a scored project and write them (`render_form_xlsx`, `render_form_docx`).

A 自评表 scheme (`form: self_eval_form`) prints the Sichuan form; a 计分表 scheme prints the Ziyang
计分表 followed by the 绩效目标完成情况表 when the project has one. Without an evaluation the forms the
project carries are printed with their stated values. No LibreOffice and no matplotlib on this path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.render.docx_writer import form_docx
from jixiao.render.goal_table import build_goal_table
from jixiao.render.sichuan_form import build_self_eval_form
from jixiao.render.xlsx_writer import workbook_bytes
from jixiao.render.ziyang_forms import build_score_sheet, load_scheme_or_none

if TYPE_CHECKING:
    from jixiao.model import Project, ScoredEvaluation
    from jixiao.render.layout import FormLayout

SCORE_SHEET = "score_sheet"
SELF_EVAL_FORM = "self_eval_form"


def form_kind(project: Project, evaluation: ScoredEvaluation | None) -> str | None:
    """Which form an evaluation scores: `self_eval_form`, `score_sheet`, or None for a report scheme."""
    if evaluation is not None:
        scheme = load_scheme_or_none(evaluation.scheme)
        if scheme is not None:
            return scheme.form if scheme.form in {SCORE_SHEET, SELF_EVAL_FORM} else None
        fields = [item.field for item in evaluation.items]
        if any(field.startswith(SCORE_SHEET) for field in fields):
            return SCORE_SHEET
        if any(field.startswith(SELF_EVAL_FORM) for field in fields):
            return SELF_EVAL_FORM
    if project.score_sheet is not None:
        return SCORE_SHEET
    if project.self_eval_form is not None:
        return SELF_EVAL_FORM
    return SCORE_SHEET if project.goal_table is not None else None


def form_layouts(project: Project, evaluation: ScoredEvaluation | None) -> list[FormLayout]:
    """The layouts printed for this project and evaluation, in order."""
    kind = form_kind(project, evaluation)
    if kind == SELF_EVAL_FORM:
        return [build_self_eval_form(project, evaluation)]
    if kind == SCORE_SHEET:
        layouts = [build_score_sheet(project, evaluation)] if project.score_sheet or evaluation else []
        if project.goal_table is not None:
            layouts.append(build_goal_table(project))
        return layouts
    return []


def render_form_xlsx(project: Project, evaluation: ScoredEvaluation | None = None) -> bytes:
    """The project's form(s) as an .xlsx workbook, one sheet per form, scores from `evaluation`."""
    layouts = form_layouts(project, evaluation)
    if not layouts:
        msg = f"项目「{project.title}」没有可输出的表格"
        raise ValueError(msg)
    return workbook_bytes(layouts)


def render_form_docx(project: Project, evaluation: ScoredEvaluation | None = None) -> bytes:
    """The project's form(s) as a .docx, one table per form, scores from `evaluation`."""
    layouts = form_layouts(project, evaluation)
    if not layouts:
        msg = f"项目「{project.title}」没有可输出的表格"
        raise ValueError(msg)
    return form_docx(layouts)
