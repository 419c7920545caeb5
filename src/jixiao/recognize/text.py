"""Text clean-up and small value parsers shared by the recognizers.

Cells in real documents carry bookmark residue ("[bookmark: OLE_LINK7]≥"), full-width symbols and spaces,
words split by spaces when copied from PDF ("项 目 名 称") and units inside value cells ("1.8万元").
Labels are compared by `label_key`; values are read by the parsers here, which never turn text into 0.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

from jixiao.model import Direction, Money, MoneyUnit

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_SPACES = re.compile(r"\s+")
_NUMBER = re.compile(r"[-+−]?\d+(?:,\d{3})*(?:\.\d+)?")
_MONEY_UNITS = {"亿元": MoneyUnit.yi_yuan, "万元": MoneyUnit.wan_yuan, "百元": MoneyUnit.hundred_yuan}
_DIRECTIONS = {
    "≥": Direction.at_least,
    ">=": Direction.at_least,
    "≤": Direction.at_most,
    "<=": Direction.at_most,
    "=": Direction.equal,
    ">": Direction.more_than,
    "<": Direction.less_than,
    "定性": Direction.qualitative,
}
HUNDRED = Decimal(100)


def clean(text: str) -> str:
    """Remove bookmark residue and trim each line (full-width spaces too); keep inner line breaks.

    Values keep their own punctuation (Chinese text uses full-width commas); only `label_key` and the
    number parsers apply NFKC.
    """
    text = _BOOKMARK.sub("", text)
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def flat(text: str) -> str:
    """Return `clean` text on one line: breaks and spaces between Chinese characters removed."""
    cleaned = clean(text)
    joined = re.sub(r"\s*\n\s*", "", cleaned)
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", joined)


def label_key(text: str) -> str:
    """Return the comparable form of a label: `clean`, every space removed ("项 目 名 称" → "项目名称")."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", clean(text)))


def parse_decimal(text: str) -> Decimal | None:
    """Read the single number a score or weight cell states ("　5", "98分", "9.4"); None when absent."""
    key = label_key(text)
    numbers = _NUMBER.findall(key)
    if len(numbers) != 1:
        return None
    return _to_decimal(numbers[0])


def parse_percent(text: str) -> Decimal | None:
    """Read a percentage as a fraction ("100.00%" → 1, "52%" → 0.52, "28" → 0.28)."""
    value = parse_decimal(text)
    return None if value is None else _normalize(value / HUNDRED)


def parse_money(text: str, default: MoneyUnit) -> Money | None:
    """Read an amount with its unit ("1.8万元"); a bare number takes the column's unit."""
    value = parse_decimal(text)
    if value is None:
        return None
    key = label_key(text)
    unit = next((unit for word, unit in _MONEY_UNITS.items() if word in key), None)
    if unit is None and key.endswith("元") and not key.endswith(("万元", "百元", "亿元")):
        unit = MoneyUnit.yuan
    return Money(amount=value, unit=unit or default)


def parse_direction(text: str) -> Direction | None:
    """Read 指标性质: ≥ ≤ = > < 定性 (full-width forms included)."""
    key = label_key(text)
    return _DIRECTIONS.get(key)


def _to_decimal(number: str) -> Decimal | None:
    try:
        return _normalize(Decimal(number.replace(",", "").replace("−", "-")))
    except InvalidOperation:
        return None


def _normalize(value: Decimal) -> Decimal:
    """Drop trailing zeros without exponent notation (100.00 → 100, 0.5200 → 0.52)."""
    normalized = value.normalize()
    exponent = normalized.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        return normalized.quantize(Decimal(1))
    return normalized
