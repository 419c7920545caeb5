"""Score whole projects: choose the schemes, score each document's lines, total and grade them."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from jixiao.model.report import ReportKind
from jixiao.model.scored import ScoredEvaluation, ScoredItem
from jixiao.scoring.budget import execution_rate, score_budget_execution
from jixiao.scoring.indicator import score_indicator
from jixiao.scoring.numbers import ZERO, fmt
from jixiao.scoring.report import score_report_groups
from jixiao.scoring.schemes import resolve
from jixiao.scoring.sheet import score_sheet_items, sheet_group_labels
from jixiao.scoring.totals import Total, cap_total, grade_for, group_scores, total_of

if TYPE_CHECKING:
    from decimal import Decimal

    from jixiao.model.forms import SelfEvalForm
    from jixiao.model.project import Project
    from jixiao.schemes.model import Scheme

# Which shipped scheme scores which document when the project names none (rules.md §K "Template").
DEFAULT_SCHEMES = {
    "self_eval_form": "sichuan-project-2023",
    "score_sheet": "common-2013-ziyang-2022",
    "sichuan_special_report": "sichuan-special-report",
}

_FORM_GROUPS: tuple[tuple[str, str, Decimal | None], ...] = (
    ("budget", "预算执行", None),
    ("output", "产出指标", None),
    ("benefit", "效益指标", None),
    ("satisfaction", "满意度指标", None),
    ("cost", "成本指标", None),
    ("other", "其他指标", None),
)


@dataclass(frozen=True, slots=True)
class _Stated:
    """What the document states about the whole (total, grade) and how its groups are labelled."""

    total: Decimal | None
    grade: str | None
    labels: tuple[tuple[str, str, Decimal | None], ...]


class SchemeNotApplicableError(ValueError):
    """The chosen scheme scores a document the project does not have."""


def select_schemes(project: Project) -> list[str]:
    """Return the scheme ids that apply: the project's own, else one per document that can be scored."""
    if project.scheme:
        return [project.scheme]
    chosen = []
    if project.self_eval_form is not None:
        chosen.append(DEFAULT_SCHEMES["self_eval_form"])
    if project.score_sheet is not None:
        chosen.append(DEFAULT_SCHEMES["score_sheet"])
    report = project.report
    if report is not None and report.kind is ReportKind.sichuan_special and report.group_scores:
        chosen.append(DEFAULT_SCHEMES["sichuan_special_report"])
    return chosen


def score_project(project: Project, scheme: Scheme | str | None = None) -> list[ScoredEvaluation]:
    """Score a project under `scheme`, or under every scheme `select_schemes` picks."""
    schemes = [resolve(scheme)] if scheme is not None else [resolve(name) for name in select_schemes(project)]
    return [score_with(project, chosen) for chosen in schemes]


def score_with(project: Project, scheme: Scheme) -> ScoredEvaluation:
    """Score a project under one scheme; raise SchemeNotApplicableError when its document is missing."""
    if scheme.form == "self_eval_form":
        return _score_form(project, scheme)
    if scheme.form == "score_sheet":
        return _score_sheet(project, scheme)
    return _score_report(project, scheme)


def score_form_items(form: SelfEvalForm, scheme: Scheme) -> list[ScoredItem]:
    """Score the 预算执行 block and every indicator row of a 自评表."""
    items = [score_budget_execution(form.budget, scheme)]
    for index, indicator in enumerate(form.indicators):
        path = f"self_eval_form.indicators[{index}]"
        items.append(score_indicator(indicator, scheme, item_id=f"indicators[{index}]", field=path))
    return items


def _score_form(project: Project, scheme: Scheme) -> ScoredEvaluation:
    form = project.self_eval_form
    if form is None:
        raise SchemeNotApplicableError(_missing(project, scheme, "自评表"))
    items = score_form_items(form, scheme)
    total = _form_total(items, scheme)
    rules = scheme.budget_execution
    if rules is not None:
        total = cap_total(total, execution_rate(form.budget, rules), rules.total_caps)
    return _evaluation(project, scheme, items, total, _Stated(form.total_score.value, None, _FORM_GROUPS))


def _form_total(items: list[ScoredItem], scheme: Scheme) -> Total:
    """The total, explained as 预算执行 + 绩效指标 like the form's conclusion (rules.md §B5)."""
    total = total_of(items, scheme)
    if total.rescaled:
        return total
    budget = items[0].score or ZERO
    missing = "" if total.complete else "（有指标无法计分，按0计入）"
    text = f"预算执行{fmt(budget)}分+绩效指标{fmt(total.raw_total - budget)}分={fmt(total.total)}分{missing}"
    return replace(total, explanation=text)


def _score_sheet(project: Project, scheme: Scheme) -> ScoredEvaluation:
    sheet = project.score_sheet
    if sheet is None:
        raise SchemeNotApplicableError(_missing(project, scheme, "计分表"))
    items = score_sheet_items(sheet, scheme)
    stated_total = (
        sheet.rescaled_total.value if sheet.rescaled_total.value is not None else sheet.total_score.value
    )
    grade = sheet.stated_grade.value or sheet.stated_grade.raw or None
    stated = _Stated(stated_total, grade, sheet_group_labels(scheme))
    return _evaluation(project, scheme, items, total_of(items, scheme), stated)


def _score_report(project: Project, scheme: Scheme) -> ScoredEvaluation:
    report = project.report
    if report is None or not report.group_scores:
        raise SchemeNotApplicableError(_missing(project, scheme, "写明各部分得分的自评报告"))
    items = score_report_groups(report, scheme)
    labels = tuple((group.id, group.label, group.weight) for group in scheme.groups)
    grade = report.stated_grade.value or report.stated_grade.raw or None
    stated = _Stated(report.stated_total.value, grade, labels)
    return _evaluation(project, scheme, items, total_of(items, scheme), stated)


def _evaluation(
    project: Project,
    scheme: Scheme,
    items: list[ScoredItem],
    total: Total,
    stated: _Stated,
) -> ScoredEvaluation:
    grade = grade_for(total.total, scheme)
    return ScoredEvaluation(
        project=project.title,
        scheme=scheme.id,
        items=tuple(items),
        groups=group_scores(items, stated.labels),
        raw_total=total.raw_total,
        applicable_max=total.applicable_max,
        total=total.total,
        rescaled=total.rescaled,
        grade=grade,
        stated_total=stated.total,
        stated_grade=stated.grade,
        explanation=f"{total.explanation}，等级「{grade.value}」",
        complete=total.complete,
    )


def _missing(project: Project, scheme: Scheme, document: str) -> str:
    return f"项目「{project.title}」没有{document}，不能按评分方案 {scheme.id} 评分"
