"""Numbers a 计分表 row's 自评依据 states, which formula items are scored from (rules.md §C1).

"预算资金45万元，到位45万元，到位率100%" → {"rate": 1}; "94.25%" alone → {"rate": 0.9425};
"3个季度按时完成" → {"quarters_on_time": 3} for 完成及时率. Rates are fractions. Items scored by judgement
(立项规范性 …) have no measures.
"""

from __future__ import annotations

import re
from decimal import Decimal

from jixiao.model import Location, Stated
from jixiao.recognize.text import label_key

# Words that name each formula item's rate in free text; a percentage right after one of them wins.
RATE_WORDS: dict[str, tuple[str, ...]] = {
    "funds_in_place_rate": ("到位率",),
    "funds_timely_rate": ("及时率", "到位及时率"),
    "actual_completion_rate": ("实际完成率", "完成率"),
    "completion_timeliness": ("完成及时率", "及时率"),
    "quality_rate": ("质量达标率", "达标率"),
    "cost_saving_rate": ("成本节约率", "节约率"),
    "satisfaction": ("满意度", "满意率"),
    "economic_benefit": ("实现程度",),
    "social_benefit": ("实现程度",),
    "ecological_benefit": ("实现程度",),
    "sustainable_impact": ("影响程度", "实现程度"),
}
_PERCENT = re.compile(r"([-+−]?\d+(?:\.\d+)?)%")
_QUARTERS = re.compile(r"(\d)个季度")


def extract_measures(item_id: str, basis: Stated[str]) -> dict[str, Stated[Decimal]]:
    """Return the measures stated in a row's 自评依据 text (empty when none is stated)."""
    words = RATE_WORDS.get(item_id)
    text = label_key(basis.raw)
    if words is None or not text:
        return {}
    out: dict[str, Stated[Decimal]] = {}
    rate = _rate_after(text, words)
    if rate is not None:
        out["rate"] = Stated(value=rate[0], raw=rate[1], location=_at(basis, "rate"))
    if item_id == "completion_timeliness":
        quarters = _QUARTERS.search(text)
        if quarters is not None:
            value = Decimal(quarters.group(1))
            out["quarters_on_time"] = Stated(
                value=value, raw=quarters.group(0), location=_at(basis, "quarters")
            )
    return out


def _rate_after(text: str, words: tuple[str, ...]) -> tuple[Decimal, str] | None:
    for word in words:
        match = re.search(re.escape(word) + r"[为是达到约]{0,3}([-+−]?\d+(?:\.\d+)?)%", text)
        if match is not None:
            return _fraction(match.group(1)), match.group(0)
    percents = _PERCENT.findall(text)
    if len(percents) == 1:
        return _fraction(percents[0]), percents[0] + "%"
    return None


def _fraction(number: str) -> Decimal:
    """Percentage points to a fraction keeping the digits, as `parse_percent` does (94.25 → 0.9425)."""
    return Decimal(number.replace("−", "-")).scaleb(-2)


def _at(basis: Stated[str], key: str) -> Location | None:
    """The basis cell's location, naming the measure (items[3].basis → items[3].measures.rate)."""
    location = basis.location
    if location is None:
        return None
    row = (location.field or "").removesuffix(".basis")
    return location.with_field(f"{row}.measures.{key}")
