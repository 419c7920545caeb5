"""Ziyang 绩效目标完成情况表 rules (rules.md §C7, §G20) and its deviation column."""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, Decimal
from typing import TYPE_CHECKING

from jixiao.checks._common import HUNDRED, amount, percent, round_half_up, show, where
from jixiao.checks.context import CheckContext, Hit, Unchecked
from jixiao.checks.registry import ZIYANG, rule
from jixiao.model import Severity, Stated
from jixiao.model.parse import normalize_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jixiao.model import CompletionFundRow

AMOUNT_TOLERANCE = Decimal("0.01")
ROW_LABELS = {"total": "合计", "fiscal": "财政拨款", "other_funds": "其他资金"}
RATE_TOLERANCE = Decimal("0.001")  # ±0.1 percentage point (rules.md §G20)
_SAYS_MATCH = re.compile(r"与目标值?一致|无偏差|没有偏差|完全一致")
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")


def _numbers(text: str | None) -> set[Decimal]:
    """The numbers a cell states ("教学运行经费55万元" → {55})."""
    return {Decimal(number) for number in _NUMBER.findall(normalize_text(text or ""))}


def _path(index: int, attribute: str) -> str:
    return f"goal_table.funds[{index}].{attribute}"


def rate_accepted(stated: Decimal, exact: Decimal) -> bool:
    """Half-up or truncated to 0–2 decimals of a percentage point, or within 0.1 pp (rules.md §C5)."""
    if abs(stated - exact) <= RATE_TOLERANCE:
        return True
    points = exact * HUNDRED
    for places in (0, 1, 2):
        step = Decimal(1).scaleb(-places)
        if stated * HUNDRED in {round_half_up(points, places), points.quantize(step, ROUND_DOWN)}:
            return True
    return False


def _row_hits(index: int, row: CompletionFundRow) -> Iterator[Hit]:
    budget, spent, carryover = amount(row.budget), amount(row.spent), amount(row.carryover)
    label = ROW_LABELS.get(row.source, row.source)
    if budget is not None and spent is not None and carryover is not None:
        expected = budget - spent
        if abs(expected - carryover) > AMOUNT_TOLERANCE:
            shown = f"{show(budget)}－{show(spent)}＝{show(expected)}"
            values = {"row": label, "what": "结转结余额", "stated": show(carryover), "expected": shown}
            cells = ("carryover", "budget", "spent")
            yield Hit(values, tuple(where(getattr(row, name), _path(index, name)) for name in cells))
    rate = row.carryover_rate.value
    if rate is not None and carryover is not None and budget:
        exact = carryover / budget
        if not rate_accepted(rate, exact):
            yield Hit(
                {
                    "row": label,
                    "what": "结转结余率",
                    "stated": percent(rate),
                    "expected": f"{show(carryover)}÷{show(budget)}＝{percent(exact)}",
                },
                (where(row.carryover_rate, _path(index, "carryover_rate")),),
            )


@rule(
    "G20",
    "completion-table-arithmetic",
    Severity.error,
    schemes=(ZIYANG,),
    message="完成情况表「{row}」行{what}为{stated}，应为{expected}",
)
def completion_table_arithmetic(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Completion table: 预算额 − 执行额 = 结转结余额 and 结转结余率 = 结转结余额 / 预算额.

    检查内容：绩效目标完成情况表各资金行是否满足「预算额－执行额＝当年结转结余额」，结转结余率是否等于结转结
    余额÷预算额（允许0.1个百分点或截断）。
    为什么：这些数字应与决算一致；算式不成立说明预算额漏填了上年结转或数字抄错。
    示例：资阳2022 老年大学运行经费预算额2000、执行额3420.1、结转结余220.72，等式不成立。
    依据：S3 部门整体框架；rules.md §C5、§C7、§G20。
    """
    table = ctx.goal_table
    if table is None:
        return
    if not table.funds:
        yield Unchecked("完成情况表中未读到预算执行数字，无法核对")
        return
    for index, row in enumerate(table.funds):
        yield from _row_hits(index, row)


@rule(
    "G32",
    "deviation-claims-match",
    Severity.warning,
    schemes=(ZIYANG,),
    message="「{indicator}」执行结果「{result}」与预算指标值「{target}」不同，偏差栏却写「{deviation}」",
)
def deviation_claims_match(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """The deviation column may not claim a match when the result differs from the target.

    检查内容：完成情况表中执行结果写了数字、而预算指标值的数字没有全部出现在其中（数字不同）时，偏差情况栏是否
    仍写「与目标值一致」。只比较数字，文字表述不同不算偏差。
    为什么：偏差栏用于说明差异及原因，写「一致」掩盖了未完成的目标。
    示例：资阳2022 老年大学教学经费目标55万元、执行36.97万元，偏差栏写「与目标值一致」。
    依据：S1（偏差须说明原因）；rules.md §C7。
    """
    table = ctx.goal_table
    if table is None:
        return
    rows = [
        (f"goal_table.indicators[{n}].", r.name, r.target, r.result, r.deviation)
        for n, r in enumerate(table.indicators)
    ]
    annual = Stated[str](value="年度总体目标")
    rows.append(("goal_table.goal_", annual, table.annual_goal, table.goal_result, table.goal_deviation))
    for prefix, name, target, result, deviation in rows:
        said = deviation.value or ""
        found = _numbers(result.value)
        if not _SAYS_MATCH.search(said) or not found or _numbers(target.value) <= found:
            continue
        yield Hit(
            {
                "indicator": name.value or "年度总体目标",
                "result": result.value or "",
                "target": target.value or "",
                "deviation": said.strip(),
            },
            (where(deviation, f"{prefix}deviation"), where(result, f"{prefix}result")),
        )
