"""The one value parser: what people write in target, actual, money and rate cells.

Every stage reads cell text through this module, so the rules below are the project's rules.

Clean-up (`normalize_text`): Word bookmark residue ("[bookmark: OLE_LINK7]") is removed, full-width
digits, letters, spaces and number signs (９５％, ＝, －) become ASCII, "3，000" becomes "3,000", and
whitespace is collapsed.

Grammar of `parse_value`, applied to the cleaned text:

* blank: "", "/", a backslash, "-", "—", "——" (and None) → kind `blank`.
* comparator: an optional leading symbol or word. ≥ >= 大于等于 不低于 不少于 至少 → `at_least`; ≤ <= 小于等于
  不高于 不超过 至多 → `at_most`; = 等于 → `equal`; > 大于 超过 → `more_than`; < 小于 低于 → `less_than`.
* date: "2023年", "2023年度", "2023年1月", "2023年12月31日前", "12月底", "2023-12", "2023/12/31" → kind
  `date` with `year`/`month` (the day is not kept; 前/底/内 … become the qualifier). A bare "2023" or
  "2023.12" is a number, not a date (bare amounts such as "1969.54" are common in money columns).
* number: [prefix qualifier 约/近/达/累计 …] number [余/多] [unit] [suffix qualifier 以上/以下/以内/左右/内].
  The number is read from its text as Decimal (never via float); "3,000" and signs (-5, −5) are accepted.
  The unit is what is left, as written ("万元", "次/年", "元/月", "万人"), at most 6 characters with no
  digits or sentence punctuation, and "%" only alone. "%" sets `is_percent`, with `number` in
  percentage points (95 for 95%).
  A prefix and a suffix qualifier together are joined as "约…以上".
* anything else is kind `text` with `number` None ("全年", "正常", "覆盖17个", "5个乡镇开展培训"); its
  comparator is not kept. `unparsed` is True when the text looks like a value but cannot be read: a
  comparator with nothing after it ("≥"), only digits and signs ("1.2.3", "%", "95.x%"), a malformed
  digit run ("12.5.6万元") or an impossible date ("2023年13月"). Nothing unreadable ever becomes 0.

The helpers read one kind of cell and return None for anything else: `parse_decimal` (a plain number,
any unit but %, no comparator), `parse_percent` (a fraction: "95%" → 0.95), `parse_money`,
`parse_direction` (指标性质) and `parse_int_year`. `with_unit_of_measure` gives a bare number the unit
written in the separate 度量单位 column (seed 000: target "95", unit "%").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from jixiao.model._normalize import (
    BLANK_MARKERS,
    INFIX_QUALIFIERS,
    PREFIX_QUALIFIERS,
    SUFFIX_QUALIFIERS,
    normalize_text,
    split_comparator,
    split_prefix,
    split_suffix,
)
from jixiao.model.indicator import Direction
from jixiao.model.money import Money, MoneyUnit
from jixiao.model.values import ParsedValue, ValueKind

__all__ = [
    "normalize_text",
    "parse_decimal",
    "parse_direction",
    "parse_int_year",
    "parse_money",
    "parse_percent",
    "parse_value",
    "with_unit_of_measure",
]

# Parses are memoised: the same cell text recurs across scoring, every check rule and the projects
# of a batch, and a ParsedValue is frozen, so one instance can be shared. Bounded so hostile input
# cannot grow it without limit.
PARSE_CACHE_SIZE = 65_536

# Longer text is prose (a reason, a description), never a value; also bounds the work on hostile input.
MAX_VALUE_LENGTH = 60
MIN_YEAR, MAX_YEAR = 1900, 2100

_NUMBER = re.compile(r"[+-]?(?:(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|\.[0-9]+)")
_DIGIT_RUN = re.compile(r"[+-]?[0-9.,]*[0-9][0-9.,]*")
_UNIT = re.compile(r"[^0-9\s,.;:，。；：、（）()!?！？~～+\-=<>≥≤\"'“”]{1,6}")
_DATE_QUALIFIER = r"(?P<qualifier>底之前|底前|底|末|之前|以前|前|以内|之内|内)?"
_YEAR_DATE = re.compile(
    r"(?P<year>[0-9]{4}) ?年(?:度)?(?: ?(?P<month>[0-9]{1,2}) ?月(?:份)?(?: ?(?P<day>[0-9]{1,2}) ?日)?)?"
    + _DATE_QUALIFIER
)
_NUMERIC_DATE = re.compile(r"(?P<year>[0-9]{4})[-/](?P<month>[0-9]{1,2})(?:[-/](?P<day>[0-9]{1,2}))?")
_MONTH_DATE = re.compile(r"(?P<month>[0-9]{1,2}) ?月(?:份)?(?: ?(?P<day>[0-9]{1,2}) ?日)?" + _DATE_QUALIFIER)
_YEAR = re.compile(r"(?P<year>[0-9]{4}) ?(?:年度?)?")
_CJK = re.compile(r"[\u3400-\u9fff]")

# Money written in 千元 is converted exactly to 元 (MoneyUnit has no 千元).
_THOUSAND_YUAN = "千元"
_MONEY_UNITS = {unit.value: unit for unit in MoneyUnit}

# 度量单位 cells that mean "percent".
_PERCENT_WORDS = frozenset({"%", "百分比", "百分率"})
# 指标性质 words that are not comparators.
_DIRECTION_WORDS: dict[str, Direction] = {
    "正向": Direction.at_least,
    "反向": Direction.at_most,
    "定性": Direction.qualitative,
}


@dataclass(frozen=True, slots=True)
class _Quantity:
    number: Decimal
    unit: str | None
    qualifier: str | None


@lru_cache(maxsize=PARSE_CACHE_SIZE)
def parse_value(text: str | None) -> ParsedValue:
    """Read a cell: comparator + number + unit, a date, text or blank (grammar in the module docstring)."""
    raw = "" if text is None else text
    clean = normalize_text(raw)
    if clean in BLANK_MARKERS:
        return ParsedValue(kind=ValueKind.blank, raw=raw, text=clean)
    if len(clean) > MAX_VALUE_LENGTH:
        return ParsedValue(kind=ValueKind.text, raw=raw, text=clean)
    comparator, rest = split_comparator(clean)
    date = _parse_date(rest)
    if date is not None:
        update = {"raw": raw, "text": clean, "comparator": comparator if date.year or date.month else None}
        return date.model_copy(update=update)
    quantity = _parse_quantity(rest)
    if quantity is None:
        unparsed = _looks_numeric(rest, has_comparator=comparator is not None)
        return ParsedValue(kind=ValueKind.text, raw=raw, text=clean, unparsed=unparsed)
    return ParsedValue(
        kind=ValueKind.number,
        raw=raw,
        text=clean,
        comparator=comparator,
        number=quantity.number,
        unit=quantity.unit,
        qualifier=quantity.qualifier,
        is_percent=quantity.unit == "%",
    )


def parse_decimal(text: str | None) -> Decimal | None:
    """Read a plain number ("10", "９０", "5分" → 5); None for blanks, text, comparators and percentages."""
    value = parse_value(text)
    if value.kind is not ValueKind.number or value.comparator is not None or value.is_percent:
        return None
    return value.number


def parse_percent(text: str | None, *, assume_percent: bool = False) -> Decimal | None:
    """Read a percentage as a fraction, keeping its digits ("100.00%" → 1.0000, "47%" → 0.47).

    A bare number has no scale and gives None, unless `assume_percent` says the cell holds percentage
    points (a column headed 执行率(%)): then "95" → 0.95.
    """
    value = parse_value(text)
    if value.number is None or value.kind is not ValueKind.number or value.comparator is not None:
        return None
    if value.is_percent or (assume_percent and value.unit is None):
        return value.number.scaleb(-2)
    return None


def parse_money(text: str | None, default_unit: MoneyUnit | None = None) -> Money | None:
    """Read an amount: "1.8万元" → 1.8 万元; a bare number takes `default_unit` (the table's unit)."""
    value = parse_value(text)
    if value.number is None or value.kind is not ValueKind.number or value.comparator is not None:
        return None
    if value.unit is None:
        return None if default_unit is None else Money(amount=value.number, unit=default_unit)
    if value.unit == _THOUSAND_YUAN:
        return Money(amount=value.number * 1000, unit=MoneyUnit.yuan)
    if value.unit in _MONEY_UNITS:
        return Money(amount=value.number, unit=_MONEY_UNITS[value.unit])
    return None


def parse_direction(text: str | None) -> Direction | None:
    """Read a 指标性质 cell: ≥ ＞ >= ＝ ≤ < 定性 正向 反向 (optionally followed by 指标); else None."""
    if text is None:
        return None
    clean = normalize_text(text).replace(" ", "")
    clean, _ = split_suffix(clean, ("指标", "型"))
    if clean in _DIRECTION_WORDS:
        return _DIRECTION_WORDS[clean]
    comparator, rest = split_comparator(clean)
    if comparator is None or rest:
        return None
    return Direction(comparator.name)


def with_unit_of_measure(value: ParsedValue, unit_of_measure: str | None) -> ParsedValue:
    """Give a bare number the unit from the 度量单位 cell ("95" + "%" → 95%); other values are unchanged."""
    if value.kind is not ValueKind.number or value.unit is not None or unit_of_measure is None:
        return value
    unit = normalize_text(unit_of_measure)
    if unit in _PERCENT_WORDS:
        return value.model_copy(update={"unit": "%", "is_percent": True})
    if unit in BLANK_MARKERS or _split_tail(unit) != (None, unit, None):
        return value
    return value.model_copy(update={"unit": unit})


def parse_int_year(text: str | None) -> int | None:
    """Read a four-digit year ("2023", "2023年", "2023年度" → 2023); two-digit years give None."""
    if text is None:
        return None
    match = _YEAR.fullmatch(normalize_text(text))
    if match is None:
        return None
    year = int(match.group("year"))
    return year if MIN_YEAR <= year <= MAX_YEAR else None


def _parse_date(text: str) -> ParsedValue | None:
    """Read "2023年", "2023年1月", "12月底"; an impossible date is unparsed text."""
    match = _YEAR_DATE.fullmatch(text) or _NUMERIC_DATE.fullmatch(text) or _MONTH_DATE.fullmatch(text)
    if match is None:
        return None
    groups = match.groupdict(default="")
    year, month, day = (int(groups[key]) if groups.get(key) else None for key in ("year", "month", "day"))
    valid = (
        (year is None or MIN_YEAR <= year <= MAX_YEAR)
        and (month is None or 1 <= month <= 12)
        and (day is None or 1 <= day <= 31)
    )
    if not valid:
        return ParsedValue(kind=ValueKind.text, raw=text, unparsed=True)
    return ParsedValue(
        kind=ValueKind.date, raw=text, year=year, month=month, qualifier=groups.get("qualifier") or None
    )


def _parse_quantity(text: str) -> _Quantity | None:
    """Read [qualifier] number [余/多] [unit] [以上 …]; None when any part does not fit."""
    prefix, rest = split_prefix(text, PREFIX_QUALIFIERS)
    match = _NUMBER.match(rest)
    if match is None:
        return None
    tail = _split_tail(rest[match.end() :])
    if tail is None:
        return None
    infix, unit, suffix = tail
    words = [word for word in (prefix, infix, suffix) if word]
    number = Decimal(match.group().replace(",", ""))
    return _Quantity(number=number, unit=unit, qualifier="…".join(words) or None)


def _split_tail(text: str) -> tuple[str | None, str | None, str | None] | None:
    """Split what follows the digits into (余/多, unit, 以上 …); None when the unit is not unit-like."""
    infix, tail = split_prefix(text.strip(), INFIX_QUALIFIERS)
    tail, suffix = split_suffix(tail, SUFFIX_QUALIFIERS)
    if tail and (not _UNIT.fullmatch(tail) or ("%" in tail and tail != "%")):
        return None
    return infix, tail or None, suffix


def _looks_numeric(rest: str, *, has_comparator: bool) -> bool:
    """Tell unreadable values ("≥", "1.2.3", "%", "12.5.6万元") from words ("全年", "1.1 项目立项规范性").

    A malformed digit run counts only when a unit (or nothing) follows it: "1.投入得25分" and
    "1.1.1 项目立项规范性（5分）" are numbered headings, not values.
    """
    if not rest:
        return has_comparator
    if not _CJK.search(rest) and any(char.isdigit() or char == "%" for char in rest):
        return True
    _, rest = split_prefix(rest, PREFIX_QUALIFIERS)
    run = _DIGIT_RUN.match(rest)
    if run is None or not run.group()[-1].isdigit() or _split_tail(rest[run.end() :]) is None:
        return False
    number = _NUMBER.match(rest)
    return number is None or number.end() != run.end()
