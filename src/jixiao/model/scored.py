"""What scoring returns: every score with its explanation (the ScoredEvaluation of DESIGN.md)."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from jixiao.model.location import Location


class Grade(StrEnum):
    """等级; the value is the Chinese label shown to users."""

    excellent = "优"
    good = "良"
    fair = "中"
    poor = "差"


class ScoredItem(BaseModel):
    """One scored line: an indicator, a budget-execution row or a 计分表 item."""

    model_config = ConfigDict(frozen=True, extra="forbid", arbitrary_types_allowed=True)

    id: str  # scheme item id, or indicators[3] for free indicator rows
    name: str  # as printed
    group: str = ""  # first-level group id (budget, output, benefit, satisfaction, cost, input …)
    weight: Decimal  # 权重 / points
    score: Decimal | None  # computed; None when it cannot be scored (see flags)
    stated_score: Decimal | None = None
    explanation: str  # Chinese: why each point was lost
    not_applicable: bool = False
    flags: tuple[str, ...] = ()  # over_achievement, missing_actual, unparsed_value, text_equals_target …
    field: str = ""  # model path of the scored row, e.g. self_eval_form.indicators[3]
    location: Location | None = None  # where the stated score stands


class GroupScore(BaseModel):
    """A first-level group's sum (投入 25, 产出 …)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    name: str
    weight: Decimal
    score: Decimal
    stated_score: Decimal | None = None


class ScoredEvaluation(BaseModel):
    """A project scored under one scheme."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    project: str
    scheme: str
    items: tuple[ScoredItem, ...]
    groups: tuple[GroupScore, ...] = ()
    raw_total: Decimal  # Σ applicable scores
    applicable_max: Decimal  # Σ applicable weights
    total: Decimal  # after 不适用 rescaling, rounded per scheme
    rescaled: bool = False
    grade: Grade
    stated_total: Decimal | None = None
    stated_grade: str | None = None
    explanation: str = ""  # how the total was formed
    complete: bool = True  # False when some item could not be scored
