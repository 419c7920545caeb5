"""The numbers the rules compare against, read from the scheme files (never hard-wired per rule).

`policy_for(scheme_id)` reads grade bands, weights, 定性 bands and the over-achievement threshold
from `jixiao.schemes`; when a scheme cannot be loaded the rules.md §K defaults apply, so a broken
scheme file never stops the checker.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import lru_cache
from types import MappingProxyType
from typing import TYPE_CHECKING

from jixiao.model import Grade, QualitativeOutcome

if TYPE_CHECKING:
    from collections.abc import Mapping

    from jixiao.schemes import Scheme

log = logging.getLogger(__name__)
HUNDRED = Decimal(100)

# rules.md §K defaults (S1, S2, S8, S10).
DEFAULT_GRADES = ((Decimal(90), Grade.excellent), (Decimal(80), Grade.good), (Decimal(60), Grade.fair),
                  (Decimal(0), Grade.poor))  # fmt: skip
DEFAULT_BANDS = MappingProxyType({
    QualitativeOutcome.achieved: (Decimal("0.8"), Decimal(1)),
    QualitativeOutcome.partly_achieved: (Decimal("0.6"), Decimal("0.8")),
    QualitativeOutcome.not_achieved: (Decimal(0), Decimal("0.6")),
})  # fmt: skip
DEFAULT_SPLIT = MappingProxyType({"产出": Decimal(50), "效益": Decimal(30), "满意度": Decimal(10)})
OUTCOMES = {"achieved": QualitativeOutcome.achieved, "partly_achieved": QualitativeOutcome.partly_achieved,
            "not_achieved": QualitativeOutcome.not_achieved}  # fmt: skip


@dataclass(frozen=True, slots=True)
class Policy:
    """What one scheme says about totals, grades and indicators (shares are fractions of the weight)."""

    scheme: str = ""
    grades: tuple[tuple[Decimal, Grade], ...] = DEFAULT_GRADES
    total_weight: Decimal = HUNDRED
    budget_weight: Decimal = Decimal(10)
    indicator_weight: Decimal = Decimal(90)
    reason_below_rate: Decimal = Decimal("0.9")
    level1_split: Mapping[str, Decimal] = field(default_factory=lambda: DEFAULT_SPLIT)
    qualitative_bands: Mapping[QualitativeOutcome, tuple[Decimal, Decimal]] = field(
        default_factory=lambda: DEFAULT_BANDS
    )
    over_achievement_ratio: Decimal = Decimal("1.3")
    zero_target_threshold: Decimal = Decimal(30)

    def grade_of(self, total: Decimal) -> Grade:
        """The grade of a total under this scheme's bands (lower bounds inclusive)."""
        return next((grade for floor, grade in self.grades if total >= floor), self.grades[-1][1])


DEFAULT_POLICY = Policy()


@lru_cache(maxsize=16)
def policy_for(scheme_id: str) -> Policy:
    """The policy of a shipped scheme, or the defaults when it cannot be loaded."""
    try:
        from jixiao.schemes import load_scheme  # noqa: PLC0415  (schemes are optional for the checker)

        return _from_scheme(load_scheme(scheme_id))
    except Exception as error:  # noqa: BLE001  (a scheme problem must not stop the checks)
        log.warning("scheme %s not loaded, using rules.md defaults: %s", scheme_id, error)
        return Policy(scheme=scheme_id)


def _from_scheme(scheme: Scheme) -> Policy:
    grades = tuple(sorted(((band.min, Grade(band.grade)) for band in scheme.grades.bands), reverse=True))
    policy = Policy(scheme=scheme.id, grades=grades, total_weight=scheme.total_weight or HUNDRED)
    budget, indicators = scheme.budget_execution, scheme.indicators
    if budget is not None:
        below = budget.reason_required_below_pct / HUNDRED
        policy = replace(policy, budget_weight=budget.weight, reason_below_rate=below)
    if indicators is None:
        return policy
    bands = {
        OUTCOMES[band.outcome]: (band.min_pct / HUNDRED, band.max_pct / HUNDRED)
        for band in indicators.qualitative_bands.bands
    }
    split = indicators.level1_split
    shares = (
        {"产出": split.output, "效益": split.benefit, "满意度": split.satisfaction}
        if split
        else DEFAULT_SPLIT
    )
    return replace(
        policy,
        indicator_weight=indicators.total_weight or policy.indicator_weight,
        qualitative_bands=MappingProxyType(bands),
        over_achievement_ratio=indicators.over_achievement.threshold_pct / HUNDRED,
        zero_target_threshold=indicators.over_achievement.zero_target_threshold,
        level1_split=MappingProxyType(dict(shares)),
    )
