"""计分表 items scored by a named formula from a measure (`rate` or `quarters_on_time`), rules.md §C1-C2."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.scoring import formulas
from jixiao.scoring.numbers import HUNDRED, ONE, ZERO, apply_rounding, fmt, fmt_rate
from jixiao.scoring.verdict import Verdict, computed

if TYPE_CHECKING:
    from jixiao.model.forms import ScoreSheetItem
    from jixiao.schemes.model import ItemFormula, Scheme, SheetItem


# A rate is a fraction; above 200 % it was almost surely typed in percentage points (94.25 for 94.25 %).
_RATE_CEILING = Decimal(2)


def score_formula_item(item: ScoreSheetItem, definition: SheetItem, scheme: Scheme) -> Verdict:
    """Compute the item from its measure; without a measure accept the stated score and flag it."""
    formula = definition.formula
    if formula is None:
        message = f"指标 {definition.id} 没有计算公式"
        raise ValueError(message)
    measure = item.measures.get(formula.measure)
    value = measure.value if measure is not None else None
    if value is None:
        return _stated_accepted(item.score.value, definition, formula)
    if formula.name == "per_quarter":
        return _per_quarter(value, definition.points, formula)
    verdict = _by_rate(value, definition, formula, scheme)
    ceiling = ONE if formula.name == "saving_or_proportional" else _RATE_CEILING
    if value > ceiling:
        text = f"比率{fmt_rate(value)}不合常理，请确认是否按小数填写（94.25%应填0.9425）"
        return verdict.with_text(text).with_flags("measure_out_of_range")
    return verdict


def _by_rate(value: Decimal, definition: SheetItem, formula: ItemFormula, scheme: Scheme) -> Verdict:
    label, points = definition.label, definition.points
    if formula.name == "shortfall_points":
        return _shortfall(value, label, points, formula, scheme)
    if formula.name == "saving_or_proportional":
        return _saving(value, label, points, scheme)
    if value > ONE:
        return Verdict(points, f"{label}{fmt_rate(value)}，超过100%按100%计，得满分{fmt(points)}分")
    exact = formulas.rate_times_points(value, points)
    return computed(
        exact, f"{fmt_rate(value)}×{fmt(points)}", scheme.rounding.item, f"{label}{fmt_rate(value)}"
    )


def _stated_accepted(stated: Decimal | None, definition: SheetItem, formula: ItemFormula) -> Verdict:
    points = definition.points
    if stated is None:
        return Verdict(None, "未提供计算依据，也未填自评分，无法计分", ("missing_measure", "missing_score"))
    if stated > points:
        text = f"未提供计算依据，自评{fmt(stated)}分超过分值{fmt(points)}分，按{fmt(points)}分计"
        return Verdict(points, text, ("stated_accepted", "score_above_weight"))
    if stated < ZERO:
        return Verdict(
            ZERO, f"未提供计算依据，自评{fmt(stated)}分为负数，按0分计", ("stated_accepted", "negative_score")
        )
    verdict = Verdict(stated, f"未提供计算依据，采用自评分{fmt(stated)}分", ("stated_accepted",))
    step = formula.points_per_quarter
    if step is not None and stated % step != ZERO:
        text = f"每季度{fmt(step)}分，{fmt(stated)}分不是{fmt(step)}的整数倍"
        return verdict.with_text(text).with_flags("off_rubric")
    return verdict


def _per_quarter(quarters: Decimal, points: Decimal, formula: ItemFormula) -> Verdict:
    step = formula.points_per_quarter or ZERO
    count = formula.quarters or 0
    score = formulas.per_quarter(quarters, step, count)
    counted = score / step if step else ZERO
    text = f"按期完成{fmt(counted)}个季度，按{fmt(counted)}×{fmt(step)}={fmt(score)}分"
    flags = () if quarters == counted else ("measure_out_of_range",)
    if flags:
        text = f"{text}（填报{fmt(quarters)}个季度，按0～{count}个整季度计）"
    return Verdict(min(score, points), text, flags)


def _shortfall(rate: Decimal, label: str, points: Decimal, formula: ItemFormula, scheme: Scheme) -> Verdict:
    target = formula.target_pct or HUNDRED
    per = formula.points_per_pct or ONE
    mode = formula.shortfall or "proportional"
    shown = fmt_rate(rate)
    if rate * HUNDRED >= target:
        return Verdict(points, f"{label}{shown}达到目标值{fmt(target)}%，得满分{fmt(points)}分")
    short = formulas.shortfall_shown(rate, target, mode)
    exact = formulas.shortfall_points(rate, points, target, per, mode)
    lead = f"{label}{shown}，比目标值{fmt(target)}%少{fmt(short)}个百分点"
    raw = points - short * per
    if raw <= ZERO:
        return Verdict(ZERO, f"{lead}，按{fmt(points)}−{fmt(short)}×{fmt(per)}={fmt(raw)}，扣完为止，计0分")
    return computed(exact, f"{fmt(points)}−{fmt(short)}×{fmt(per)}", scheme.rounding.item, lead)


def _saving(rate: Decimal, label: str, points: Decimal, scheme: Scheme) -> Verdict:
    shown = fmt_rate(rate)
    if rate >= ZERO:
        return Verdict(points, f"{label}{shown}，成本有节约（未超支），得满分{fmt(points)}分")
    raw = points * (ONE + rate)
    lead = f"{label}{shown}，成本超支，按比例扣分"
    if raw <= ZERO:
        shown_raw = fmt(apply_rounding(raw, scheme.rounding.item))
        return Verdict(ZERO, f"{lead}，按{fmt(points)}×(1{shown})={shown_raw}，扣完为止，计0分")
    exact = formulas.saving_or_proportional(rate, points)
    return computed(exact, f"{fmt(points)}×(1{shown})", scheme.rounding.item, lead)
