"""Decimal rounding by a scheme's policy and number formatting for Chinese explanations."""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jixiao.schemes.model import Rounding

HUNDRED = Decimal(100)
ZERO = Decimal(0)
ONE = Decimal(1)
_MODES = {"half_up": ROUND_HALF_UP, "down": ROUND_DOWN}
_SHOWN_PLACES = 4  # an unrounded intermediate is shown with at most 4 decimals


def apply_rounding(value: Decimal, rounding: Rounding) -> Decimal:
    """Round to the policy's places with its mode (ROUND_HALF_UP unless the scheme says `down`)."""
    return value.quantize(Decimal(1).scaleb(-rounding.places), rounding=_MODES[rounding.mode])


def fmt(value: Decimal) -> str:
    """Show a number without trailing zeros or exponent: 1.80 → 1.8, 10.00 → 10."""
    integral = value.to_integral_value()
    if value == integral:
        return format(integral, "f")
    return format(value.normalize(), "f")


def fmt_exact(value: Decimal) -> str:
    """Show an intermediate result; long fractions are cut to 4 places and marked with ≈."""
    shown = value.quantize(Decimal(1).scaleb(-_SHOWN_PLACES), rounding=ROUND_HALF_UP)
    return fmt(value) if shown == value else f"≈{fmt(shown)}"


def fmt_pct(rate: Decimal, places: int = 2) -> str:
    """Show a fraction as a percentage with fixed places: 0.5 → 50.00%."""
    percent = (rate * HUNDRED).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return f"{format(percent, 'f')}%"


def fmt_rate(rate: Decimal) -> str:
    """Show a fraction as a short percentage: 0.47 → 47%, 0.7143 → 71.43%."""
    return f"{fmt(rate * HUNDRED)}%"


def clamp(value: Decimal, low: Decimal, high: Decimal) -> Decimal:
    """Limit a value to [low, high]."""
    return max(low, min(high, value))
