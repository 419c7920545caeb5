"""What a cell says once parsed: comparator + number + unit, or text (see `jixiao.model.parse`)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class Comparator(StrEnum):
    """The comparison written before a target value (half-width; full-width forms are normalised)."""

    at_least = "≥"
    more_than = ">"
    at_most = "≤"
    less_than = "<"
    equal = "="


class ValueKind(StrEnum):
    """How a cell's text was understood."""

    number = "number"  # a number, possibly with comparator and unit
    text = "text"  # words that are not a number ("正常", "全年", "成效明显")
    date = "date"  # a year or year-month ("2023年1月", "2023年")
    blank = "blank"  # nothing written


class ParsedValue(BaseModel):
    """The parse of one cell. An unparseable value stays text with `unparsed=True`, never 0."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: ValueKind
    raw: str
    text: str = ""  # the cleaned text (bookmark residue removed, full-width normalised)
    comparator: Comparator | None = None
    number: Decimal | None = None
    unit: str | None = None  # as written after normalisation: "%", "万元", "次", "元/月", "万人"
    qualifier: str | None = None  # trailing words such as 以上/以下/以内
    is_percent: bool = False
    year: int | None = None
    month: int | None = None
    unparsed: bool = False  # text that looked like it should be a number but could not be read

    @property
    def is_number(self) -> bool:
        """True when a number was read."""
        return self.kind is ValueKind.number and self.number is not None
