"""定性 indicators: three outcome bands as shares of the weight, lower bound inclusive (rules.md §A10).

A 完成值 identical to the 指标值 (after clean-up) reaches the target; otherwise the unit chooses a band
and the stated score must lie in it. A band label written as the 完成值 (达成年度指标, or the older
达成预期指标) chooses that band.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from jixiao.model.parse import parse_value
from jixiao.scoring.numbers import HUNDRED, ZERO, apply_rounding, fmt
from jixiao.scoring.quantity import align, read_quantity
from jixiao.scoring.verdict import Verdict, cannot_score

if TYPE_CHECKING:
    from decimal import Decimal

    from jixiao.schemes.model import IndicatorRules, QualitativeBand, Rounding

_NOISE = re.compile(r"[\s，。、；：,.;:!！?？“”\"'（）()]")


@dataclass(frozen=True, slots=True)
class QualitativeCells:
    """The cells a 定性 row is judged from."""

    target: str
    unit_of_measure: str
    actual: str
    stated_score: Decimal | None
    outcome: str | None  # chosen band: achieved / partly_achieved / not_achieved


@dataclass(frozen=True, slots=True)
class _Band:
    band: QualitativeBand
    low: Decimal
    high: Decimal
    top: bool

    def holds(self, score: Decimal) -> bool:
        return self.low <= score <= self.high if self.top else self.low <= score < self.high

    def describe(self) -> str:
        closing = "]" if self.top else ")"
        return f"「{self.band.label}」档[{fmt(self.low)}, {fmt(self.high)}{closing}"


def score_qualitative(
    cells: QualitativeCells, weight: Decimal, rules: IndicatorRules, rounding: Rounding
) -> Verdict:
    """Score a 定性 row: the chosen or implied band decides what stated score is accepted."""
    if not cells.actual.strip():
        return cannot_score("完成值缺失，无法计分", "missing_actual")
    if cells.stated_score is not None and cells.stated_score > weight:
        capped = _judge(replace(cells, stated_score=weight), weight, rules, rounding)
        text = f"自评{fmt(cells.stated_score)}分超过权重{fmt(weight)}分，按{fmt(weight)}分看待"
        return capped.with_text(text).with_flags("score_above_weight")
    return _judge(cells, weight, rules, rounding)


def _judge(cells: QualitativeCells, weight: Decimal, rules: IndicatorRules, rounding: Rounding) -> Verdict:
    bands = _bands(weight, rules, rounding)
    chosen, flags = _chosen_band(cells, bands)
    if chosen is None:
        return _band_from_score(cells, bands, weight)
    lead = f"完成值「{cells.actual.strip()}」与指标值相同，视为达成，" if flags else ""
    lead += f"属{chosen.describe()}"
    stated = cells.stated_score
    if stated is None:
        score = weight if chosen.top else chosen.low
        return Verdict(score, f"{lead}，未填自评分，计{fmt(score)}分", flags)
    if chosen.holds(stated):
        return Verdict(stated, f"{lead}，自评分{fmt(stated)}分在档内，予以认可", flags)
    text = f"{lead}，自评分{fmt(stated)}分不在档内，按该档下限计{fmt(chosen.low)}分"
    return Verdict(chosen.low, text, (*flags, "outside_band"))


def _bands(weight: Decimal, rules: IndicatorRules, rounding: Rounding) -> list[_Band]:
    result = []
    for index, band in enumerate(rules.qualitative_bands.bands):
        low = apply_rounding(weight * band.min_pct / HUNDRED, rounding)
        high = apply_rounding(weight * band.max_pct / HUNDRED, rounding)
        result.append(_Band(band, low, high, top=index == 0))
    return result


def _chosen_band(cells: QualitativeCells, bands: list[_Band]) -> tuple[_Band | None, tuple[str, ...]]:
    if cells.outcome is not None:
        return next((band for band in bands if band.band.outcome == cells.outcome), None), ()
    actual = _clean(cells.actual)
    for band in bands:
        if actual in {_clean(band.band.label), _clean(band.band.label.replace("年度", "预期"))}:
            return band, ()
    if _same(cells):
        return bands[0], ("text_equals_target",)
    return None, ()


def _band_from_score(cells: QualitativeCells, bands: list[_Band], weight: Decimal) -> Verdict:
    stated = cells.stated_score
    lead = f"完成值「{cells.actual.strip()}」与指标值「{cells.target.strip()}」不同，未选择定性档次"
    if stated is None:
        return cannot_score(f"{lead}，也未填自评分，无法计分", "band_not_chosen")
    if stated > weight or stated < ZERO:
        score = min(max(stated, ZERO), weight)
        return Verdict(
            score,
            f"{lead}；自评分{fmt(stated)}分超出0～{fmt(weight)}分，计{fmt(score)}分",
            ("band_not_chosen",),
        )
    band = next(band for band in bands if band.low <= stated)
    return Verdict(
        stated, f"{lead}；自评分{fmt(stated)}分属{band.describe()}，予以认可", ("band_not_chosen",)
    )


def _same(cells: QualitativeCells) -> bool:
    """Identical text, or two numbers that are equal on one scale ("4" and "4人")."""
    if _clean(cells.target) == _clean(cells.actual):
        return True
    target = read_quantity(parse_value(cells.target), cells.unit_of_measure)
    actual = read_quantity(parse_value(cells.actual), cells.unit_of_measure)
    if target is None or actual is None:
        return False
    pair = align(target, actual)
    return pair.actual == pair.target and "unit_mismatch" not in pair.flags


def _clean(text: str) -> str:
    return _NOISE.sub("", text)
