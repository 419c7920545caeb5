"""Totals, 不适用 re-scaling to 100 and grades (rules.md §A12, §C3)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from jixiao.model.scored import Grade, GroupScore, ScoredItem
from jixiao.scoring.numbers import HUNDRED, ZERO, apply_rounding, fmt
from jixiao.scoring.schemes import resolve

if TYPE_CHECKING:
    from collections.abc import Sequence
    from decimal import Decimal

    from jixiao.schemes.model import Scheme, TotalCaps


@dataclass(frozen=True, slots=True)
class Total:
    """A total with how it was formed."""

    raw_total: Decimal  # Σ scores of applicable items
    applicable_max: Decimal  # Σ weights of applicable items
    total: Decimal  # rounded; rescaled when some item is 不适用
    rescaled: bool
    complete: bool
    explanation: str


def grade_for(total: Decimal, scheme: Scheme | str) -> Grade:
    """Return the grade whose inclusive lower bound the total reaches (rules.md §A12)."""
    bands = resolve(scheme).grades.bands
    return next((band.grade for band in bands if total >= band.min), bands[-1].grade)


def total_of(items: Sequence[ScoredItem], scheme: Scheme) -> Total:
    """Sum applicable scores; with 不适用 items, convert to the scheme's basis (74.4/85×100 = 87.53)."""
    applicable = [item for item in items if not item.not_applicable]
    raw = sum((item.score for item in applicable if item.score is not None), ZERO)
    maximum = sum((item.weight for item in applicable), ZERO)
    complete = all(item.score is not None for item in applicable)
    missing = "" if complete else "（有指标无法计分，按0计入）"
    rounding = scheme.rounding.total
    policy = scheme.not_applicable
    if len(applicable) < len(items) and policy is not None and maximum > ZERO:
        exact = raw / maximum * policy.rescale_to
        total = apply_rounding(exact, rounding)
        text = (
            f"适用指标得分{fmt(raw)}分{missing}，适用指标满分{fmt(maximum)}分，"
            f"折算{fmt(raw)}/{fmt(maximum)}×{fmt(policy.rescale_to)}={fmt(total)}分"
        )
        return Total(raw, maximum, total, rescaled=True, complete=complete, explanation=text)
    total = apply_rounding(raw, rounding)
    parts = "+".join(fmt(item.score) for item in applicable if item.score is not None) or "0"
    text = f"合计{parts}={fmt(total)}分{missing}" if len(applicable) <= 12 else f"合计{fmt(total)}分{missing}"
    return Total(raw, maximum, total, rescaled=False, complete=complete, explanation=text)


def cap_total(total: Total, rate: Decimal | None, caps: TotalCaps | None) -> Total:
    """Apply the lowest ceiling whose execution-rate threshold the rate falls below (rules.md §K2)."""
    if caps is None or rate is None:
        return total
    hits = [cap for cap in caps.caps if rate * HUNDRED < cap.below_pct]
    if not hits:
        return total
    cap = min(hits, key=lambda hit: hit.max_total)
    if total.total <= cap.max_total:
        return total
    text = (
        f"{total.explanation}；预算执行率{fmt(rate * HUNDRED)}%低于{fmt(cap.below_pct)}%，"
        f"总分最高{fmt(cap.max_total)}分，计{fmt(cap.max_total)}分"
    )
    return replace(total, total=cap.max_total, explanation=text)


def group_scores(
    items: Sequence[ScoredItem], labels: Sequence[tuple[str, str, Decimal | None]]
) -> tuple[GroupScore, ...]:
    """Sum items per group, in the given order of (id, name, printed weight or None).

    A group's weight is its printed points less its 不适用 items (its applicable maximum).
    """
    result = []
    for group_id, name, printed in labels:
        members = [item for item in items if item.group == group_id]
        if not members:
            continue
        applicable = [item for item in members if not item.not_applicable]
        score = sum((item.score for item in applicable if item.score is not None), ZERO)
        stated = [item.stated_score for item in members if item.stated_score is not None]
        skipped = sum((item.weight for item in members if item.not_applicable), ZERO)
        weight = printed - skipped if printed is not None else sum((item.weight for item in applicable), ZERO)
        result.append(
            GroupScore(
                id=group_id,
                name=name,
                weight=weight,
                score=score,
                stated_score=sum(stated, ZERO) if stated else None,
            )
        )
    return tuple(result)
