"""The scheme format (评分方案): frozen pydantic models, unknown keys rejected (STYLE §2).

Every block that holds numbers has a required `source` (a declared source id plus a clause). Policy
choices are `Literal` names; the functions they name live in `jixiao.scoring.formulas`. Cross-block
checks (source ids, printed totals, id uniqueness) are in `jixiao.schemes.verify`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model.scored import Grade


class _Block(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Source(_Block):
    """A document a scheme's numbers come from, with the confidence tag of rules.md (V/K/S)."""

    id: str = Field(pattern=r"^[A-Z][A-Za-z0-9_-]*$")
    title: str
    doc_no: str | None = None  # 文号
    date: dt.date | None = None
    url: str | None = None
    confidence: Literal["V", "K", "S"]
    verified_on: dt.date | None = None
    note: str | None = None


class Rounding(_Block):
    """How a number is rounded: decimal places and mode (half_up, or down = truncation)."""

    places: int = Field(ge=0, le=6)
    mode: Literal["half_up", "down"] = "half_up"


class RoundingPolicy(_Block):
    """Rounding of item scores, totals and rates (rules.md §H-9, §K)."""

    source: str
    item: Rounding
    total: Rounding
    rate: Rounding = Rounding(places=4)  # fractions: 4 places = percentages with 2 decimals


class GradeBand(_Block):
    """A grade and its inclusive lower bound."""

    grade: Grade
    min: Decimal = Field(ge=0)


class Grades(_Block):
    """等级 bands, highest first; the lowest band starts at 0 (rules.md §A12)."""

    source: str
    bands: tuple[GradeBand, ...] = Field(min_length=1)


class NotApplicable(_Block):
    """不适用: dropped from score and maximum, the total converted to `rescale_to` (rules.md §C3)."""

    source: str
    rescale_to: Decimal = Field(gt=0)


class TotalCap(_Block):
    """A ceiling on the total when the execution rate is below a threshold."""

    below_pct: Decimal = Field(gt=0, le=100)  # 执行率低于此值时
    max_total: Decimal = Field(ge=0)  # 总分最高


class TotalCaps(_Block):
    """Local rule capping the total by the execution rate (rules.md §K2; off unless a scheme sets it)."""

    source: str
    caps: tuple[TotalCap, ...] = Field(min_length=1)


class BudgetExecutionRules(_Block):
    """预算执行 block: weight, which budget the rate is measured against, formula (rules.md §A11)."""

    source: str
    weight: Decimal = Field(gt=0)
    rate_basis: Literal["adjusted_or_initial", "adjusted", "initial"]
    formula: Literal["rate_times_points"] = "rate_times_points"
    reason_required_below_pct: Decimal = Field(ge=0, le=100)
    adjustment_penalty: Literal["none"] = "none"  # rules.md §H-4: no written rule deducts for 调整
    total_caps: TotalCaps | None = None


class Level1Split(_Block):
    """The advisory first-level split of the indicator weights (rules.md §A4); deviation only warns."""

    source: str
    output: Decimal = Field(ge=0)  # 产出指标
    benefit: Decimal = Field(ge=0)  # 效益指标
    satisfaction: Decimal = Field(ge=0)  # 满意度指标
    cost: Decimal | None = Field(default=None, ge=0)  # 成本指标 (一级 since 财预〔2021〕101号)
    advisory: bool = True


class QuantitativeRules(_Block):
    """Named formulas per 指标性质 and the handling of odd actual values (rules.md §A6-A8)."""

    source: str
    at_least: Literal["target_ratio"] = "target_ratio"  # 正向 ≥ >
    at_most: Literal["target_over_actual", "linear"]  # 反向 ≤ <
    equal: Literal["target_ratio"] = "target_ratio"  # 等于 scored like 正向
    equal_deviation: Literal["flag", "ignore"] = "flag"  # rules.md §H-5
    negative_actual: Literal["as_zero", "cannot_score"] = "as_zero"
    missing_actual: Literal["cannot_score"] = "cannot_score"


class ZeroTargetRules(_Block):
    """What a target of 0 means, per direction (rules.md §A8)."""

    source: str
    at_least: Literal["full"] = "full"
    at_most: Literal["full_only_if_zero"] = "full_only_if_zero"
    equal: Literal["full_only_if_zero"] = "full_only_if_zero"


class OverAchievement(_Block):
    """When an actual far above target is flagged (rules.md §A9); optional penalty (§K2, off = 0)."""

    source: str
    threshold_pct: Decimal = Field(gt=100)  # actual ≥ threshold% of target
    zero_target_threshold: Decimal = Field(ge=0)  # for target 0: actual ≥ this
    penalty_points: Decimal = Field(default=Decimal(0), ge=0)


class QualitativeBand(_Block):
    """A 定性 outcome and its score band as a share of the weight; lower bound inclusive."""

    outcome: Literal["achieved", "partly_achieved", "not_achieved"]
    label: str
    min_pct: Decimal = Field(ge=0, le=100)
    max_pct: Decimal = Field(ge=0, le=100)


class QualitativeRules(_Block):
    """定性 bands (rules.md §A10) and what counts as reaching a text target."""

    source: str
    bands: tuple[QualitativeBand, ...] = Field(min_length=1)
    text_equals_target: Literal["achieved"] = "achieved"
    outside_band: Literal["band_minimum"] = "band_minimum"


class IndicatorRules(_Block):
    """绩效指标 block of a 自评表: printed total, advisory split, formulas and bands."""

    source: str
    total_weight: Decimal | None = Field(default=None, gt=0)
    level1_split: Level1Split | None = None
    quantitative: QuantitativeRules
    zero_target: ZeroTargetRules
    over_achievement: OverAchievement
    qualitative_bands: QualitativeRules


class RubricStep(_Block):
    """A sub-item of a rubric (①…) with its integer points (rules.md §C1, §C4)."""

    label: str
    points: int = Field(ge=0)


FormulaName = Literal["shortfall_points", "rate_times_points", "per_quarter", "saving_or_proportional"]


class ItemFormula(_Block):
    """A 计分表 item's formula by name, the measure it reads and its parameters."""

    source: str
    name: FormulaName
    measure: Literal["rate", "quarters_on_time"]
    target_pct: Decimal | None = Field(default=None, gt=0)  # shortfall_points: 目标值
    points_per_pct: Decimal | None = Field(default=None, gt=0)  # shortfall_points: 每少一个百分点扣
    shortfall: Literal["proportional", "round_up"] | None = None  # rules.md §H-8
    points_per_quarter: Decimal | None = Field(default=None, gt=0)  # per_quarter
    quarters: int | None = Field(default=None, gt=0)  # per_quarter


class SheetItem(_Block):
    """A scored third-level row of a 计分表: points and either a rubric or a formula."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    source: str
    points: Decimal = Field(gt=0)
    rubric: tuple[RubricStep, ...] = ()
    formula: ItemFormula | None = None
    may_be_not_applicable: bool = False


class SheetGroup(_Block):
    """A first- or second-level group with the points it prints, holding subgroups or items."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    label: str
    source: str
    weight: Decimal = Field(gt=0)
    groups: tuple[SheetGroup, ...] = ()
    items: tuple[SheetItem, ...] = ()


class Scheme(_Block):
    """One scoring scheme: header, rounding, grades and the blocks of the form it scores."""

    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$")
    title: str
    place: str
    years: tuple[int, ...] = Field(min_length=1)
    version: str
    status: Literal["draft", "in_use", "retired"]
    sources: tuple[Source, ...] = Field(min_length=1)
    form: Literal["self_eval_form", "score_sheet", "report"]
    description: str | None = None
    total_weight: Decimal | None = Field(default=None, gt=0)
    rounding: RoundingPolicy
    grades: Grades
    not_applicable: NotApplicable | None = None
    budget_execution: BudgetExecutionRules | None = None
    indicators: IndicatorRules | None = None
    groups: tuple[SheetGroup, ...] = ()

    def walk_items(self) -> list[tuple[SheetGroup, SheetItem]]:
        """Return every sheet item with its first-level group, in printed order."""
        found: list[tuple[SheetGroup, SheetItem]] = []
        for top in self.groups:
            found.extend((top, item) for item in _items_under(top))
        return found

    def item(self, item_id: str) -> SheetItem | None:
        """Return the sheet item with this id."""
        return next((item for _, item in self.walk_items() if item.id == item_id), None)


def _items_under(group: SheetGroup) -> list[SheetItem]:
    items = list(group.items)
    for child in group.groups:
        items.extend(_items_under(child))
    return items
