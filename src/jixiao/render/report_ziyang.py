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
from jixiao.render.ziyang_forms import bare_label, build_score_sheet, sheet_title

if TYPE_CHECKING:
    from collections.abc import Callable

    from jixiao.model import Project, ScoredEvaluation, ScoredItem

ORDINALS = "一二三四五六七八九十"
WAN_PER_HUNDRED = Decimal(100)


def ziyang_report_blocks(
    project: Project, evaluation: ScoredEvaluation | None, chart: Callable[[list[Bar]], bytes] | None = None
) -> list[Block]:
    """The report's blocks, with the 计分表 and 完成情况表 appended as 附件."""
    table = project.goal_table or GoalCompletionTable()
    blocks: list[Block] = [Title(f"{project.title}项目支出绩效自评报告")]
    blocks += _basics(project, table)
    blocks += [
        Heading("二、绩效自评工作情况"),
        Para(
            f"对照《{sheet_title(project)}》的投入、过程、产出、效果四个方面"
            f"{len(evaluation.items) if evaluation else 0}项三级指标，"
            "采取定性与定量分析相结合的方法逐项开展自评。"
        ),
        Heading("三、评价结论"),
        Para(wording.total_sentence(evaluation, sheet_title(project)) if evaluation else "（未评分）"),
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
    money = f"资金来源：{project.year.value}年预算安排{wan(budget) or '（未填写）'}万元"
    fiscal_budget = fund_numbers(funds.get("fiscal"))[0]
    if fiscal_budget is not None and fiscal_budget != budget:
        money += f"，其中财政拨款{wan(fiscal_budget)}万元"
    if spent is not None and budget:
        money += f"。资金使用情况：实际使用{wan(spent)}万元，资金使用率为{short_percent(spent / budget)}"
    if carryover:
        money += f"，结转结余{wan(carryover)}万元"
    blocks: list[Block] = [
        Heading("一、项目基本情况"),
        Heading("（一）概况", 2),
        Para(f"1.立项背景及目的。{stated_text(table.annual_goal) or '（未填写）'}"),
        Para(f"2.预算资金来源及使用情况。{money}。"),
        Para(f"3.实施情况。{stated_text(table.goal_result) or '（未填写）'}"),
        Heading("（二）绩效目标", 2),
        Para(stated_text(table.annual_goal) or "（未填写）"),
    ]
    targets = [
        f"「{stated_text(r.name)}」{stated_text(r.target)}" for r in table.indicators if stated_text(r.target)
    ]
    if targets:
        blocks.append(Para("年度绩效指标：" + "；".join(targets) + "。"))
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
        blocks.append(
            Heading(wording.group_sentence(ORDINALS[order], group.name, group.score, group.weight), 2)
        )
        for number, item in enumerate([i for i in evaluation.items if i.group == group.id], start=1):
            label = f"{order + 1}.{number} {bare_label(item.name)}（{decimal_text(item.weight)}分）"
            blocks.append(Para(f"{label}：{wording.sheet_item_sentence(item, basis.get(item.id, ''))}"))
    if table.indicators:
        blocks.append(Heading(f"（{ORDINALS[len(evaluation.groups)]}）绩效目标完成情况", 2))
        blocks += [
            Para(
                wording.goal_row_sentence(
                    stated_text(r.name),
                    stated_text(r.target),
                    stated_text(r.result),
                    stated_text(r.deviation),
                )
            )
            for r in table.indicators
        ]
    if chart is not None and evaluation.items:
        blocks.append(Picture(chart([_bar(item) for item in evaluation.items])))
    return blocks


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
        Para(f"（一）存在的问题。{problems + '。' if problems else '自评未发现明显问题。'}"),
        Para(f"（二）相关建议。{suggestions or '继续加强项目管理和预算绩效管理，提高资金使用效益。'}"),
    ]
