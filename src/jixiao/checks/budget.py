"""Budget execution rules of the 自评表 (预算执行情况（10分）, rules.md §A11, §G01–G03)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.checks._common import amount, is_nothing, matches_score, percent, show, where
from jixiao.checks.context import CheckContext, Hit, Unchecked
from jixiao.checks.registry import SELF_EVAL_FORM, rule
from jixiao.model import FUND_SOURCE_LABELS, FundRow, Severity

if TYPE_CHECKING:
    from collections.abc import Iterator


def _row_path(index: int, attribute: str) -> str:
    return f"self_eval_form.budget.rows[{index}].{attribute}"


def _computed_rate(row: FundRow) -> Decimal | None:
    """执行数 / 调整后预算数, the 年初预算 when the adjusted budget is blank (rules.md §A11)."""
    base = amount(row.adjusted_budget) if row.adjusted_budget.value else amount(row.initial_budget)
    spent = amount(row.spent)
    if base is None or spent is None or base == 0:
        return None
    return spent / base


def _rate(row: FundRow) -> Decimal | None:
    """The computed rate, else the stated one."""
    computed = _computed_rate(row)
    return computed if computed is not None else row.execution_rate.value


@rule(
    "G01",
    "execution-rate-mismatch",
    Severity.error,
    schemes=SELF_EVAL_FORM,
    message="{row}预算执行率写为{stated}，按执行数{spent}÷预算数{budget}应为{computed}",
)
def execution_rate_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Stated execution rate must equal spent / adjusted budget (initial when blank).

    检查内容：预算执行率是否等于预算执行数除以调整后预算数（调整后预算数空白时用年初预算），误差不超过0.01个
    百分点。
    为什么：执行率是预算执行得分的依据，算错会直接改变10分的得分。
    示例：利州2023 四个项目均写100.00%，与执行数一致（不触发）；把42.38万元写成40万元执行数则触发。
    依据：S8 表内说明「预算执行率=预算执行数/调整后预算数」；rules.md §A11、§G01。
    """
    rows = ctx.form.budget.rows if ctx.form else ()
    checked = 0
    for index, row in enumerate(rows):
        computed, stated = _computed_rate(row), row.execution_rate.value
        if computed is None or stated is None:
            continue
        checked += 1
        if abs(computed - stated) > ctx.options.rate_tolerance:
            base = row.adjusted_budget if row.adjusted_budget.value else row.initial_budget
            yield Hit(
                {
                    "row": FUND_SOURCE_LABELS[row.source],
                    "stated": percent(stated),
                    "computed": percent(computed),
                    "spent": show(amount(row.spent)),
                    "budget": show(amount(base)),
                },
                (
                    where(row.execution_rate, _row_path(index, "execution_rate")),
                    where(row.spent, _row_path(index, "spent")),
                    where(base, _row_path(index, "adjusted_budget")),
                ),
            )
    if not checked:
        yield Unchecked("预算执行情况缺少预算数、执行数或执行率，无法核对执行率")


@rule(
    "G02",
    "budget-score-mismatch",
    Severity.error,
    schemes=SELF_EVAL_FORM,
    message="预算执行率{rate}时预算执行得分应为{expected}分，表中为{stated}分",
)
def budget_score_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Budget execution score must be weight × min(1, rate).

    检查内容：总额行的自评得分是否等于权重（10分）乘以执行率（超过100%按100%计）。
    为什么：四川表和财政部填表说明都按执行率计分，没有因预算调减扣分的成文规定。
    示例：利州2023 投融资理财项目执行率100.00%却只得8分（调减3.49万元），应得10分。
    依据：S2、S8；rules.md §A11、§H-4、§G02。
    """
    row = ctx.form.budget.total if ctx.form else None
    if row is None or row.score.value is None:
        yield Unchecked("没有总额行或其自评得分，无法核对预算执行得分")
        return
    rate = _rate(row)
    if rate is None:
        yield Unchecked("总额行缺少执行数和执行率，无法核对预算执行得分")
        return
    weight = row.weight.value or ctx.policy(*SELF_EVAL_FORM).budget_weight
    expected = weight * min(Decimal(1), rate)
    if not matches_score(row.score.value, expected, ctx.options.score_tolerance):
        index = ctx.form.budget.rows.index(row) if ctx.form else 0
        yield Hit(
            {"rate": percent(rate), "expected": show(expected), "stated": show(row.score.value)},
            (
                where(row.score, _row_path(index, "score")),
                where(row.execution_rate, _row_path(index, "execution_rate")),
            ),
        )


@rule(
    "G03",
    "execution-reason-missing",
    Severity.warning,
    schemes=SELF_EVAL_FORM,
    message="{situation}，但{what}",
)
def execution_reason_missing(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """A rate below 90 % or a mid-year adjustment needs a reason of at most 100 characters.

    检查内容：执行率低于90%时「原因」栏是否说明原因；年初预算与调整后预算不同时是否单独说明调整理由（原因的字
    数由 G27 检查）。
    为什么：四川表的填表说明要求说明低执行率和年中追加、调减，缺少说明无法判断执行偏差是否合理。
    示例：利州2023 投融资理财项目年初10万元、调整后6.51万元，原因栏只有表格自带的填表说明。
    依据：S8 表内说明第1、2条；rules.md §A11、§G03。
    """
    row = ctx.form.budget.total if ctx.form else None
    if row is None:
        yield Unchecked("没有总额行，无法核对执行原因")
        return
    index = ctx.form.budget.rows.index(row) if ctx.form else 0
    reason_at = where(row.reason, _row_path(index, "reason"))
    rate = _rate(row)
    below = ctx.policy(*SELF_EVAL_FORM).reason_below_rate
    if rate is not None and rate < below and is_nothing(row.reason.value):
        yield Hit({"situation": f"执行率{percent(rate)}低于90%", "what": "未说明原因"}, (reason_at,))
    initial, adjusted = amount(row.initial_budget), amount(row.adjusted_budget)
    explanation = ctx.form.budget.adjustment_explanation if ctx.form else None
    if initial is not None and adjusted is not None and initial != adjusted:
        explained = explanation is not None and not is_nothing(explanation.value)
        if not explained and is_nothing(row.reason.value):
            yield Hit(
                {"situation": f"年初预算{show(initial)}调整为{show(adjusted)}", "what": "未单独说明调整理由"},
                (
                    where(row.initial_budget, _row_path(index, "initial_budget")),
                    where(row.adjusted_budget, _row_path(index, "adjusted_budget")),
                    reason_at,
                ),
            )
