"""Budget execution (预算执行情况) by fund source."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from jixiao.model.money import Money, MoneyUnit
from jixiao.model.stated import Stated


class FundSource(StrEnum):
    """Rows of the Sichuan 预算执行情况 block."""

    total = "total"  # 总额
    fiscal = "fiscal"  # 财政资金
    special_account = "special_account"  # 财政专户管理资金
    unit_funds = "unit_funds"  # 单位资金
    other_funds = "other_funds"  # 其他资金 (社会投入资金、银行贷款)


FUND_SOURCE_LABELS: dict[FundSource, str] = {
    FundSource.total: "总额",
    FundSource.fiscal: "财政资金",
    FundSource.special_account: "财政专户管理资金",
    FundSource.unit_funds: "单位资金",
    FundSource.other_funds: "其他资金",
}


class FundRow(BaseModel):
    """One row of 预算执行情况: budgets, execution and the stated rate, weight and score."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    source: FundSource
    initial_budget: Stated[Money] = Field(default_factory=Stated)  # 年初预算
    adjusted_budget: Stated[Money] = Field(default_factory=Stated)  # 调整后预算数 (全年预算)
    spent: Stated[Money] = Field(default_factory=Stated)  # 预算执行数
    execution_rate: Stated[Decimal] = Field(default_factory=Stated)  # 预算执行率 as stated, a fraction
    weight: Stated[Decimal] = Field(default_factory=Stated)  # 权重 (only 总额 carries 10)
    score: Stated[Decimal] = Field(default_factory=Stated)  # 自评得分
    reason: Stated[str] = Field(default_factory=Stated)  # 原因


class BudgetExecution(BaseModel):
    """The 预算执行情况（10分） block; amounts in `unit` (万元 on the Sichuan form)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    unit: MoneyUnit = MoneyUnit.wan_yuan
    rows: tuple[FundRow, ...] = ()
    adjustment_explanation: Stated[str] = Field(default_factory=Stated)  # 年中调整的理由

    def row(self, source: FundSource) -> FundRow | None:
        """Return the row for a fund source, if present."""
        return next((row for row in self.rows if row.source is source), None)

    @property
    def total(self) -> FundRow | None:
        """The scored 总额 row."""
        return self.row(FundSource.total)
