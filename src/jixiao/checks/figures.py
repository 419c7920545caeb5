"""Numbers in the text against the tables (rules.md §G21, §H-15; R-rules)."""

from __future__ import annotations

from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING

from jixiao.checks._common import (
    amount,
    percent,
    round_half_up,
    show,
    where,
)
from jixiao.checks.completion import rate_accepted
from jixiao.checks.context import CheckContext, Hit, Unchecked
from jixiao.checks.registry import ALL, rule
from jixiao.model import Location, Money, MoneyUnit, Severity

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jixiao.model import Figure, Stated

RATE_KEYS = {  # report figure key → 计分表 item id whose measures carry the same rate
    "funds_arrival_rate": "funds_in_place_rate",
    "funds_timely_rate": "funds_timely_rate",
    "completion_rate": "actual_completion_rate",
    "quality_rate": "quality_rate",
    "satisfaction_rate": "satisfaction",
    "cost_saving_rate": "cost_saving_rate",
}
_MONEY_UNITS = {unit.value: unit for unit in MoneyUnit}


def _figure_at(figure: Figure, index: int) -> Location:
    return where(figure.value, f"report.figures[{index}]")


@rule(
    "G21",
    "report-figure-contradicts-table",
    Severity.warning,
    schemes=ALL,
    message="{what}：报告写{report}，{source}为{table}",
)
def report_figure_contradicts_table(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Rates the report states must agree with each other, with their amounts and with the 计分表.

    检查内容：报告中同一比率（到位率、完成率、质量达标率、满意度等）前后是否一致，是否等于报告所写金额之比，
    是否等于计分表所用比率。
    为什么：数据真实是自评质量的首要要求；同一数字两处不同，至少一处是错的。
    示例：资阳2022 老年大学房屋租赁费到位率按200÷426应为46.9%，报告评价部分写46.7%；教学经费36.97÷55＝67.22%
    ，报告写67.72%。
    依据：S1（数据真实）；rules.md §C2、§H-15、§G21。
    """
    report = ctx.report
    if report is None:
        return
    if not report.figures:
        yield Unchecked("报告中未读到数字，无法与表格核对")
        return
    first: dict[str, tuple[int, Figure]] = {}
    for index, figure in enumerate(report.figures):
        if figure.value.value is None:
            continue
        if figure.key in first and figure.value.value != first[figure.key][1].value.value:
            earlier_index, earlier = first[figure.key]
            yield Hit(
                {
                    "what": figure.label,
                    "report": _shown(figure),
                    "source": "报告另一处",
                    "table": _shown(earlier),
                },
                (_figure_at(earlier, earlier_index), _figure_at(figure, index)),
            )
        first.setdefault(figure.key, (index, figure))
    yield from _arrival_from_amounts(first)
    yield from _rates_against_sheet(ctx, first)


def _shown(figure: Figure) -> str:
    value = figure.value.value
    return percent(value) if figure.key.endswith("_rate") else f"{show(value)}{figure.unit}"


def _arrival_from_amounts(figures: dict[str, tuple[int, Figure]]) -> Iterator[Hit]:
    if not {"funds_arrival_rate", "funds_arrived", "budget"} <= figures.keys():
        return
    (rate_at, rate), (_, arrived), (_, budget) = (
        figures[k] for k in ("funds_arrival_rate", "funds_arrived", "budget")
    )
    if rate.value.value is None or arrived.value.value is None or not budget.value.value:
        return
    exact = arrived.value.value / budget.value.value
    if not rate_accepted(rate.value.value, exact):
        yield Hit(
            {
                "what": rate.label,
                "report": percent(rate.value.value),
                "source": "按报告所写金额计算",
                "table": f"{show(arrived.value.value)}÷{show(budget.value.value)}＝{percent(exact)}",
            },
            (_figure_at(rate, rate_at),),
        )


def _rates_against_sheet(ctx: CheckContext, figures: dict[str, tuple[int, Figure]]) -> Iterator[Hit]:
    items = {item.id: (n, item) for n, item in enumerate(ctx.sheet.items)} if ctx.sheet else {}
    for key, item_id in RATE_KEYS.items():
        if key not in figures or item_id not in items:
            continue
        index, figure = figures[key]
        number, item = items[item_id]
        rate = item.measures.get("rate")
        if rate is None or rate.value is None or figure.value.value is None:
            continue
        if not rate_accepted(figure.value.value, rate.value) and not rate_accepted(
            rate.value, figure.value.value
        ):
            yield Hit(
                {
                    "what": figure.label,
                    "report": percent(figure.value.value),
                    "source": "计分表",
                    "table": percent(rate.value),
                },
                (_figure_at(figure, index), where(rate, f"score_sheet.items[{number}].measures.rate")),
            )


def _table_amounts(ctx: CheckContext, key: str) -> list[tuple[Decimal, Location, str]]:
    """Amounts in 万元 the tables give for `budget` or `spent`, with their cells."""
    cells: list[tuple[Stated[Money], str, str]] = []
    row = ctx.form.budget.total if ctx.form else None
    if row is not None:
        index = ctx.form.budget.rows.index(row) if ctx.form else 0
        names = ("initial_budget", "adjusted_budget") if key == "budget" else ("spent",)
        cells += [(getattr(row, n), f"self_eval_form.budget.rows[{index}].{n}", "自评表") for n in names]
    for index, fund in enumerate(ctx.goal_table.funds if ctx.goal_table else ()):
        if fund.source == "total":
            name = "budget" if key == "budget" else "spent"
            cells.append((getattr(fund, name), f"goal_table.funds[{index}].{name}", "完成情况表"))
    return [
        (value, where(cell, path), source)
        for cell, path, source in cells
        if (value := amount(cell, MoneyUnit.wan_yuan)) is not None
    ]


@rule(
    "R03",
    "report-budget-mismatch",
    Severity.warning,
    schemes=ALL,
    message="报告写{what}{report}，{source}为{table}万元",
)
def report_budget_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Budget and spending amounts in the report must match the form or the completion table.

    检查内容：报告中的预算金额、执行（支出）金额，折算为万元后是否等于自评表的年初或调整后预算、执行数，或完
    成情况表（百元）的合计行。
    为什么：报告与表格的金额应出自同一决算数据；百元与万元换算错误是常见问题。
    示例：资阳2022 幸福资阳行报告写「使用慰问金21.6元」，完成情况表执行额2160百元即21.6万元；物业费报告写使用
    40万元，完成情况表执行额为19.6954万元。报告按自身的小数位四舍五入或截断后相同的不触发。
    依据：S1；rules.md §C7、§G20、§G21。
    """
    report = ctx.report
    if report is None:
        return
    for index, figure in enumerate(report.figures):
        unit = _MONEY_UNITS.get(figure.unit)
        if figure.key not in {"budget", "spent"} or unit is None or figure.value.value is None:
            continue
        stated = Money(amount=figure.value.value, unit=unit)
        tables = _table_amounts(ctx, figure.key)
        if tables and not any(_agrees(stated, value) for value, _, _ in tables):
            value, cell_at, source = tables[0]
            shown = f"{show(stated.amount)}{unit.value}"
            yield Hit(
                {"what": figure.label, "report": shown, "source": source, "table": show(value)},
                (_figure_at(figure, index), cell_at),
            )


def _agrees(stated: Money, table_wan: Decimal) -> bool:
    """The table amount in the report's unit, rounded or cut to the report's decimals, is the stated one."""
    table = Money(amount=table_wan, unit=MoneyUnit.wan_yuan).to(stated.unit).amount
    exponent = stated.amount.as_tuple().exponent
    places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    step = Decimal(1).scaleb(-places)
    return stated.amount in {round_half_up(table, places), table.quantize(step, ROUND_DOWN)}
