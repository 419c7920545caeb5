"""The Ziyang 市本级项目支出绩效目标完成情况表 as a `FormLayout` (rules.md §C7, amounts in 百元).

结转结余额 is shown as stated, else computed as 预算额 − 执行额; 结转结余率 is always computed from the
printed amounts (结转结余额 / 预算额), so the row's identity holds on paper.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.model import GoalCompletionTable, Money, MoneyUnit, ProjectType
from jixiao.render.layout import FormLayout, GridBuilder, Line, Style
from jixiao.render.values import decimal_text, money_amount, short_percent, stated_text
from jixiao.scoring import carryover_rate as scoring_carryover_rate

if TYPE_CHECKING:
    from decimal import Decimal

    from jixiao.model import CompletionFundRow, Project

TABLE_TITLE = "市本级项目支出绩效目标完成情况表"
WIDTHS = (9.0, 14.0, 12.0, 16.0, 16.0, 14.0, 14.0)
# The form prints 行政运行 for the 行政运转 type (rules.md §B8).
TYPE_LABELS = (
    (ProjectType.industry, "产业发展"),
    (ProjectType.livelihood, "民生保障"),
    (ProjectType.infrastructure, "基础设施"),
    (ProjectType.administration, "行政运行"),
)
FUND_LABELS = (("total", "合计"), ("fiscal", "财政拨款"), ("other_funds", "其他资金"))
FUND_HEADERS = (
    "项目",
    "预算额(百元)",
    "执行额(百元)",
    "当年结转结余额(百元)",
    "结转结余率%",
    "结转结余变动率%",
)
STRUCTURE_KEYS = ("general", "fund", "capital", "social")
STRUCTURE_HEADERS = (
    "项目",
    "合计",
    "一般公共预算安排",
    "政府性基金预算安排",
    "国有资本经营预算安排",
    "社保基金预算安排",
)
STRUCTURE_ROWS = ("预算额(百元)", "执行额(百元)", "当年结转结余额(百元)", "结转结余率%", "结转结余变动率%")
INDICATOR_HEADERS = (
    "一级指标",
    "二级指标",
    "三级指标",
    "预算指标值(包含数字及文字描述)",
    "预算指标值执行结果(包含数字及文字描述)",
    "预算指标值与预算指标值执行结果偏差情况及原因分析",
)
CHECKED, UNCHECKED = "√", "□"


def table_title(project: Project) -> str:
    """`2022年度市本级项目支出绩效目标完成情况表`."""
    year = project.year.value
    return f"{year}年度{TABLE_TITLE}" if year is not None else TABLE_TITLE


def build_goal_table(project: Project) -> FormLayout:
    """Lay out the 绩效目标完成情况表 of a project."""
    table = project.goal_table or GoalCompletionTable()
    grid = GridBuilder(len(WIDTHS))
    _head(grid, project, table)
    funds = {row.source: row for row in table.funds}
    grid.put(0, "预算执行情况", rowspan=1 + len(FUND_LABELS), style=Style.label)
    for col, header in enumerate(FUND_HEADERS, start=1):
        grid.put(col, header, style=Style.header)
    grid.next_row()
    for key, label in FUND_LABELS:
        grid.put(1, label, style=Style.label)
        _fund_values(grid, funds.get(key))
        grid.next_row()
    _structure(grid, table, funds.get("fiscal"))
    _goals(grid, table)
    return FormLayout(
        name="完成情况表", lines=(Line(table_title(project)),), cells=grid.build(), widths=WIDTHS
    )


def _head(grid: GridBuilder, project: Project, table: GoalCompletionTable) -> None:
    grid.put(0, "项目名称", style=Style.label)
    grid.wide(1, project.title)
    grid.next_row()
    project_type = table.project_type.value or project.project_type.value
    grid.put(0, "项目类型", rowspan=2, style=Style.label)
    for col, (kind, label) in enumerate(TYPE_LABELS, start=1):
        span = len(WIDTHS) - col if col == len(TYPE_LABELS) else 1
        grid.put(col, label, colspan=span, style=Style.label)
        grid.put(col, CHECKED if kind is project_type else UNCHECKED, colspan=span, row=grid.row + 1)
    grid.next_row(2)
    grid.put(0, "部门（单位）名称", style=Style.label)
    grid.put(1, stated_text(project.unit), colspan=2, style=Style.text)
    grid.put(3, "预算单位编码", style=Style.label)
    grid.wide(4, stated_text(project.unit_code), Style.value)
    grid.next_row()


def _amount_cell(grid: GridBuilder, col: int, amount: Decimal | None) -> None:
    grid.put(col, decimal_text(amount), number=amount)


def fund_numbers(row: CompletionFundRow | None) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """预算额, 执行额 and 结转结余额 in 百元 (结转结余额 computed when not stated)."""
    if row is None:
        return None, None, None
    budget = money_amount(row.budget.value, MoneyUnit.hundred_yuan)
    spent = money_amount(row.spent.value, MoneyUnit.hundred_yuan)
    carryover = money_amount(row.carryover.value, MoneyUnit.hundred_yuan)
    if carryover is None and budget is not None and spent is not None:
        carryover = budget - spent
    return budget, spent, carryover


def carryover_rate(budget: Decimal | None, carryover: Decimal | None) -> Decimal | None:
    """结转结余率 = 结转结余额 / 预算额, computed by `jixiao.scoring.carryover_rate` (rules.md §C7)."""
    if budget is None or carryover is None:
        return None
    unit = MoneyUnit.hundred_yuan
    return scoring_carryover_rate(Money(amount=budget, unit=unit), Money(amount=carryover, unit=unit))


def _fund_values(grid: GridBuilder, row: CompletionFundRow | None) -> None:
    budget, spent, carryover = fund_numbers(row)
    for col, amount in ((2, budget), (3, spent), (4, carryover)):
        _amount_cell(grid, col, amount)
    grid.put(5, short_percent(carryover_rate(budget, carryover)))
    grid.put(6, stated_text(row.carryover_change_rate) if row is not None else "", style=Style.text)


def _structure(grid: GridBuilder, table: GoalCompletionTable, fiscal: CompletionFundRow | None) -> None:
    budget, spent, carryover = fund_numbers(fiscal)
    parts = {k: money_amount(v.value, MoneyUnit.hundred_yuan) for k, v in table.fiscal_structure.items()}
    # With a single funding channel carrying the whole 财政拨款, its execution is the fiscal execution.
    single = [k for k, v in parts.items() if v] if len([v for v in parts.values() if v]) == 1 else []
    grid.put(0, "财政拨款结构", rowspan=1 + len(STRUCTURE_ROWS), style=Style.label)
    for col, header in enumerate(STRUCTURE_HEADERS, start=1):
        grid.put(col, header, style=Style.header)
    grid.next_row()
    columns = {"合计": (budget, spent, carryover)}
    for key in STRUCTURE_KEYS:
        same = single == [key] and parts[key] == budget
        columns[key] = (parts.get(key), spent if same else None, carryover if same else None)
    for index, label in enumerate(STRUCTURE_ROWS):
        grid.put(1, label, style=Style.label)
        for col, values in enumerate(columns.values(), start=2):
            if index < 3:
                _amount_cell(grid, col, values[index])
            elif index == 3:
                grid.put(col, short_percent(carryover_rate(values[0], values[2])))
            else:
                grid.put(col, "")
        grid.next_row()


def _goals(grid: GridBuilder, table: GoalCompletionTable) -> None:
    grid.put(0, "年度总体目标", rowspan=2, style=Style.label)
    grid.put(1, "预算总体目标", style=Style.header)
    grid.put(2, "预算总体目标执行结果", colspan=2, style=Style.header)
    grid.wide(4, "预算总体目标与预算总体目标执行结果偏差情况及原因分析", Style.header)
    grid.next_row()
    grid.put(1, stated_text(table.annual_goal), style=Style.text)
    grid.put(2, stated_text(table.goal_result), colspan=2, style=Style.text)
    grid.wide(4, stated_text(table.goal_deviation))
    grid.next_row()
    rows = table.indicators
    grid.put(0, "年度绩效指标", rowspan=1 + len(rows), style=Style.label)
    for col, header in enumerate(INDICATOR_HEADERS, start=1):
        grid.put(col, header, style=Style.header)
    grid.next_row()
    for col, key in ((1, "level1"), (2, "level2")):
        labels = [stated_text(getattr(row, key)) for row in rows]
        keys = [stated_text(row.level1) + "|" + label for row, label in zip(rows, labels, strict=True)]
        _merge_runs(grid, col, labels, keys if col == 2 else labels)
    for row in rows:
        for col, stated in ((3, row.name), (4, row.target), (5, row.result), (6, row.deviation)):
            grid.put(col, stated_text(stated), style=Style.text)
        grid.next_row()


def _merge_runs(grid: GridBuilder, col: int, labels: list[str], keys: list[str]) -> None:
    start = 0
    for index in range(1, len(labels) + 1):
        if index == len(labels) or keys[index] != keys[start]:
            grid.put(col, labels[start], rowspan=index - start, style=Style.label, row=grid.row + start)
            start = index
