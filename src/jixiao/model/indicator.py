"""Performance indicators (绩效指标): the three-level tree with target, actual, weight and score."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model.stated import Stated


class Direction(StrEnum):
    """指标性质: how the actual is compared with the target."""

    at_least = "at_least"  # ≥ 正向
    more_than = "more_than"  # >
    at_most = "at_most"  # ≤ 反向
    less_than = "less_than"  # <
    equal = "equal"  # = 等于
    qualitative = "qualitative"  # 定性


DIRECTION_SYMBOLS: dict[Direction, str] = {
    Direction.at_least: "≥",
    Direction.more_than: ">",
    Direction.at_most: "≤",
    Direction.less_than: "<",
    Direction.equal: "=",
    Direction.qualitative: "定性",
}


class QualitativeOutcome(StrEnum):
    """The three outcomes of a 定性 indicator (rules.md §A10)."""

    achieved = "达成年度指标"
    partly_achieved = "部分达成年度指标并具有一定效果"
    not_achieved = "未达成年度指标且效果较差"


class Indicator(BaseModel):
    """A third-level indicator row (三级指标) with its first- and second-level parents.

    `target` and `actual` hold the cell text; `jixiao.model.parse.parse_value` reads them. The unit of
    measure (度量单位) may be blank with the unit written inside the value ("1.8万元").
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    level1: Stated[str] = Field(default_factory=Stated)  # 一级指标: 产出指标/效益指标/满意度指标/成本指标
    level2: Stated[str] = Field(default_factory=Stated)  # 二级指标: 数量指标 …
    name: Stated[str] = Field(default_factory=Stated)  # 三级指标
    direction: Stated[Direction] = Field(default_factory=Stated)  # 指标性质
    target: Stated[str] = Field(default_factory=Stated)  # 指标值
    unit_of_measure: Stated[str] = Field(default_factory=Stated)  # 度量单位
    actual: Stated[str] = Field(default_factory=Stated)  # 完成值
    weight: Stated[Decimal] = Field(default_factory=Stated)  # 权重
    score: Stated[Decimal] = Field(default_factory=Stated)  # 自评得分
    shortfall_reason: Stated[str] = Field(default_factory=Stated)  # 未完成原因分析
    qualitative_outcome: QualitativeOutcome | None = None  # chosen band for 定性, when stated
    not_applicable: bool = False  # 不适用


class TargetRow(BaseModel):
    """An approved target as quoted in a report's 绩效目标设置 table (no actual, no score)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    level1: Stated[str] = Field(default_factory=Stated)
    level2: Stated[str] = Field(default_factory=Stated)
    name: Stated[str] = Field(default_factory=Stated)
    direction: Stated[Direction] = Field(default_factory=Stated)
    target: Stated[str] = Field(default_factory=Stated)
    unit_of_measure: Stated[str] = Field(default_factory=Stated)


__all__ = [
    "DIRECTION_SYMBOLS",
    "Direction",
    "Indicator",
    "QualitativeOutcome",
    "TargetRow",
]
