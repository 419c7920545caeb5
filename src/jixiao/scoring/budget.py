"""预算执行 (10 points) and the 结转结余率 of the completion table (rules.md §A11, §C7)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.model.budget import FundSource
from jixiao.model.scored import ScoredItem
from jixiao.schemes.model import BudgetExecutionRules, Rounding, Scheme
from jixiao.scoring import formulas
from jixiao.scoring.numbers import HUNDRED, ONE, ZERO, apply_rounding, fmt, fmt_pct
from jixiao.scoring.schemes import resolve
from jixiao.scoring.verdict import Verdict, cannot_score, computed

if TYPE_CHECKING:
    from decimal import Decimal

    from jixiao.model.budget import BudgetExecution, FundRow
    from jixiao.model.money import Money
    from jixiao.model.stated import Stated

BUDGET_ITEM_ID = "budget_execution"
_BASIS_WORDS = {"adjusted": "调整后预算数", "initial": "年初预算"}


def carryover_rate(budget: Money, carryover: Money, rounding: Rounding | None = None) -> Decimal | None:
    """结转结余率 = 结转结余额 / 预算额, a fraction (rules.md §C7, S3 [K]); None when the budget is 0.

    Rounded to 4 places (a percentage with 2 decimals) half-up unless a rounding is given.
    """
    if budget.amount == ZERO:
        return None
    rate = carryover.to(budget.unit).amount / budget.amount
    return apply_rounding(rate, rounding or Rounding(places=4))


def score_budget_execution(budget: BudgetExecution, scheme: Scheme | str) -> ScoredItem:
    """Score the 总额 row: weight × min(1, 执行数 / 预算数), the budget chosen by the scheme."""
    resolved = resolve(scheme)
    rules = resolved.budget_execution
    if rules is None:
        message = f"评分方案 {resolved.id} 没有预算执行规则（budget_execution）"
        raise ValueError(message)
    row = budget.total
    stated = row.score.value if row is not None else None
    verdict = (
        _verdict(row, rules, resolved)
        if row is not None
        else cannot_score("缺少预算执行「总额」行，无法计分", "missing_budget")
    )
    if row is not None:
        verdict = verdict.with_flags(*_row_flags(row, budget, rules))
    return ScoredItem(
        id=BUDGET_ITEM_ID,
        name="预算执行率",
        group="budget",
        weight=rules.weight,
        score=verdict.score,
        stated_score=stated,
        explanation=verdict.explanation,
        flags=verdict.flags,
        field=_row_field(budget),
        location=row.score.location if row is not None else None,
    )


def _row_field(budget: BudgetExecution) -> str:
    """Model path of the 总额 row, e.g. `self_eval_form.budget.rows[0]`."""
    index = next((index for index, row in enumerate(budget.rows) if row.source is FundSource.total), None)
    return f"self_eval_form.budget.rows[{index}]" if index is not None else "self_eval_form.budget"


def execution_rate(budget: BudgetExecution, rules: BudgetExecutionRules) -> Decimal | None:
    """执行数 / 预算数 of the 总额 row as an exact fraction, or None when it cannot be computed."""
    row = budget.total
    return None if row is None else _exact_rate(row, rules)


def row_execution_rate(row: FundRow, scheme: Scheme | str) -> Decimal | None:
    """预算执行率 of any fund row as the scheme computes it: basis and rounding from the scheme.

    rules.md §A11 [V S8]: 执行数 / 调整后预算数 (blank → 年初预算) on the Sichuan form.
    """
    resolved = resolve(scheme)
    rules = resolved.budget_execution
    rate = _exact_rate(row, rules) if rules is not None else None
    return None if rate is None else apply_rounding(rate, resolved.rounding.rate)


def _exact_rate(row: FundRow, rules: BudgetExecutionRules) -> Decimal | None:
    """执行数 / 预算数 of one row, exact; None when a number is missing or the budget is not positive."""
    basis, _ = execution_basis(row, rules)
    spent = row.spent.value
    if basis is None or spent is None or basis.amount <= ZERO:
        return None
    return spent.to(basis.unit).amount / basis.amount


def execution_basis(row: FundRow, rules: BudgetExecutionRules) -> tuple[Money | None, str]:
    """The budget the execution rate is measured against, and its name as printed."""
    adjusted, initial = row.adjusted_budget.value, row.initial_budget.value
    if rules.rate_basis == "adjusted":
        return adjusted, _BASIS_WORDS["adjusted"]
    if rules.rate_basis == "initial":
        return initial, _BASIS_WORDS["initial"]
    if adjusted is not None:
        return adjusted, _BASIS_WORDS["adjusted"]
    return initial, f"{_BASIS_WORDS['initial']}，调整后预算数空白"


def _verdict(row: FundRow, rules: BudgetExecutionRules, scheme: Scheme) -> Verdict:
    basis, basis_name = execution_basis(row, rules)
    spent = row.spent.value
    if basis is None:
        return cannot_score(f"{basis_name}缺失，无法计算预算执行率", "missing_budget")
    if spent is None:
        return cannot_score("预算执行数缺失，无法计算预算执行率", "missing_spent")
    if basis.amount <= ZERO:
        return cannot_score(f"{basis_name}为{basis}，无法计算预算执行率", "zero_budget")
    spent_amount = spent.to(basis.unit).amount
    rate = apply_rounding(spent_amount / basis.amount, scheme.rounding.rate)
    lead = f"执行率={fmt(spent_amount)}/{fmt(basis.amount)}（{basis_name}）={fmt_pct(rate)}"
    if rate >= ONE:
        return Verdict(rules.weight, f"{lead}，得满分{fmt(rules.weight)}分")
    exact = formulas.rate_times_points(rate, rules.weight)
    return computed(exact, f"{fmt_pct(rate)}×{fmt(rules.weight)}", scheme.rounding.item, lead)


def _row_flags(row: FundRow, budget: BudgetExecution, rules: BudgetExecutionRules) -> tuple[str, ...]:
    flags: list[str] = []
    rate = _exact_rate(row, rules)
    if rate is not None and rate * HUNDRED < rules.reason_required_below_pct and _blank(row.reason):
        flags.append("reason_missing")
    initial, adjusted = row.initial_budget.value, row.adjusted_budget.value
    if initial is not None and adjusted is not None and initial.to(adjusted.unit).amount != adjusted.amount:
        flags.append("budget_adjusted")
        if _blank(budget.adjustment_explanation) and _blank(row.reason):
            flags.append("adjustment_unexplained")
    return tuple(flags)


def _blank(value: Stated[str]) -> bool:
    return not (value.value or value.raw).strip()
