"""Score one indicator row of a 自评表 under a scheme: 定量 or 定性, with explanation and flags."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from jixiao.model.indicator import Direction, Indicator
from jixiao.model.parse import parse_direction, parse_value
from jixiao.model.scored import ScoredItem
from jixiao.model.values import Comparator, ValueKind
from jixiao.scoring.numbers import ZERO, fmt
from jixiao.scoring.qualitative import QualitativeCells, score_qualitative
from jixiao.scoring.quantitative import score_quantitative
from jixiao.scoring.schemes import resolve
from jixiao.scoring.verdict import Verdict

if TYPE_CHECKING:
    from decimal import Decimal

    from jixiao.schemes.model import IndicatorRules, Scheme

# 一级指标 labels → group ids (DESIGN glossary); matched by prefix so 产出 / 产出指标 both work.
LEVEL1_GROUPS = (("产出", "output"), ("效益", "benefit"), ("满意度", "satisfaction"), ("成本", "cost"))

_COMPARATOR_DIRECTIONS = {
    Comparator.at_least: Direction.at_least,
    Comparator.more_than: Direction.more_than,
    Comparator.at_most: Direction.at_most,
    Comparator.less_than: Direction.less_than,
    Comparator.equal: Direction.equal,
}


# Trailing words that say which way a bare number points: "20万人以上" is ≥, "5天以内" is ≤.
_QUALIFIER_DIRECTIONS = {
    "以上": Direction.at_least,
    "以下": Direction.at_most,
    "以内": Direction.at_most,
    "之内": Direction.at_most,
}

_FAMILY = {
    Direction.at_least: "up",
    Direction.more_than: "up",
    Direction.at_most: "down",
    Direction.less_than: "down",
    Direction.equal: "equal",
    Direction.qualitative: "text",
}


@lru_cache(maxsize=1024)  # a few dozen 一级指标 labels, one lookup per indicator row
def level1_group(label: str) -> str:
    """Return the group id of a 一级指标 label, or "other"."""
    text = label.strip()
    return next((group for prefix, group in LEVEL1_GROUPS if text.startswith(prefix)), "other")


def score_indicator(
    indicator: Indicator, scheme: Scheme | str, *, item_id: str = "indicator", field: str = ""
) -> ScoredItem:
    """Score an indicator row: the formula the scheme names, the stated score beside it."""
    resolved = resolve(scheme)
    rules = _rules(resolved)
    weight = indicator.weight.value
    base = {
        "id": item_id,
        "name": indicator.name.value or indicator.name.raw or "（未命名指标）",
        "group": level1_group(indicator.level1.value or indicator.level1.raw),
        "stated_score": indicator.score.value,
        "field": field,
        "location": indicator.score.location or indicator.name.location,
    }
    if weight is None:
        return ScoredItem(
            **base, weight=ZERO, score=None, explanation="权重缺失，无法计分", flags=("missing_weight",)
        )
    if indicator.not_applicable:
        text = "不适用：不计入得分和满分"
        return ScoredItem(**base, weight=weight, score=None, explanation=text, not_applicable=True)
    verdict = _verdict(indicator, weight, rules, resolved)
    verdict = _accept_stated_when_needed(verdict, indicator.score.value, weight)
    return ScoredItem(
        **base, weight=weight, score=verdict.score, explanation=verdict.explanation, flags=verdict.flags
    )


def _rules(scheme: Scheme) -> IndicatorRules:
    if scheme.indicators is None:
        message = f"评分方案 {scheme.id} 没有绩效指标规则（indicators）"
        raise ValueError(message)
    return scheme.indicators


def _verdict(indicator: Indicator, weight: Decimal, rules: IndicatorRules, scheme: Scheme) -> Verdict:
    direction, inferred = _direction(indicator)
    target = indicator.target.value or indicator.target.raw
    uom = indicator.unit_of_measure.value or indicator.unit_of_measure.raw
    actual = indicator.actual.value or indicator.actual.raw
    rounding = scheme.rounding.item
    outcome = indicator.qualitative_outcome.name if indicator.qualitative_outcome else None
    cells = QualitativeCells(target, uom, actual, indicator.score.value, outcome)
    if direction is Direction.qualitative:
        verdict = score_qualitative(cells, weight, rules, rounding)
    else:
        verdict = score_quantitative(direction, (target, uom, actual), weight, rules, rounding)
        if "target_not_numeric" in verdict.flags:
            # A 定量 row with a text target ("全年") can only be judged like a 定性 one (rules.md §B2).
            fallback = score_qualitative(cells, weight, rules, rounding)
            verdict = fallback.with_text("指标值不是数值，按定性指标判断").with_flags("target_not_numeric")
    if inferred:
        return verdict.with_flags("direction_inferred")
    if _conflicts(direction, parse_value(target).comparator):
        return verdict.with_text("指标性质与指标值中的比较符不一致").with_flags("direction_conflict")
    return verdict


def _conflicts(direction: Direction, comparator: Comparator | None) -> bool:
    """True when the 指标性质 column and the comparator written in the 指标值 disagree."""
    if comparator is None:
        return False
    if direction is Direction.qualitative:
        return True
    return _FAMILY[_COMPARATOR_DIRECTIONS[comparator]] != _FAMILY[direction]


def _direction(indicator: Indicator) -> tuple[Direction, bool]:
    """指标性质 as stated, else the target's comparator or 以上/以下, else 定性 for text, ≥ for numbers."""
    if indicator.direction.value is not None:
        return indicator.direction.value, False
    written = parse_direction(indicator.direction.raw)
    if written is not None:
        return written, False
    target = parse_value(indicator.target.value or indicator.target.raw)
    if target.comparator is not None:
        return _COMPARATOR_DIRECTIONS[target.comparator], True
    if target.qualifier in _QUALIFIER_DIRECTIONS:
        return _QUALIFIER_DIRECTIONS[target.qualifier], True
    if target.kind in {ValueKind.number, ValueKind.date}:
        return Direction.at_least, True
    return Direction.qualitative, True


def _accept_stated_when_needed(verdict: Verdict, stated: Decimal | None, weight: Decimal) -> Verdict:
    """A missed deadline has no formula: the stated score stands if it is within 0..weight."""
    if verdict.score is not None or "date_not_met" not in verdict.flags:
        return verdict
    if stated is None or not ZERO <= stated <= weight:
        return verdict
    text = f"{verdict.explanation}；采用自评分{fmt(stated)}分"
    return Verdict(stated, text, (*verdict.flags, "stated_accepted"))
