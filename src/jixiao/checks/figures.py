"""Numbers in the text against the tables (rules.md §G21, §H-15; R-rules)."""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING

from jixiao.checks._common import (
    amount,
    cell_text,
    indicator_label,
    indicator_path,
    location_with_quote,
    narrative,
    percent,
    round_half_up,
    show,
    squash,
    where,
)
from jixiao.checks.completion import rate_accepted
from jixiao.checks.context import CheckContext, Hit, Unchecked
from jixiao.checks.registry import ALL, rule
from jixiao.model import Location, Money, MoneyUnit, Severity
from jixiao.model.parse import normalize_text, parse_value

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jixiao.model import Figure, Indicator, Stated

RATE_KEYS = {  # report figure key → 计分表 item id whose measures carry the same rate
    "funds_arrival_rate": "funds_in_place_rate",
    "funds_timely_rate": "funds_timely_rate",
    "completion_rate": "actual_completion_rate",
    "quality_rate": "quality_rate",
    "satisfaction_rate": "satisfaction",
    "cost_saving_rate": "cost_saving_rate",
}
_MONEY_UNITS = {unit.value: unit for unit in MoneyUnit}
_COUNTS = re.compile(r"一级指标\s*(\d+)\s*个.{0,3}二级指标\s*(\d+)\s*个.{0,3}三级指标\s*(\d+)\s*个")
MONTHS = 12
COUNT_TOLERANCE = Decimal("0.1")  # a year's total may differ from 12 × monthly by 10 % before we speak up


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


@rule(
    "R04",
    "report-count-mismatch",
    Severity.warning,
    schemes=ALL,
    message="报告称设置{level}{stated}个，自评表中为{actual}个",
)
def report_count_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Indicator counts the report states must match the form.

    检查内容：报告「实施方案中设置一级指标N个、二级指标M个、三级指标K个」等说法，是否与自评表实际的指标个数
    一致。
    为什么：套用模板而不改数字，说明报告没有依据本项目的评价实际撰写。
    示例：利州2023 短信平台报告称「一级指标3个、二级指标9个、三级指标9个」，自评表有10个三级指标、6个二级指
    标。
    依据：S1（内容完整、数据真实）；rules.md §A13。
    """
    if ctx.report is None or ctx.form is None or not ctx.form.indicators:
        return
    indicators = ctx.form.indicators
    actual = (
        len({squash(i.level1.value) for i in indicators}),
        len({(squash(i.level1.value), squash(i.level2.value)) for i in indicators}),
        len(indicators),
    )
    for paragraph, path in narrative(None, ctx.report):
        match = _COUNTS.search(normalize_text(paragraph.value or ""))
        if match is None:
            continue
        at = location_with_quote(where(paragraph, path), match.group(0))
        for level, stated, real in zip(
            ("一级指标", "二级指标", "三级指标"), match.groups(), actual, strict=True
        ):
            if int(stated) != real:
                yield Hit({"level": level, "stated": stated, "actual": str(real)}, (at,))


_TOTAL_IN_TEXT = r"(?:共计|合计|累计|共)[^，。；;0-9]{{0,12}}?([0-9]+(?:\.[0-9]+)?)\s*{unit}"
_SENTENCE = re.compile(r"[^。；;！!？?]+")
# Words every count indicator shares; they do not tie a sentence to one indicator.
_GENERIC_TERMS = frozenset({"每月", "全年", "多少", "至少", "以上", "数量", "次数", "个数", "完成", "保障"})


def _terms(name: str) -> set[str]:
    """Two-character terms of an indicator name, without the generic ones."""
    clean = squash(name)
    return {clean[i : i + 2] for i in range(len(clean) - 1)} - _GENERIC_TERMS


def _counted(indicator: Indicator) -> tuple[str, Decimal, str] | None:
    """(period, yearly amount, unit) of a monthly or yearly count indicator, else None."""
    name = indicator.name.value or ""
    period = "每月" if "每月" in name else "全年" if "全年" in name else None
    actual = parse_value(cell_text(indicator.actual))
    unit = actual.unit or squash(indicator.unit_of_measure.value)
    if period is None or actual.number is None or not unit or actual.is_percent:
        return None
    return period, actual.number * (MONTHS if period == "每月" else 1), unit


def _text_totals(
    texts: list[tuple[Stated[str], str]], name: str, unit: str
) -> Iterator[tuple[Decimal, Location]]:
    """Totals "共…N unit" in sentences that share a term with the indicator's name."""
    pattern, terms = re.compile(_TOTAL_IN_TEXT.format(unit=re.escape(unit))), _terms(name)
    for paragraph, path in texts:
        for sentence in _SENTENCE.findall(normalize_text(paragraph.value or "")):
            if not any(term in sentence for term in terms):
                continue
            for match in pattern.finditer(sentence):
                yield Decimal(match.group(1)), location_with_quote(where(paragraph, path), match.group(0))


@rule(
    "R08",
    "text-number-contradiction",
    Severity.warning,
    schemes=ALL,
    message="指标「{indicator}」完成值{actual}（{period}），文字中的合计为{text}，两者对不上",
)
def text_number_contradiction(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """A monthly or yearly count in the table must agree with the totals the text states.

    检查内容：名称含「每月」「全年」的数量指标，其完成值（每月×12或全年数）与报告、自评表文字中谈到同一事项的
    「共/共计/累计…N单位」合计是否相差超过10%。
    为什么：同一数量在表格和文字中各说一个数，至少一处不真实。
    示例：利州2023 联席会议表中「每月至少收集诉求…」完成680件，报告却说共收集诉求、意见和建议638件。
    依据：S1（数据真实）；rules.md §G21。
    """
    if ctx.form is None:
        return
    texts = narrative(ctx.form, ctx.report)
    for index, indicator in enumerate(ctx.form.indicators):
        counted = _counted(indicator)
        if counted is None:
            continue
        period, yearly, unit = counted
        for stated, at in _text_totals(texts, indicator.name.value or "", unit):
            if abs(stated - yearly) > yearly * COUNT_TOLERANCE:
                values = {
                    "indicator": indicator_label(indicator),
                    "actual": cell_text(indicator.actual),
                    "period": f"{period}，折合全年{show(yearly)}{unit}",
                    "text": f"{show(stated)}{unit}",
                }
                yield Hit(values, (where(indicator.actual, indicator_path(index, "actual")), at))
