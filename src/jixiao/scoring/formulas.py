"""The closed set of named scoring formulas a scheme can choose (STYLE §2).

Each takes exact Decimals and returns the unrounded score, never below 0 nor above the weight;
rounding is the caller's, by the scheme's policy. A new formula needs a function here, a docstring
citing its source, a name in `jixiao.schemes.model` and test cases.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal

from jixiao.scoring.numbers import HUNDRED, ONE, ZERO, clamp


def target_ratio(actual: Decimal, target: Decimal, weight: Decimal) -> Decimal:
    """正向: actual / target × weight, capped at the weight (rules.md §A6, S2 [V]); target must be > 0."""
    return clamp(actual / target * weight, ZERO, weight)


def target_over_actual(actual: Decimal, target: Decimal, weight: Decimal) -> Decimal:
    """反向 (MOF note): target / actual × weight, full when actual ≤ target (rules.md §A6, S2 [V])."""
    if actual <= target:
        return weight
    return clamp(target / actual * weight, ZERO, weight)


def linear(actual: Decimal, target: Decimal, weight: Decimal) -> Decimal:
    """反向 (provincial system): (1 − (actual − target)/target) × weight, 0 at twice the target.

    rules.md §A7, S10 [V] practice. Target must be > 0.
    """
    if actual <= target:
        return weight
    return clamp((ONE - (actual - target) / target) * weight, ZERO, weight)


def rate_times_points(rate: Decimal, points: Decimal) -> Decimal:
    """得分 = 比率 × 分值, within 0..points (计分表「得分=实际完成率*4分」, rules.md §C1 [V]; §A11)."""
    return clamp(rate * points, ZERO, points)


def shortfall_shown(rate: Decimal, target_pct: Decimal, shortfall: str) -> Decimal:
    """Percentage points short of the target; `round_up` counts a started point as whole (§H-8)."""
    missing = max(ZERO, target_pct - rate * HUNDRED)
    if shortfall == "round_up":
        return missing.to_integral_value(rounding=ROUND_CEILING)
    return missing


def shortfall_points(
    rate: Decimal,
    points: Decimal,
    target_pct: Decimal,
    points_per_pct: Decimal,
    shortfall: str,
) -> Decimal:
    """达到目标值得满分，每少一个百分点扣 points_per_pct 分，扣完为止 (计分表 资金到位率, rules.md §C1 [V]).

    A fractional shortfall deducts proportionally by default (rules.md §H-8).
    """
    return clamp(points - shortfall_shown(rate, target_pct, shortfall) * points_per_pct, ZERO, points)


def per_quarter(quarters: Decimal, points_per_quarter: Decimal, quarters_max: int) -> Decimal:
    """完成及时率: points per quarter completed on time (计分表「1--4季度各得1.5分」, rules.md §C1 [V])."""
    counted = clamp(quarters.to_integral_value(), ZERO, Decimal(quarters_max))
    return counted * points_per_quarter


def saving_or_proportional(rate: Decimal, points: Decimal) -> Decimal:
    """成本节约率: a saving (rate ≥ 0) earns full points; an overspend deducts proportionally.

    计分表「节约的计5分，增加的按比例扣分」; reading: points × (1 + rate), floor 0 (rules.md §C1 [V], §K).
    """
    if rate >= ZERO:
        return points
    return clamp(points * (ONE + rate), ZERO, points)
