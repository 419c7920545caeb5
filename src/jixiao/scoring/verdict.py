"""`Verdict`: a score (or None when it cannot be scored), its Chinese explanation and its flags."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from jixiao.scoring.numbers import apply_rounding, fmt, fmt_exact

if TYPE_CHECKING:
    from decimal import Decimal

    from jixiao.schemes.model import Rounding


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of scoring one line."""

    score: Decimal | None
    explanation: str
    flags: tuple[str, ...] = ()

    def with_flags(self, *flags: str) -> Verdict:
        """Return a copy with more flags (duplicates dropped, order kept)."""
        merged = tuple(dict.fromkeys((*self.flags, *flags)))
        return Verdict(self.score, self.explanation, merged)

    def with_text(self, text: str) -> Verdict:
        """Return a copy with a sentence appended to the explanation."""
        return Verdict(self.score, f"{self.explanation}；{text}", self.flags)


def computed(exact: Decimal, formula: str, rounding: Rounding, lead: str) -> Verdict:
    """A formula result: `lead，按formula=exact，计rounded分` (the 计 part only when rounding changed it)."""
    rounded = apply_rounding(exact, rounding)
    if rounded == exact:
        return Verdict(rounded, f"{lead}，按{formula}={fmt(exact)}分")
    shown = fmt_exact(exact)
    joiner = "" if shown.startswith("≈") else "="
    return Verdict(rounded, f"{lead}，按{formula}{joiner}{shown}，计{fmt(rounded)}分")


def cannot_score(explanation: str, *flags: str) -> Verdict:
    """A line that cannot be scored: no score, the reason and flags."""
    return Verdict(None, explanation, flags)
