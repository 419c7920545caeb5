"""The narrative 自评报告 and what it states."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model.indicator import TargetRow
from jixiao.model.stated import Stated


class ReportKind(StrEnum):
    """The two narrative report families in the seeds."""

    sichuan_special = "sichuan_special"  # 专项预算项目绩效自评报告 (Lizhou): 通用 70 + 专用 30
    ziyang = "ziyang"  # 项目支出绩效自评报告 (Ziyang): 投入/过程/产出/效果


class Figure(BaseModel):
    """A number the text states, e.g. the budget (key `budget`, 45, 万元) or an arrival rate."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    key: str  # budget, funds_arrived, funds_arrival_rate, spent, spending_rate, beneficiaries …
    label: str  # the words around it, as printed (预算资金, 到位率 …)
    value: Stated[Decimal] = Field(default_factory=Stated)  # rates are fractions
    unit: str = ""  # 万元, 元, %, 名 …


class AllocationPoint(BaseModel):
    """A row of 项目资金分配涉及所有点位自评得分情况表 (rules.md §B7)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: Stated[str] = Field(default_factory=Stated)  # 项目资金末端分配点位
    score: Stated[Decimal] = Field(default_factory=Stated)  # 自评得分（百分制）
    remark: Stated[str] = Field(default_factory=Stated)  # 备注


class Report(BaseModel):
    """A narrative self-evaluation report; `paragraphs` keeps every paragraph with its location."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: ReportKind
    title: Stated[str] = Field(default_factory=Stated)
    project_name: Stated[str] = Field(default_factory=Stated)  # as named in the title or heading
    year: Stated[int] = Field(default_factory=Stated)
    paragraphs: tuple[Stated[str], ...] = ()
    stated_total: Stated[Decimal] = Field(default_factory=Stated)  # 综合得分 / 自评分
    stated_grade: Stated[str] = Field(default_factory=Stated)  # 评估等级 / 自评等级
    group_scores: dict[str, Stated[Decimal]] = Field(default_factory=dict)  # scheme group id → points
    target_table: tuple[TargetRow, ...] = ()  # 绩效目标设置 (Lizhou)
    figures: tuple[Figure, ...] = ()
    problems: Stated[str] = Field(default_factory=Stated)  # 存在（主要）问题
    suggestions: Stated[str] = Field(default_factory=Stated)  # 改进建议
    allocation_points: tuple[AllocationPoint, ...] = ()  # 点位 table
