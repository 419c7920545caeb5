"""The Sichuan 部门预算项目支出绩效自评表 (report 510000_0013zp) as a `FormLayout`.

Layout and labels follow the form exported by the Sichuan 一体化 system (rules.md §B1, seed 000):
11 columns A–K; 预算执行情况（10分） with rows 总额 / 其中：财政资金 / 财政专户管理资金 / 单位资金 /
其他资金; 绩效指标（90分） with one row per third-level indicator; 合计; 自评结论; signatures.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.model import DIRECTION_SYMBOLS, FUND_SOURCE_LABELS, FundSource, MoneyUnit, SelfEvalForm
from jixiao.render import wording
from jixiao.render.layout import FormLayout, GridBuilder, Style
from jixiao.render.values import (
    Scores,
    decimal_text,
    execution_rate,
    fixed_text,
    money_amount,
    percent_text,
    stated_text,
)
from jixiao.render.ziyang_forms import load_scheme_or_none

if TYPE_CHECKING:
    from jixiao.model import FundRow, Indicator, Project, ScoredEvaluation

FORM_TITLE = "部门预算项目支出绩效自评表"
WIDTHS = (10.0, 10.0, 12.0, 14.0, 7.0, 10.0, 8.0, 10.0, 7.0, 8.0, 14.0)
FUND_ROW_LABELS = {**FUND_SOURCE_LABELS, FundSource.fiscal: "其中：财政资金"}
INDICATOR_HEADERS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "度量单位",
    "完成值",
    "权重",
    "自评得分",
    "未完成原因分析",
)
BUDGET_HEADERS = (
    "年度预算数\n（万元）",
    "年初预算",
    "调整后预算数",
    "预算执行数",
    "预算执行率",
    "权重%",
    "自评得分",
)
FOOTNOTE = (
    "1、预算执行率=预算执行数/调整后预算数，预算执行率未达到90%的需说明原因（100字以内）；"
    "年中发生预算调整的（追加或调减），应单独说明理由；其他资金包括社会投入资金、银行贷款。\n"
    "2、取数口径：部门项目绩效目标，包括年初预算、追加预算、结转预算和调整预算的绩效目标"
    "（以项目的最终绩效目标为准）。"
)
MONEY_FORMAT = "0.00"


@dataclass(frozen=True, slots=True)
class Printed:
    """What the scheme makes the form print: its title and the two block weights."""

    title: str = FORM_TITLE
    budget_weight: Decimal = Decimal(10)
    indicator_weight: Decimal = Decimal(90)


def printed(evaluation: ScoredEvaluation | None) -> Printed:
    """Title and block weights from the evaluation's scheme (national: 项目支出绩效自评表)."""
    scheme = load_scheme_or_none(evaluation.scheme) if evaluation is not None else None
    if scheme is None or scheme.form != "self_eval_form":
        return Printed()
    default = Printed()
    budget = scheme.budget_execution.weight if scheme.budget_execution else default.budget_weight
    indicators = scheme.indicators.total_weight if scheme.indicators else default.indicator_weight
    return Printed(scheme.title, budget, indicators)


def form_title(project: Project, form: SelfEvalForm, title: str = FORM_TITLE) -> str:
    """The printed title: `2023年部门预算项目支出绩效自评表`."""
    if project.year.value is not None:
        return f"{project.year.value}年{title}"
    return stated_text(form.title) or title


def build_self_eval_form(project: Project, evaluation: ScoredEvaluation | None) -> FormLayout:
    """Lay out the project's 自评表 with the computed scores of `evaluation`."""
    form = project.self_eval_form or SelfEvalForm()
    scores = Scores(evaluation)
    labels = printed(evaluation)
    grid = GridBuilder(len(WIDTHS))
    grid.wide(0, form_title(project, form, labels.title), Style.form_title)
    grid.next_row()
    _header_block(grid, project, form)
    _budget_block(grid, form, scores, labels.budget_weight)
    _indicator_block(grid, form, scores, labels.indicator_weight)
    _closing_block(grid, project, form, scores)
    return FormLayout(
        name="自评表",
        lines=(),
        cells=grid.build(),
        widths=WIDTHS,
        header_rows=(0, 0),
    )


def _header_block(grid: GridBuilder, project: Project, form: SelfEvalForm) -> None:
    grid.put(0, "项目名称", style=Style.label)
    grid.wide(1, project.title)
    grid.next_row()
    grid.put(0, "主管部门", style=Style.label)
    grid.put(1, stated_text(project.department), style=Style.text)
    grid.put(2, "实施单位\n（盖章）", style=Style.label)
    grid.wide(3, stated_text(project.unit))
    grid.next_row()
    grid.put(0, "项目基本情况", rowspan=3, style=Style.label)
    grid.put(1, "1.项目年度目标完成情况", rowspan=2, style=Style.label)
    grid.put(2, "项目年度目标", colspan=4, style=Style.header)
    grid.wide(6, "年度目标完成情况", Style.header)
    grid.next_row()
    grid.put(2, stated_text(form.annual_goal), colspan=4, style=Style.text)
    grid.wide(6, stated_text(form.goal_outcome))
    grid.next_row()
    grid.put(1, "2.项目实施内容及过程概述", style=Style.label)
    grid.wide(2, stated_text(form.implementation_summary))
    grid.next_row()


def _budget_block(grid: GridBuilder, form: SelfEvalForm, scores: Scores, weight: Decimal) -> None:
    rows = [form.budget.row(source) for source in FundSource]
    grid.put(0, f"预算执行情况\n（{decimal_text(weight)}分）", rowspan=1 + len(rows), style=Style.label)
    for offset, header in enumerate(BUDGET_HEADERS):
        grid.put(1 + offset, header, style=Style.header)
    grid.wide(8, "原因", Style.header)
    grid.next_row()
    for source, row in zip(FundSource, rows, strict=True):
        _fund_row(grid, source, row, scores)
        grid.next_row()


def _fund_row(grid: GridBuilder, source: FundSource, row: FundRow | None, scores: Scores) -> None:
    grid.put(1, FUND_ROW_LABELS[source], style=Style.label)
    if row is not None:
        for col, stated in ((2, row.initial_budget), (3, row.adjusted_budget), (4, row.spent)):
            amount = money_amount(stated.value, MoneyUnit.wan_yuan)
            if amount is None and stated.raw:
                grid.put(col, stated.raw)
                continue
            grid.put(col, fixed_text(amount), number=amount, number_format=MONEY_FORMAT)
        scheme = scores.evaluation.scheme if scores.evaluation is not None else None
        grid.put(5, percent_text(execution_rate(row, scheme)))
    if source is FundSource.total:
        item = scores.budget_item()
        weight = item.weight if item is not None else (row.weight.value if row else None)
        score = item.score if item is not None and item.score is not None else None
        if score is None and row is not None:
            score = row.score.value
        grid.put(6, decimal_text(weight), number=weight)
        grid.put(7, decimal_text(score), number=score)
    else:
        grid.put(6, "/")
        grid.put(7, "/")
    grid.wide(8, stated_text(row.reason) if row is not None else "")


def _indicator_block(grid: GridBuilder, form: SelfEvalForm, scores: Scores, weight: Decimal) -> None:
    grid.put(0, f"绩效指标（{decimal_text(weight)}分）", rowspan=1 + len(form.indicators), style=Style.label)
    for offset, header in enumerate(INDICATOR_HEADERS):
        grid.put(1 + offset, header, style=Style.header)
    grid.next_row()
    for index, indicator in enumerate(form.indicators):
        _indicator_row(grid, indicator, scores, f"self_eval_form.indicators[{index}]")
        grid.next_row()


def _indicator_row(grid: GridBuilder, indicator: Indicator, scores: Scores, field: str) -> None:
    item = scores.item(field, field.removeprefix("self_eval_form."))
    direction = indicator.direction.value
    texts = (
        stated_text(indicator.level1),
        stated_text(indicator.level2),
        stated_text(indicator.name),
        DIRECTION_SYMBOLS[direction] if direction is not None else stated_text(indicator.direction),
        stated_text(indicator.target),
        stated_text(indicator.unit_of_measure),
        stated_text(indicator.actual),
    )
    for offset, text in enumerate(texts):
        grid.put(1 + offset, text, style=Style.text if offset in {0, 1, 2} else Style.value)
    weight = item.weight if item is not None else indicator.weight.value
    grid.put(8, decimal_text(weight), number=weight)
    if indicator.not_applicable or (item is not None and item.not_applicable):
        grid.put(9, "不适用")
    else:
        score = scores.score(field, indicator.score)
        grid.put(9, decimal_text(score), number=score)
    grid.put(10, stated_text(indicator.shortfall_reason), style=Style.text)


def _closing_block(grid: GridBuilder, project: Project, form: SelfEvalForm, scores: Scores) -> None:
    total_weight = _total_weight(form, scores)
    total = scores.total if scores.total is not None else form.total_score.value
    grid.put(0, "合计", colspan=8, style=Style.label)
    grid.put(8, decimal_text(total_weight), number=total_weight)
    grid.put(9, decimal_text(total), number=total)
    grid.put(10, "")
    grid.next_row()
    conclusion = wording.form_conclusion(project, scores.evaluation) or stated_text(form.conclusion)
    for label, text in (
        ("自评结论", conclusion),
        ("自评存在问题", stated_text(form.problems)),
        ("自评改进措施", stated_text(form.improvements)),
    ):
        grid.put(0, label, style=Style.label)
        grid.wide(1, text)
        grid.next_row()
    grid.put(0, f"项目负责人：{stated_text(form.project_lead)}", colspan=5, style=Style.text)
    grid.wide(5, f"财务负责人：{stated_text(form.finance_lead)}")
    grid.next_row()
    grid.wide(0, FOOTNOTE, Style.note)
    grid.next_row()


def _total_weight(form: SelfEvalForm, scores: Scores) -> Decimal | None:
    """合计 权重: the sum of the scheme's weights (100), else the stated one."""
    if scores.evaluation is not None and scores.evaluation.items:
        return sum((item.weight for item in scores.evaluation.items), Decimal(0))
    return form.total_weight.value
