"""定量 indicators: 正向, 反向 (two formulas), 等于, target 0, odd actual values (rules.md §A5-A9)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.model.indicator import Direction
from jixiao.model.parse import parse_value
from jixiao.model.values import ParsedValue, ValueKind
from jixiao.scoring import formulas
from jixiao.scoring.numbers import HUNDRED, ZERO, apply_rounding, fmt
from jixiao.scoring.quantity import Pair, align, read_quantity
from jixiao.scoring.verdict import Verdict, cannot_score, computed

if TYPE_CHECKING:
    from jixiao.schemes.model import IndicatorRules, Rounding

_UPWARD = {Direction.at_least, Direction.more_than}
_DOWNWARD = {Direction.at_most, Direction.less_than}


def score_quantitative(
    direction: Direction,
    cells: tuple[str, str, str],
    weight: Decimal,
    rules: IndicatorRules,
    rounding: Rounding,
) -> Verdict:
    """Score a 定量 row from its (target, unit of measure, actual) cells."""
    target_text, uom, actual_text = cells
    target, actual = parse_value(target_text), parse_value(actual_text)
    prepared = _unusable(target, actual) or _pair(target, actual, uom)
    if isinstance(prepared, Verdict):
        return prepared
    pair = prepared
    extra = ("actual_has_comparator",) if actual.comparator is not None else ()
    if pair.actual < ZERO:
        if rules.quantitative.negative_actual == "cannot_score":
            return cannot_score(f"完成值{pair.actual_shown}为负数，无法计分", "negative_actual")
        pair = Pair(pair.target, ZERO, pair.target_shown, pair.actual_shown, pair.flags)
        extra = (*extra, "negative_actual")
    verdict = _by_direction(direction, pair, weight, rules, rounding)
    if "negative_actual" in extra:
        verdict = verdict.with_text("完成值为负数，按0计")
    return verdict.with_flags(*pair.flags, *extra)


def _pair(target: ParsedValue, actual: ParsedValue, uom: str) -> Pair | Verdict:
    """Target and actual on one scale, or why they cannot be compared."""
    target_quantity, actual_quantity = read_quantity(target, uom), read_quantity(actual, uom)
    if target_quantity is None or actual_quantity is None:
        return cannot_score(f"指标值「{target.text}」不是数值，无法按定量公式计分", "target_not_numeric")
    if (target_quantity.base == "年月") != (actual_quantity.base == "年月"):
        return cannot_score(
            f"指标值「{target.text}」与完成值「{actual.text}」一个是日期一个是数量，无法比较",
            "not_comparable",
        )
    pair = align(target_quantity, actual_quantity)
    if pair.target < ZERO:
        return cannot_score(f"指标值{pair.target_shown}为负数，无法按比例公式计分", "target_negative")
    return pair


def _unusable(target: ParsedValue, actual: ParsedValue) -> Verdict | None:
    if target.kind in {ValueKind.text, ValueKind.blank}:
        return cannot_score(f"指标值「{target.text}」不是数值，无法按定量公式计分", "target_not_numeric")
    if actual.kind is ValueKind.blank:
        return cannot_score("完成值缺失，无法计分", "missing_actual")
    if actual.kind is ValueKind.text:
        flags = ("missing_actual", "unparsed_value") if actual.unparsed else ("missing_actual",)
        return cannot_score(f"完成值「{actual.text}」不是数值，无法按定量公式计分", *flags)
    repeats = actual.comparator is not None and actual.comparator == target.comparator
    if repeats and actual.number == target.number:
        return cannot_score(
            f"完成值「{actual.text}」只是重复了指标值，不是实际完成的数值，无法计分", "actual_repeats_target"
        )
    return None


def _by_direction(
    direction: Direction, pair: Pair, weight: Decimal, rules: IndicatorRules, rounding: Rounding
) -> Verdict:
    if pair.is_date:
        return _date(direction, pair, weight)
    if direction in _DOWNWARD:
        return _downward(pair, weight, rules, rounding)
    if direction is Direction.equal:
        return _equal(pair, weight, rules, rounding)
    return _upward(pair, weight, rules, rounding)


def _upward(pair: Pair, weight: Decimal, rules: IndicatorRules, rounding: Rounding) -> Verdict:
    target, actual, shown_a, shown_b = pair.target, pair.actual, pair.target_shown, pair.actual_shown
    if target == ZERO:
        verdict = Verdict(weight, f"指标值为0，完成值{shown_b}即达成，得满分{fmt(weight)}分")
        return _over_achievement(verdict, pair, weight, rules)
    if actual >= target:
        verdict = Verdict(weight, f"完成值{shown_b}达到指标值{shown_a}，得满分{fmt(weight)}分")
        return _over_achievement(verdict, pair, weight, rules)
    exact = formulas.target_ratio(actual, target, weight)
    lead = f"完成值{shown_b}低于指标值{shown_a}"
    return computed(exact, f"{fmt(actual)}/{fmt(target)}×{fmt(weight)}", rounding, lead)


def _downward(pair: Pair, weight: Decimal, rules: IndicatorRules, rounding: Rounding) -> Verdict:
    target, actual, shown_a, shown_b = pair.target, pair.actual, pair.target_shown, pair.actual_shown
    if target == ZERO:
        return _zero_target_strict(pair, weight)
    if actual <= target:
        return Verdict(weight, f"完成值{shown_b}未超过指标值{shown_a}，得满分{fmt(weight)}分")
    lead = f"完成值{shown_b}超过指标值{shown_a}（反向指标）"
    ratio = formulas.target_over_actual(actual, target, weight)
    straight = formulas.linear(actual, target, weight)
    ratio_text = f"{fmt(target)}/{fmt(actual)}×{fmt(weight)}"
    linear_text = f"(1−({fmt(actual)}−{fmt(target)})/{fmt(target)})×{fmt(weight)}"
    if rules.quantitative.at_most == "linear":
        verdict, other, other_name = computed(straight, linear_text, rounding, lead), ratio, "指标值/完成值法"
    else:
        verdict, other, other_name = computed(ratio, ratio_text, rounding, lead), straight, "线性扣分法"
    if apply_rounding(other, rounding) != verdict.score:
        verdict = verdict.with_text(f"按{other_name}为{fmt(apply_rounding(other, rounding))}分")
    return verdict


def _equal(pair: Pair, weight: Decimal, rules: IndicatorRules, rounding: Rounding) -> Verdict:
    if pair.target == ZERO:
        return _zero_target_strict(pair, weight)
    verdict = _upward(pair, weight, rules, rounding)
    if pair.actual != pair.target and rules.quantitative.equal_deviation == "flag":
        verdict = verdict.with_text(
            f"「=」指标的完成值{pair.actual_shown}与指标值{pair.target_shown}不等，须说明"
        )
        verdict = verdict.with_flags("equal_deviation")
    return verdict


def _zero_target_strict(pair: Pair, weight: Decimal) -> Verdict:
    """Target 0 for 反向 and 等于: full only when the actual is not above 0 (rules.md §A8, S10)."""
    if pair.actual <= ZERO:
        return Verdict(weight, f"指标值为0，完成值{pair.actual_shown}未超过0，得满分{fmt(weight)}分")
    return Verdict(ZERO, f"指标值为0，完成值{pair.actual_shown}大于0，得0分", ("zero_target_exceeded",))


def _over_achievement(verdict: Verdict, pair: Pair, weight: Decimal, rules: IndicatorRules) -> Verdict:
    """Flag an actual far above the target (rules.md §A9); deduct only if the scheme sets a penalty."""
    policy = rules.over_achievement
    if pair.target == ZERO:
        if pair.actual < policy.zero_target_threshold:
            return verdict
        text = f"指标值为0而完成值达{pair.actual_shown}，超计划较大，须说明原因（指标值可能偏低）"
    else:
        ratio = pair.actual / pair.target * HUNDRED
        if ratio < policy.threshold_pct:
            return verdict
        shown = fmt(ratio.quantize(Decimal(1)))
        text = f"完成值为指标值的{shown}%，达到{fmt(policy.threshold_pct)}%以上，须说明原因（指标值可能偏低）"
    verdict = verdict.with_text(text).with_flags("over_achievement")
    if policy.penalty_points > ZERO:
        reduced = max(ZERO, weight - policy.penalty_points)
        verdict = Verdict(
            reduced, f"{verdict.explanation}，按方案扣{fmt(policy.penalty_points)}分", verdict.flags
        )
    return verdict


def _date(direction: Direction, pair: Pair, weight: Decimal) -> Verdict:
    """Deadlines: met → full; missed → no formula applies (a stated score may be accepted by the caller)."""
    met = pair.actual <= pair.target if direction in _DOWNWARD else pair.actual >= pair.target
    if direction is Direction.equal:
        met = pair.actual <= pair.target
    if met:
        return Verdict(
            weight, f"完成时间{pair.actual_shown}符合指标值{pair.target_shown}，得满分{fmt(weight)}分"
        )
    return cannot_score(
        f"完成时间{pair.actual_shown}未达到指标值{pair.target_shown}，日期无比例公式，需按自评分人工认定",
        "date_not_met",
    )
