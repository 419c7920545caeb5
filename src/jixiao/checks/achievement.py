"""Actual against target: missing actuals, unexplained shortfalls and over-achievement (rules.md §A8, §A9)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.checks._common import (
    form_indicators,
    indicator_label,
    indicator_path,
    is_nothing,
    is_quantitative,
    quantities,
    show,
    where,
)
from jixiao.checks.context import CheckContext, Hit, Unchecked
from jixiao.checks.registry import SELF_EVAL_FORM, rule
from jixiao.model import Direction, Severity, ValueKind
from jixiao.model.parse import parse_value

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jixiao.model import Indicator


@rule(
    "G09",
    "actual-missing",
    Severity.error,
    schemes=SELF_EVAL_FORM,
    message="定量指标「{indicator}」的完成值「{actual}」不是数值，无法计分，表中却给{score}分",
)
def actual_missing(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """A quantitative indicator with a blank or non-numeric actual cannot be scored.

    检查内容：指标性质为≥、≤、=等定量指标时，完成值是否为可读的数值；空白或不可读却给了分数即报错。
    为什么：没有完成值就没有计分依据，给满分属于虚高自评。
    示例：利州2023 投融资理财项目满意度指标完成值只写「%」，却得10分（满分）。
    依据：rules.md §A2、§A8、§G09。
    """
    for index, indicator in enumerate(form_indicators(ctx)):
        if not is_quantitative(indicator) or indicator.not_applicable:
            continue
        if _is_measured(indicator):
            continue
        yield Hit(
            {
                "indicator": indicator_label(indicator),
                "actual": indicator.actual.raw or "（空）",
                "score": show(indicator.score.value),
            },
            (
                where(indicator.actual, indicator_path(index, "actual")),
                where(indicator.score, indicator_path(index, "score")),
            ),
        )


def _is_measured(indicator: Indicator) -> bool:
    """A number, or a date against a date target (a 时效 deadline, scored as dates by scoring)."""
    actual = parse_value(indicator.actual.value or indicator.actual.raw)
    if actual.is_number:
        return True
    target = parse_value(indicator.target.value or indicator.target.raw)
    return actual.kind is ValueKind.date and target.kind is ValueKind.date


@rule(
    "G10",
    "shortfall-reason-missing",
    Severity.error,
    schemes=SELF_EVAL_FORM,
    message="指标「{indicator}」得{score}分低于权重{weight}分，未填写未完成原因",
)
def shortfall_reason_missing(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """An indicator scored below its weight needs a shortfall reason.

    检查内容：得分低于权重的指标，「未完成原因分析」栏是否填写。
    为什么：办法要求对未完成的目标说明原因和改进措施。
    示例：权重10分得8分而原因栏空白即触发；利州2023 各指标均为满分，不触发。
    依据：S1、S2；rules.md §A2、§A6、§G10。
    """
    for index, indicator in enumerate(form_indicators(ctx)):
        score, weight = indicator.score.value, indicator.weight.value
        if score is None or weight is None or score >= weight or indicator.not_applicable:
            continue
        if is_nothing(indicator.shortfall_reason.value):
            yield Hit(
                {"indicator": indicator_label(indicator), "score": show(score), "weight": show(weight)},
                (
                    where(indicator.score, indicator_path(index, "score")),
                    where(indicator.shortfall_reason, indicator_path(index, "shortfall_reason")),
                ),
            )


@rule(
    "G11",
    "over-achievement-unexplained",
    Severity.warning,
    schemes=SELF_EVAL_FORM,
    message="指标「{indicator}」完成值{actual}达到目标值{target}的{ratio}，未说明原因（目标值可能偏低）",
)
def over_achievement_unexplained(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """An actual at 130 % of the target or more needs an explanation.

    检查内容：正向或等于指标的完成值达到目标值130%以上（目标为0时完成值≥30）而未说明原因。
    为什么：大幅超额通常说明目标值定得偏低，办法要求分析原因并可据此扣分。
    示例：目标「≥12次/年」完成「50次」且无说明即触发；利州2023 短信平台39万条对36万条（108%）不触发。
    依据：S1；S10 广西 130% 规则；rules.md §A9、§G11。
    """
    policy = ctx.policy(*SELF_EVAL_FORM)
    for index, indicator in enumerate(form_indicators(ctx)):
        if indicator.direction.value not in {Direction.at_least, Direction.more_than, Direction.equal}:
            continue
        pair = quantities(indicator)
        if pair is None or not is_nothing(indicator.shortfall_reason.value):
            continue
        target, actual = pair
        over = (
            actual >= target * policy.over_achievement_ratio
            if target > 0
            else actual >= policy.zero_target_threshold
        )
        if over:
            shown = f"{show(actual / target * 100)}%" if target > 0 else "目标为0"
            yield Hit(
                {
                    "indicator": indicator_label(indicator),
                    "actual": show(actual),
                    "target": show(target),
                    "ratio": shown,
                },
                (
                    where(indicator.actual, indicator_path(index, "actual")),
                    where(indicator.target, indicator_path(index, "target")),
                ),
            )


@rule(
    "G34",
    "equal-target-deviation",
    Severity.warning,
    schemes=SELF_EVAL_FORM,
    message="「=」指标「{indicator}」的完成值{actual}不等于指标值{target}，{situation}",
)
def equal_target_deviation(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """An "=" indicator whose actual differs from its target needs a look even when scored full.

    检查内容：指标性质为「=」的定量指标，完成值与指标值不相等（超出或不足）。
    为什么：「=」表示恰好达到；超出说明目标设定有误，不足则应扣分并说明原因。系统按「≥」计分时仍会给满分。
    示例：目标「覆盖 =17 个」完成「20个」即触发；利州2023 短信平台17个对17个，不触发。
    依据：S10（等于按正向计分）；rules.md §A8、§H-5。
    """
    for index, indicator in enumerate(form_indicators(ctx)):
        pair = quantities(indicator) if indicator.direction.value is Direction.equal else None
        if pair is None or pair[0] == pair[1]:
            continue
        target, actual = pair
        situation = "超出目标，目标值可能设定有误" if actual > target else "未达到目标"
        values = {"indicator": indicator_label(indicator), "actual": show(actual), "target": show(target)}
        values["situation"] = situation
        yield Hit(values, (where(indicator.actual, indicator_path(index, "actual")),))
