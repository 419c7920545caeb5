"""`render_report_docx`: the narrative 自评报告 of a project, chosen by its schemes and documents.

A project with a 计分表 or 完成情况表 gets the Ziyang report; one with a 自评表 gets the Sichuan
专项预算项目绩效自评报告. The indicator chart is drawn with matplotlib unless `chart=False`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.render.forms import SCORE_SHEET, SELF_EVAL_FORM, form_kind
from jixiao.render.report_docx import report_docx
from jixiao.render.report_sichuan import sichuan_report_blocks
from jixiao.render.report_ziyang import ziyang_report_blocks
from jixiao.render.ziyang_forms import load_scheme_or_none

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from jixiao.model import Project, ScoredEvaluation
    from jixiao.render.chart import Bar
    from jixiao.render.report_docx import Block


def split_evaluations(
    project: Project, evaluations: Sequence[ScoredEvaluation]
) -> tuple[ScoredEvaluation | None, ScoredEvaluation | None, str | None]:
    """(form evaluation, report-scheme evaluation, form kind) for a project."""
    form_evaluation = report_evaluation = None
    for evaluation in evaluations:
        scheme = load_scheme_or_none(evaluation.scheme)
        if scheme is not None and scheme.form == "report":
            report_evaluation = evaluation
        elif form_evaluation is None and form_kind(project, evaluation) is not None:
            form_evaluation = evaluation
    return form_evaluation, report_evaluation, form_kind(project, form_evaluation)


def report_blocks(
    project: Project, evaluations: Sequence[ScoredEvaluation], *, chart: bool = True
) -> list[Block]:
    """The blocks of the project's report (see `render_report_docx`)."""
    form_evaluation, report_evaluation, kind = split_evaluations(project, evaluations)
    draw: Callable[[list[Bar]], bytes] | None = None
    if chart:
        from jixiao.render.chart import completion_chart  # noqa: PLC0415  (matplotlib only when drawing)

        draw = completion_chart
    if kind == SCORE_SHEET:
        return ziyang_report_blocks(project, form_evaluation, draw)
    if kind == SELF_EVAL_FORM:
        return sichuan_report_blocks(project, form_evaluation, report_evaluation, draw)
    msg = f"项目「{project.title}」没有自评表或计分表，无法生成自评报告"
    raise ValueError(msg)


def render_report_docx(
    project: Project, evaluations: Sequence[ScoredEvaluation], *, chart: bool = True
) -> bytes:
    """The narrative 自评报告 as .docx: every number from the model and `evaluations`."""
    return report_docx(report_blocks(project, evaluations, chart=chart))
