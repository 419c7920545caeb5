"""The forms a unit files: the Sichuan 自评表 and the Ziyang 计分表 and 绩效目标完成情况表."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model.budget import BudgetExecution
from jixiao.model.indicator import Indicator
from jixiao.model.money import Money, MoneyUnit
from jixiao.model.stated import Stated


class SelfEvalForm(BaseModel):
    """部门预算项目支出绩效自评表 (Sichuan report 510000_0013zp): 预算执行 10 + 绩效指标 90."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: Stated[str] = Field(default_factory=Stated)  # e.g. 2023年部门预算项目支出绩效自评表
    annual_goal: Stated[str] = Field(default_factory=Stated)  # 项目年度目标
    goal_outcome: Stated[str] = Field(default_factory=Stated)  # 年度目标完成情况
    implementation_summary: Stated[str] = Field(default_factory=Stated)  # 项目实施内容及过程概述
    budget: BudgetExecution = Field(default_factory=BudgetExecution)
    indicators: tuple[Indicator, ...] = ()
    total_weight: Stated[Decimal] = Field(default_factory=Stated)  # 合计 权重 (100)
    total_score: Stated[Decimal] = Field(default_factory=Stated)  # 合计 得分
    conclusion: Stated[str] = Field(default_factory=Stated)  # 自评结论 / 评价结论
    problems: Stated[str] = Field(default_factory=Stated)  # 自评存在问题
    improvements: Stated[str] = Field(default_factory=Stated)  # 自评改进措施
    project_lead: Stated[str] = Field(default_factory=Stated)  # 项目负责人
    finance_lead: Stated[str] = Field(default_factory=Stated)  # 财务负责人


class ScoreSheetItem(BaseModel):
    """A third-level row of the 计分表 (20 common indicators of 财预〔2013〕53号).

    `id` is the scheme's item id (labels repeat: 管理制度健全性 appears twice). `measures` holds the
    numbers a formula item is scored from, e.g. {"rate": 0.47} for 实际完成率 or {"quarters_on_time": 3}.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str
    level1: Stated[str] = Field(default_factory=Stated)  # 投入/过程/产出/效果
    level2: Stated[str] = Field(default_factory=Stated)  # 项目立项 …
    name: Stated[str] = Field(default_factory=Stated)  # 三级指标 as printed
    points: Stated[Decimal] = Field(default_factory=Stated)  # the maximum printed beside the name
    score: Stated[Decimal] = Field(default_factory=Stated)  # 自评分数
    basis: Stated[str] = Field(default_factory=Stated)  # 自评依据及说明
    not_applicable: bool = False  # 不适用
    measures: dict[str, Stated[Decimal]] = Field(default_factory=dict)


class ScoreSheetGroup(BaseModel):
    """A first- or second-level header with the points it prints, e.g. 投入（25分）."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str  # input/process/output/effect, or a second-level id
    label: Stated[str] = Field(default_factory=Stated)
    points: Stated[Decimal] = Field(default_factory=Stated)


class ScoreSheet(BaseModel):
    """市本级项目支出绩效自评计分表 (Ziyang): 投入 25 + 过程 25 + 产出 20 + 效果 30."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: Stated[str] = Field(default_factory=Stated)
    stated_grade: Stated[str] = Field(default_factory=Stated)  # 自评等级 in the header
    groups: tuple[ScoreSheetGroup, ...] = ()
    items: tuple[ScoreSheetItem, ...] = ()
    total_score: Stated[Decimal] = Field(default_factory=Stated)  # 合计
    rescaled_total: Stated[Decimal] = Field(default_factory=Stated)  # 合计（折算得分）


class ProjectType(StrEnum):
    """项目类型 (rules.md §B8); seed 001 writes 行政运行 for 行政运转."""

    industry = "产业发展"
    livelihood = "民生保障"
    infrastructure = "基础设施"
    administration = "行政运转"


class CompletionFundRow(BaseModel):
    """A money row of the 绩效目标完成情况表 (amounts in 百元)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: str  # total (合计) / fiscal (财政拨款) / other_funds (其他资金)
    budget: Stated[Money] = Field(default_factory=Stated)  # 预算额
    spent: Stated[Money] = Field(default_factory=Stated)  # 执行额
    carryover: Stated[Money] = Field(default_factory=Stated)  # 当年结转结余额
    carryover_rate: Stated[Decimal] = Field(default_factory=Stated)  # 结转结余率, a fraction
    carryover_change_rate: Stated[str] = Field(default_factory=Stated)  # 结转结余变动率 (often text)


class GoalIndicatorRow(BaseModel):
    """A 年度绩效指标 row: target, result and the deviation text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    level1: Stated[str] = Field(default_factory=Stated)
    level2: Stated[str] = Field(default_factory=Stated)
    name: Stated[str] = Field(default_factory=Stated)
    target: Stated[str] = Field(default_factory=Stated)  # 预算指标值
    result: Stated[str] = Field(default_factory=Stated)  # 执行结果
    deviation: Stated[str] = Field(default_factory=Stated)  # 偏差情况及原因分析


class GoalCompletionTable(BaseModel):
    """市本级项目支出绩效目标完成情况表 (Ziyang 附件x-2)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    title: Stated[str] = Field(default_factory=Stated)
    project_type: Stated[ProjectType] = Field(default_factory=Stated)
    money_unit: MoneyUnit = MoneyUnit.hundred_yuan
    funds: tuple[CompletionFundRow, ...] = ()
    fiscal_structure: dict[str, Stated[Money]] = Field(default_factory=dict)  # general/fund/capital/social
    annual_goal: Stated[str] = Field(default_factory=Stated)  # 预算总体目标
    goal_result: Stated[str] = Field(default_factory=Stated)  # 执行结果
    goal_deviation: Stated[str] = Field(default_factory=Stated)  # 偏差及原因
    indicators: tuple[GoalIndicatorRow, ...] = ()
