"""The Sichuan 专项预算项目绩效自评报告 (rules.md §B6), generated from the 自评表 and its scores.

Sections follow the seed reports: 一、项目概况 二、评价实施 三、绩效分析 (通用/专用/个性指标) 四、评价结论
五、存在主要问题 六、改进建议, and the 点位 table as 附表. The 通用/专用 points come from the
`sichuan-special-report` evaluation when given; every number in the text comes from the model or scores.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.model import FundSource, MoneyUnit, ProjectType, SelfEvalForm
from jixiao.render import wording
from jixiao.render.chart import Bar
from jixiao.render.report_docx import Block, Heading, Para, Picture, Table, Title
from jixiao.render.report_tables import points_table, target_table
from jixiao.render.values import (
    Scores,
    decimal_text,
    execution_rate,
    fixed_text,
    money_amount,
    stated_text,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from jixiao.model import Indicator, Project, Report, ScoredEvaluation, ScoredItem

TYPE_SECTIONS = (
    (ProjectType.industry, "产业发展"),
    (ProjectType.livelihood, "民生保障"),
    (ProjectType.infrastructure, "基础设施"),
    (ProjectType.administration, "行政运转"),
)
PART_PREFIX = re.compile(r"^\s*\d+\s*[、.．]\s*[^。]{1,12}。")  # 1、项目决策。
SCORE_CLAUSE = re.compile(r"[，,；;]?\s*自评得分\s*[\d.]+\s*分\s*[。.]?\s*$")


def sichuan_report_blocks(
    project: Project,
    form_evaluation: ScoredEvaluation | None,
    report_evaluation: ScoredEvaluation | None,
    chart: Callable[[list[Bar]], bytes] | None = None,
) -> list[Block]:
    """The report's blocks; `chart` draws the indicator chart (omitted when None)."""
    form = project.self_eval_form or SelfEvalForm()
    scores = Scores(form_evaluation)
    year = project.year.value
    blocks: list[Block] = [
        Title(wording.say("sichuan_title", year=year) if year else "专项预算项目绩效自评报告"),
        Title(wording.say("sichuan_subtitle", name=project.title), sub=True),
    ]
    blocks += _overview(project, form)
    blocks += _implementation(form, form_evaluation)
    blocks += _analysis(project, form, scores, report_evaluation, chart)
    blocks += _conclusion(project, form_evaluation, report_evaluation)
    blocks += points_table(project, report_evaluation or form_evaluation)
    return blocks


def _overview(project: Project, form: SelfEvalForm) -> list[Block]:
    year = project.year.value
    department = stated_text(project.department)
    intro = wording.say(
        "intro",
        name=project.title,
        unit=stated_text(project.unit) or "项目单位",
        department=wording.say("intro_department", department=department) if department else "",
    )
    blocks: list[Block] = [Heading("一、项目概况"), Heading("（一）设立背景及基本情况", 2), Para(intro)]
    if stated_text(form.implementation_summary):
        blocks.append(Para(wording.say("summary", text=stated_text(form.implementation_summary))))
    blocks += [Heading("（二）实施目的及支持方向", 2)]
    goal = stated_text(form.annual_goal) or wording.say("not_filled")
    blocks.append(Para(wording.say("purpose", text=goal)))
    blocks += [Heading("（三）预算安排及分配管理", 2), Para(budget_paragraph(project, form))]
    if stated_text(form.budget.adjustment_explanation):
        blocks.append(Para(wording.say("adjustment", text=stated_text(form.budget.adjustment_explanation))))
    levels = [
        len({stated_text(getattr(i, key)) for i in form.indicators}) for key in ("level1", "level2", "name")
    ]
    blocks += [
        Heading("（四）项目绩效目标设置", 2),
        Para(wording.say("targets_lead", year=year)),
        Table(target_table(form)),
        Para("2.项目自评开展情况"),
        Para(wording.say("self_eval_scope", level1=levels[0], level2=levels[1], level3=len(form.indicators))),
    ]
    return blocks


def budget_paragraph(project: Project, form: SelfEvalForm) -> str:
    """预算安排: 年初预算, 调整后预算, 执行数 and 执行率 of the 总额 row, in 万元."""
    total = form.budget.row(FundSource.total)
    if total is None:
        return wording.say("budget_missing", year=project.year.value)
    amounts = tuple(
        fixed_text(money_amount(stated.value, MoneyUnit.wan_yuan))
        for stated in (total.initial_budget, total.adjusted_budget, total.spent)
    )
    return wording.budget_sentence(
        project.year.value, (amounts[0], amounts[1], amounts[2]), execution_rate(total)
    )


def _implementation(form: SelfEvalForm, evaluation: ScoredEvaluation | None) -> list[Block]:
    budget_weight = (
        sum((i.weight for i in evaluation.items if i.group == "budget"), Decimal(0)) if evaluation else None
    )
    indicator_weight = (
        sum((i.weight for i in evaluation.items if i.group != "budget"), Decimal(0)) if evaluation else None
    )
    return [
        Heading("二、评价实施"),
        Para(wording.say("eval_purpose")),
        Para(
            wording.say(
                "eval_method",
                budget_weight=decimal_text(budget_weight) or "10",
                count=len(form.indicators),
                indicator_weight=decimal_text(indicator_weight) or "90",
            )
        ),
    ]


def _analysis(
    project: Project,
    form: SelfEvalForm,
    scores: Scores,
    report_evaluation: ScoredEvaluation | None,
    chart: Callable[[list[Bar]], bytes] | None,
) -> list[Block]:
    groups = {item.id: item for item in report_evaluation.items} if report_evaluation else {}
    blocks: list[Block] = [Heading("三、绩效分析"), Heading("（一）通用指标绩效分析", 2)]
    blocks += _common_parts(project.report, [item for key, item in groups.items() if key != "special"])
    blocks.append(Heading("（二）专用指标绩效分析", 2))
    blocks += _special_parts(project, groups.get("special"))
    blocks += [Heading("（三）个性指标绩效分析", 2)]
    blocks += _indicator_paragraphs(form, scores, chart)
    return blocks


def _part(number: int, name: str, item: ScoredItem, report: Report | None) -> Para:
    """Write a report part: 1、项目决策。<the unit's words>自评得分15分（满分15分）."""
    return Para(
        wording.say(
            "part_score",
            number=number,
            name=name,
            words=unit_words(report, item.id),
            score=decimal_text(item.score),
            weight=decimal_text(item.weight),
        )
    )


def _common_parts(report: Report | None, items: list[ScoredItem]) -> list[Block]:
    if not items:
        return [Para(wording.say("no_common_scores"))]
    return [_part(number, item.name, item, report) for number, item in enumerate(items, start=1)]


def _special_parts(project: Project, special: ScoredItem | None) -> list[Block]:
    kind_of_project = project.project_type.value
    if kind_of_project is None:
        if special is None:
            return []
        score, weight = decimal_text(special.score), decimal_text(special.weight)
        return [Para(wording.say("special_type_unknown", score=score, weight=weight))]
    blocks: list[Block] = []
    for number, (kind, label) in enumerate(TYPE_SECTIONS, start=1):
        if kind is kind_of_project and special is not None:
            blocks.append(_part(number, label, special, project.report))
        elif kind is kind_of_project:
            blocks.append(Para(wording.say("special_unscored", number=number, name=label)))
        else:
            blocks.append(Para(wording.say("special_not_involved", number=number, name=label)))
    return blocks


def unit_words(report: Report | None, group_id: str) -> str:
    """The unit's own words on a report part (the paragraph its stated score stood in), score removed."""
    stated = report.group_scores.get(group_id) if report is not None else None
    where = stated.location.paragraph if stated is not None and stated.location is not None else None
    if report is None or where is None:
        return ""
    places = [p.location.paragraph if p.location else None for p in report.paragraphs]
    if where not in places:
        return ""
    index = places.index(where)
    text = report.paragraphs[index].value or ""
    if not PART_PREFIX.match(text) and index > 0:  # a part split over two paragraphs (seed 000)
        text = (report.paragraphs[index - 1].value or "") + text
    text = SCORE_CLAUSE.sub("", PART_PREFIX.sub("", text)).strip().rstrip("，,。；; ")
    return text + "，" if text else ""


def _indicator_paragraphs(
    form: SelfEvalForm, scores: Scores, chart: Callable[[list[Bar]], bytes] | None
) -> list[Block]:
    """预算执行 score, outcome counts, 一是…二是… per indicator, then the chart."""
    blocks: list[Block] = []
    budget = scores.budget_item()
    if budget is not None:
        score, weight = decimal_text(budget.score), decimal_text(budget.weight)
        blocks.append(Para(wording.say("budget_score", score=score, weight=weight)))
    items = [
        scores.item(f"self_eval_form.indicators[{i}]", f"indicators[{i}]")
        for i in range(len(form.indicators))
    ]
    outcomes = [wording.outcome(item) for item in items]
    if form.indicators:
        blocks.append(Para(wording.say("indicator_counts", counts=wording.outcome_counts(outcomes))))
    for index, (indicator, item) in enumerate(zip(form.indicators, items, strict=True), start=1):
        blocks.append(Para(f"{wording.chinese_number(index)}是{wording.indicator_sentence(indicator, item)}"))
    if chart is not None and form.indicators:
        bars = [
            Bar(
                stated_text(indicator.name),
                item.score if item else None,
                _points(indicator, item),
                kind.value,
            )
            for indicator, item, kind in zip(form.indicators, items, outcomes, strict=True)
        ]
        blocks.append(Picture(chart(bars)))
    return blocks


def _points(indicator: Indicator, item: ScoredItem | None) -> Decimal:
    return item.weight if item is not None else indicator.weight.value or Decimal(0)


def _conclusion(
    project: Project,
    form_evaluation: ScoredEvaluation | None,
    report_evaluation: ScoredEvaluation | None,
) -> list[Block]:
    form = project.self_eval_form or SelfEvalForm()
    report = project.report
    main = report_evaluation or form_evaluation
    outcome = stated_text(form.goal_outcome)
    text = wording.say("achievements", text=outcome.rstrip("。")) if outcome else ""
    if main is not None:
        text += wording.say("overall", total=decimal_text(main.total), grade=main.grade.value)
    if (
        form_evaluation is not None
        and report_evaluation is not None
        and form_evaluation.total != report_evaluation.total
    ):
        text += wording.say("form_total_differs", total=decimal_text(form_evaluation.total))
    problems = stated_text(form.problems) or (stated_text(report.problems) if report else "")
    generated = wording.lost_points_sentence(list(form_evaluation.items)) if form_evaluation else ""
    problem_text = "；".join(t.rstrip("。") for t in (problems, generated) if t and t != "无")
    improvements = stated_text(form.improvements) or (stated_text(report.suggestions) if report else "")
    return [
        Heading("四、评价结论"),
        Para(text or wording.say("not_scored")),
        Heading("五、存在主要问题"),
        Para(problem_text + "。" if problem_text else wording.say("no_problems")),
        Heading("六、改进建议"),
        Para(improvements if improvements and improvements != "无" else wording.say("default_suggestion")),
    ]
