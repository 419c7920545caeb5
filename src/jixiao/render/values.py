"""Turn model values into the text a form prints, and find the computed score of each row.

Computed values (scores, totals, grades) come from a `ScoredEvaluation`; stated values are shown
only where scoring has no computed one (free text, or an item scoring could not score).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from jixiao.scoring import row_execution_rate

if TYPE_CHECKING:
    from jixiao.model import FundRow, Money, MoneyUnit, ScoredEvaluation, ScoredItem, Stated

HUNDRED = Decimal(100)
# The scheme whose 自评表 layout the renderer draws, when no evaluation names one.
DEFAULT_FORM_SCHEME = "sichuan-project-2023"
# Control characters that neither XML (docx) nor a worksheet can hold; tab and newline are kept.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def printable(text: str) -> str:
    """Drop control characters an imported document may carry (they would break .docx/.xlsx output)."""
    return CONTROL_CHARACTERS.sub("", text)


def decimal_text(value: Decimal | None) -> str:
    """Write a number without trailing zeros or exponent: 10.00 → 10, 8.620 → 8.62."""
    if value is None:
        return ""
    normalized = value.normalize()
    exponent = normalized.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        normalized = normalized.quantize(Decimal(1))
    return format(normalized, "f")


def fixed_text(value: Decimal | None, places: int = 2) -> str:
    """Write a number with a fixed number of decimals, rounded half up (1.8 → 1.80)."""
    if value is None:
        return ""
    return format(round_half_up(value, places), "f")


def round_half_up(value: Decimal, places: int) -> Decimal:
    """Round with ROUND_HALF_UP to `places` decimals."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def percent_text(rate: Decimal | None, places: int = 2) -> str:
    """Write a fraction as a percentage: 0.9543 → 95.43% (places=2)."""
    if rate is None:
        return ""
    return f"{fixed_text(rate * HUNDRED, places)}%"


def short_percent(rate: Decimal | None) -> str:
    """Write a fraction as a percentage without trailing zeros: 1 → 100%, 0.4725 → 47.25%."""
    if rate is None:
        return ""
    return f"{decimal_text(round_half_up(rate * HUNDRED, 2))}%"


def money_amount(money: Money | None, unit: MoneyUnit) -> Decimal | None:
    """Return the amount in `unit`, or None."""
    return None if money is None else money.to(unit).amount


def stated_text(stated: Stated[Any]) -> str:
    """Return what a stated value says: the raw text, else the value."""
    if stated.raw.strip():
        return stated.raw.strip()
    if stated.value is None:
        return ""
    if isinstance(stated.value, Decimal):
        return decimal_text(stated.value)
    return str(stated.value)


def execution_rate(row: FundRow, scheme: str | None = None) -> Decimal | None:
    """预算执行率 of a fund row, computed by scoring under the evaluation's scheme (rules.md §A11)."""
    return row_execution_rate(row, scheme or DEFAULT_FORM_SCHEME)


@dataclass(frozen=True)
class Scores:
    """The computed scores of one evaluation, looked up by model path or item id."""

    evaluation: ScoredEvaluation | None

    def item(self, field: str, item_id: str = "") -> ScoredItem | None:
        """Return the scored item for a model path (`self_eval_form.indicators[2]`) or an id."""
        if self.evaluation is None:
            return None
        for item in self.evaluation.items:
            if item.field == field or (item.field and item.field.startswith(field + ".")):
                return item
        if item_id:
            return next((item for item in self.evaluation.items if item.id == item_id), None)
        return None

    def budget_item(self) -> ScoredItem | None:
        """Return the scored 预算执行 item (group `budget`)."""
        if self.evaluation is None:
            return None
        return next((item for item in self.evaluation.items if item.group == "budget"), None)

    def score(self, field: str, stated: Stated[Decimal], item_id: str = "") -> Decimal | None:
        """Computed score of a row; the stated one only when scoring has none."""
        item = self.item(field, item_id)
        if item is not None and item.score is not None:
            return item.score
        return stated.value

    @property
    def total(self) -> Decimal | None:
        """The computed total (after 不适用 rescaling)."""
        return None if self.evaluation is None else self.evaluation.total

    @property
    def grade(self) -> str:
        """The computed grade as shown (优/良/中/差)."""
        return "" if self.evaluation is None else self.evaluation.grade.value
