"""Bring an indicator's target and actual onto one scale before they are compared (rules.md §A8).

Percentages: "95" with 度量单位 "%", "95%" and "0.95" mean the same. Units inside values ("1.8万元",
"20万人") are converted through their multiplier prefix (万, 亿, 千, 百) to the target's unit. Dates
("2023年11月") compare as year and month.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from jixiao.model.values import ParsedValue, ValueKind
from jixiao.scoring.numbers import HUNDRED, ONE, fmt

# Chinese multiplier prefixes of a unit ("万元" = 10 000 元); "百分" is a percentage word, not 百.
_PREFIXES = {"亿": Decimal(100_000_000), "万": Decimal(10_000), "千": Decimal(1_000), "百": Decimal(100)}
_PERCENT = "%"


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in a base unit (元, 人, % …) with the text to show and its display multiplier."""

    value: Decimal  # in the base unit; percentages in percent points
    base: str  # base unit, "%" for percentages, "" for bare numbers, "年月" for dates
    multiplier: Decimal  # base units per display unit (10 000 for 万元)
    shown: str  # as written, without comparator: "47%", "1.8万元"
    explicit: bool = True  # the unit was written in the value, not taken from the 度量单位 column


@dataclass(frozen=True, slots=True)
class Pair:
    """Target and actual on the same scale, in the target's display unit."""

    target: Decimal
    actual: Decimal
    target_shown: str
    actual_shown: str
    flags: tuple[str, ...]
    is_date: bool = False


def split_unit(unit: str) -> tuple[Decimal, str]:
    """Split a unit into its multiplier and base: 万元 → (10000, 元), 百万元 → (1000000, 元)."""
    text = unit.strip()
    if len(text) >= 2 and text[0] in _PREFIXES and not text.startswith("百分"):
        inner, base = split_unit(text[1:])
        return _PREFIXES[text[0]] * inner, base
    return ONE, text


def same_base(first: str, second: str) -> bool:
    """True for equal base units, or one unit with a per-period part the other omits (次/年 and 次)."""
    if first == second:
        return True
    if "/" in first and "/" not in second:
        return first.split("/", maxsplit=1)[0] == second
    if "/" in second and "/" not in first:
        return second.split("/", maxsplit=1)[0] == first
    return False


def read_quantity(parsed: ParsedValue, unit_of_measure: str) -> Quantity | None:
    """Read a parsed cell as a quantity; None when it holds no number or date."""
    uom = unit_of_measure.strip().replace("％", _PERCENT)
    if parsed.kind is ValueKind.date and parsed.year is not None:
        month = parsed.month or 12
        return Quantity(Decimal(parsed.year * 12 + month), "年月", ONE, parsed.text)
    if not parsed.is_number or parsed.number is None:
        return None
    number = parsed.number
    if parsed.is_percent or parsed.unit == _PERCENT:
        return Quantity(number, _PERCENT, ONE, f"{fmt(number)}%")
    if not parsed.unit and _PERCENT in uom:
        return Quantity(number, _PERCENT, ONE, f"{fmt(number)}%", explicit=False)
    unit = parsed.unit or uom
    multiplier, base = split_unit(unit)
    return Quantity(number * multiplier, base, multiplier, f"{fmt(number)}{unit}")


def align(target: Quantity, actual: Quantity) -> Pair:
    """Put both on the target's scale; flag guessed percentage scales and unit mismatches."""
    flags: list[str] = []
    target_value, actual_value = target.value, actual.value
    bases = {target.base, actual.base}
    if _PERCENT in bases and bases <= {_PERCENT, ""}:
        target_value, actual_value, guessed = _percent_scale(target, actual)
        if guessed:
            flags.append("percent_scale_assumed")
    elif target.base and actual.base and not same_base(target.base, actual.base):
        flags.append("unit_mismatch")
    divisor = target.multiplier if same_base(target.base, actual.base) else ONE
    return Pair(
        target=target_value / divisor,
        actual=actual_value / divisor,
        target_shown=target.shown,
        actual_shown=actual.shown,
        flags=tuple(flags),
        is_date=target.base == "年月" and actual.base == "年月",
    )


def _percent_scale(target: Quantity, actual: Quantity) -> tuple[Decimal, Decimal, bool]:
    """A number without its own % sign that is a fraction ≤ 1 beside a percentage > 1 is read ×100 (§A8)."""
    values = [target.value, actual.value]
    guessed = False
    for index, quantity in enumerate((target, actual)):
        other = values[1 - index]
        implicit = quantity.base == "" or (quantity.base == _PERCENT and not quantity.explicit)
        if implicit and Decimal(0) < quantity.value <= ONE < other:
            values[index] = quantity.value * HUNDRED
            guessed = True
    return values[0], values[1], guessed
