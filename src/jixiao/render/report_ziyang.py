"""The Ziyang 项目支出绩效自评报告 (rules.md §C8): 投入/过程/产出/效果 analysis from the 计分表 scores.

Sections follow the seed reports: 一、项目基本情况 二、绩效自评工作情况 三、评价结论 四、绩效分析
五、存在的问题和建议, then the 计分表 and 完成情况表 as 附件. Group points, item scores, the
(rescaled) total and the grade come from the evaluation; money from the 完成情况表 (百元 → 万元).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.model import GoalCompletionTable, ScoreSheet
from jixiao.render import wording
from jixiao.render.chart import Bar
from jixiao.render.goal_table import build_goal_table, fund_numbers, table_title
from jixiao.render.report_docx import Block, Heading, PageBreak, Para, Picture, Table, Title
from jixiao.render.values import decimal_text, short_percent, stated_text
from jixiao.render.ziyang_forms import bare_label, build_score_sheet, load_scheme_or_none, sheet_title

if TYPE_CHECKING:
    from collections.abc import Callable

    from jixiao.model import GoalIndicatorRow, Project, ScoredEvaluation, ScoredItem

WAN_PER_HUNDRED = Decimal(100)


def ziyang_report_blocks(
    project: Project, evaluation: ScoredEvaluation | None, chart: Callable[[list[Bar]], bytes] | None = None
) -> list[Block]:
    """The report's blocks, with the 计分表 and 完成情况表 appended as 附件."""
    table = project.goal_table or GoalCompletionTable()
    blocks: list[Block] = [Title(wording.say("ziyang_title", name=project.title))]
    blocks += _basics(project, table)
    blocks += [
        Heading("二、绩效自评工作情况"),
        Para(
            wording.say(
                "ziyang_scope", form=sheet_title(project), count=len(evaluation.items) if evaluation else 0
            )
        ),
        Heading("三、评价结论"),
        Para(
            wording.total_sentence(evaluation, sheet_title(project))
            if evaluation
            else wording.say("not_scored")
        ),
    ]
    blocks += _analysis(project, table, evaluation, chart)
    blocks += _problems(project, evaluation)
    blocks += [
        PageBreak(),
        Para(f"附件：1.{sheet_title(project)}"),
        Table(build_score_sheet(project, evaluation)),
    ]
    if project.goal_table is not None:
        blocks += [PageBreak(), Para(f"附件：2.{table_title(project)}"), Table(build_goal_table(project))]
    return blocks


def wan(amount: Decimal | None) -> str:
    """百元 → 万元 text: 4500 → 45."""
    return "" if amount is None else decimal_text(amount / WAN_PER_HUNDRED)


def _basics(project: Project, table: GoalCompletionTable) -> list[Block]:
    funds = {row.source: row for row in table.funds}
    budget, spent, carryover = fund_numbers(funds.get("total") or funds.get("fiscal"))
    not_filled = wording.say("not_filled")
    money = wording.say("funds_source", year=project.year.value, budget=wan(budget) or not_filled)
    fiscal_budget = fund_numbers(funds.get("fiscal"))[0]
    if fiscal_budget is not None and fiscal_budget != budget:
        money += wording.say("funds_fiscal", fiscal=wan(fiscal_budget))
    if spent is not None and budget:
        money += wording.say("funds_used", spent=wan(spent), rate=short_percent(spent / budget))
    if carryover:
        money += wording.say("funds_carryover", carryover=wan(carryover))
    blocks: list[Block] = [
        Heading("一、项目基本情况"),
        Heading("（一）概况", 2),
        Para(f"1.立项背景及目的。{stated_text(table.annual_goal) or not_filled}"),
        Para(f"2.预算资金来源及使用情况。{money}。"),
        Para(f"3.实施情况。{stated_text(table.goal_result) or not_filled}"),
        Heading("（二）绩效目标", 2),
        Para(stated_text(table.annual_goal) or not_filled),
    ]
    targets = [
        f"「{stated_text(r.name)}」{stated_text(r.target)}" for r in table.indicators if stated_text(r.target)
    ]
    if targets:
        blocks.append(Para(wording.say("targets_list", targets="；".join(targets))))
    return blocks


def _analysis(
    project: Project,
    table: GoalCompletionTable,
    evaluation: ScoredEvaluation | None,
    chart: Callable[[list[Bar]], bytes] | None,
) -> list[Block]:
    blocks: list[Block] = [Heading("四、绩效分析")]
    if evaluation is None:
        return [*blocks, Para("（未评分）")]
    sheet = project.score_sheet or ScoreSheet()
    basis = {item.id: stated_text(item.basis) for item in sheet.items}
    for order, group in enumerate(evaluation.groups):
        partly = any(i.not_applicable for i in evaluation.items if i.group == group.id)
        sentence = wording.group_sentence(
            wording.chinese_number(order + 1), group.name, group.score, group.weight, partly_applicable=partly
        )
        blocks.append(Heading(sentence, 2))
        for number, part in enumerate(_parts(evaluation, group.id), start=1):
            blocks += _part_paragraphs(f"{order + 1}.{number}", part, basis)
    if table.indicators:
        blocks.append(Heading(f"（{wording.chinese_number(len(evaluation.groups) + 1)}）绩效目标完成情况", 2))
        blocks += [Para(_goal_row(row)) for row in table.indicators]
    if chart is not None and evaluation.items:
        blocks.append(Picture(chart([_bar(item) for item in evaluation.items])))
    return blocks


def _goal_row(row: GoalIndicatorRow) -> str:
    texts = (
        stated_text(row.name),
        stated_text(row.target),
        stated_text(row.result),
        stated_text(row.deviation),
    )
    return wording.goal_row_sentence(*texts)


def _parts(evaluation: ScoredEvaluation, group_id: str) -> list[Part]:
    """The group's 二级指标 with their scored items (the whole group when the scheme is unknown)."""
    by_id = {item.id: item for item in evaluation.items}
    levels = second_levels(evaluation.scheme).get(group_id, [])
    parts: list[Part] = [
        (label, points, [by_id[i] for i in ids if i in by_id]) for label, points, ids in levels
    ]
    return parts or [("", None, [item for item in evaluation.items if item.group == group_id])]


Part = tuple[str, Decimal | None, list["ScoredItem"]]


def _part_paragraphs(prefix: str, part: Part, basis: dict[str, str]) -> list[Block]:
    """1.1 项目立项得15分（满分15分）。 then 1.1.1 项目立项规范性（5分）：经自查… per item."""
    name, points, members = part
    blocks: list[Block] = []
    if name:
        applicable = [item for item in members if not item.not_applicable]
        score = sum((item.score or Decimal(0) for item in applicable), Decimal(0))
        partly = len(applicable) < len(members)
        if partly:
            points = sum((item.weight for item in applicable), Decimal(0))
        full = wording.full_points_label(partly_applicable=partly)
        text = wording.say(
            "subgroup",
            number=prefix,
            name=name,
            score=decimal_text(score),
            full=full,
            weight=decimal_text(points),
        )
        blocks.append(Para(text))
    for index, item in enumerate(members, start=1):
        label = f"{prefix}.{index} {bare_label(item.name)}（{decimal_text(item.weight)}分）"
        blocks.append(Para(f"{label}：{wording.sheet_item_sentence(item, basis.get(item.id, ''))}"))
    return blocks


def second_levels(scheme_id: str) -> dict[str, list[tuple[str, Decimal, list[str]]]]:
    """二级指标 of each first-level group from the scheme, as (label, points, item ids); {} when unknown."""
    scheme = load_scheme_or_none(scheme_id)
    if scheme is None:
        return {}
    return {
        top.id: [(middle.label, middle.weight, [item.id for item in middle.items]) for middle in top.groups]
        for top in scheme.groups
    }


def _bar(item: ScoredItem) -> Bar:
    return Bar(bare_label(item.name), item.score, item.weight, wording.outcome(item).value)


def _problems(project: Project, evaluation: ScoredEvaluation | None) -> list[Block]:
    report = project.report
    stated = stated_text(report.problems) if report is not None else ""
    generated = wording.lost_points_sentence(list(evaluation.items)) if evaluation is not None else ""
    suggestions = stated_text(report.suggestions) if report is not None else ""
    problems = "；".join(text.rstrip("。") for text in (stated, generated) if text)
    return [
        Heading("五、存在的问题和建议"),
        Para(
            wording.say(
                "ziyang_problems", text=problems + "。" if problems else wording.say("ziyang_no_problems")
            )
        ),
        Para(wording.say("ziyang_suggestions", text=suggestions or wording.say("ziyang_default_suggestion"))),
    ]
