"""Money as an exact Decimal with an explicit unit (元/百元/万元/亿元)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class MoneyUnit(StrEnum):
    """Units money is written in; the value is the Chinese label printed on forms."""

    yuan = "元"
    hundred_yuan = "百元"  # Ziyang 绩效目标完成情况表
    wan_yuan = "万元"  # Sichuan 自评表
    yi_yuan = "亿元"


YUAN_PER_UNIT: dict[MoneyUnit, Decimal] = {
    MoneyUnit.yuan: Decimal(1),
    MoneyUnit.hundred_yuan: Decimal(100),
    MoneyUnit.wan_yuan: Decimal(10_000),
    MoneyUnit.yi_yuan: Decimal(100_000_000),
}


class Money(BaseModel):
    """An amount in a named unit; conversions are exact (no rounding)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: Decimal
    unit: MoneyUnit = MoneyUnit.wan_yuan

    def to(self, unit: MoneyUnit) -> Money:
        """Convert exactly to another unit (1 万元 = 100 百元 = 10 000 元; 1 亿元 = 10 000 万元)."""
        yuan = self.amount * YUAN_PER_UNIT[self.unit]
        return Money(amount=_normalize(yuan / YUAN_PER_UNIT[unit]), unit=unit)

    def in_yuan(self) -> Decimal:
        """Return the amount in 元."""
        return _normalize(self.amount * YUAN_PER_UNIT[self.unit])

    def __str__(self) -> str:
        """Render as written on forms, e.g. `1.8万元`."""
        return f"{format(self.amount, 'f')}{self.unit.value}"


def _normalize(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation."""
    normalized = value.normalize()
    exponent = normalized.as_tuple().exponent
    if isinstance(exponent, int) and exponent > 0:
        return normalized.quantize(Decimal(1))
    return normalized
