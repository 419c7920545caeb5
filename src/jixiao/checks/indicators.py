"""Indicator rules of the 自评表 (绩效指标（90分）, rules.md §A5–A10, §G04–G11)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.checks._common import (
    form_indicators,
    indicator_label,
    indicator_path,
    is_quantitative,
    matches_score,
    quantities,
    show,
    squash,
    where,
)
from jixiao.checks.context import CheckContext, Hit, Unchecked
from jixiao.checks.registry import SELF_EVAL_FORM, rule
from jixiao.model import Direction, QualitativeOutcome, Severity

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jixiao.model import Indicator, ScoredItem


@rule(
    "G04",
    "weight-total-mismatch",
    Severity.error,
    schemes=SELF_EVAL_FORM,
    message="{what}为{stated}，应为{expected}",
)
def weight_total_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Indicator weights must add up to 90 and the 合计 weight must be 100.

    检查内容：三级指标权重之和是否为90，合计行的权重是否为100（预算执行10分＋绩效指标90分）。
    为什么：权重不足或超出会让总分失去百分制的意义，也说明表格被改动过。
    示例：利州2023 短信平台自评表合计行权重写90，应为100。
    依据：S1、S8；rules.md §B3、§G04。
    """
    indicators = form_indicators(ctx)
    weights = [indicator.weight.value for indicator in indicators]
    if not indicators or None in weights:
        yield Unchecked("绩效指标缺失或有指标未填权重，无法核对权重合计")
    else:
        total = sum((w for w in weights if w is not None), Decimal(0))
        expected = ctx.policy(*SELF_EVAL_FORM).indicator_weight
        if total != expected:
            locations = tuple(where(i.weight, indicator_path(n, "weight")) for n, i in enumerate(indicators))
            yield Hit(
                {"what": "三级指标权重合计", "stated": show(total), "expected": show(expected)},
                locations,
            )
    stated = ctx.form.total_weight if ctx.form else None
    total_weight = ctx.policy(*SELF_EVAL_FORM).total_weight
    if stated is not None and stated.value is not None and stated.value != total_weight:
        yield Hit(
            {"what": "合计行权重", "stated": show(stated.value), "expected": show(total_weight)},
            (where(stated, "self_eval_form.total_weight"),),
        )


@rule(
    "G05",
    "level1-split-unusual",
    Severity.warning,
    schemes=SELF_EVAL_FORM,
    message="一级指标权重为产出{output}/效益{benefit}/满意度{satisfaction}，原则上应为{expected}",
)
def level1_split_unusual(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """The 产出/效益/满意度 weights should be 50/30/10 (advisory).

    检查内容：产出（含成本）、效益、满意度三个一级指标的权重之和是否为50、30、10。
    为什么：财政部办法规定原则上按50/30/10设置；偏离不是错误，但复核时应了解理由。
    示例：利州2023 短信平台为60/20/10，联席会议为60/20/10（成本20计入产出）。
    依据：S1（K，条款待核对）；rules.md §A4、§H-7、§G05。
    """
    indicators = form_indicators(ctx)
    if not indicators or any(i.weight.value is None for i in indicators):
        yield Unchecked("绩效指标缺失或有指标未填权重，无法核对一级指标权重")
        return
    expected = dict(ctx.policy(*SELF_EVAL_FORM).level1_split)
    split = dict.fromkeys(expected, Decimal(0))
    for indicator in indicators:
        level1 = squash(indicator.level1.value)
        key = "产出" if level1.startswith("成本") else next((k for k in split if level1.startswith(k)), None)
        if key is not None and indicator.weight.value is not None:
            split[key] += indicator.weight.value
    if split != expected:
        locations = (where(indicators[0].level1, indicator_path(0, "level1")),)
        yield Hit(
            {
                "output": show(split["产出"]),
                "benefit": show(split["效益"]),
                "satisfaction": show(split["满意度"]),
                "expected": "/".join(show(v) for v in expected.values()),
            },
            locations,
        )


@rule(
    "G06",
    "indicator-score-mismatch",
    Severity.error,
    schemes=SELF_EVAL_FORM,
    message="指标「{indicator}」自评{stated}分，按公式应为{computed}分（{explanation}）",
)
def indicator_score_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """A quantitative indicator's stated score must equal the scheme's formula.

    检查内容：定量指标的自评得分是否等于评分方案的公式结果（正向B/A×权重、反向A/B×权重，封顶），允许一位小数
    的舍入。
    为什么：定量指标的分数由完成值决定，不由填报人估计。
    示例：完成值为目标值80%的正向指标写满分即触发；利州2023 各定量指标均已完成，不触发。
    依据：S2 填表说明；S10；rules.md §A6、§A7、§G06。
    """
    evaluation = ctx.evaluation(*SELF_EVAL_FORM)
    if evaluation is None:
        yield Unchecked(ctx.scoring_error or "项目未能按自评表方案评分，无法核对定量指标得分")
        return
    indicators = form_indicators(ctx)
    items: dict[str, ScoredItem] = {}
    for scored in evaluation.items:
        items.setdefault(scored.field, scored)  # the first item of a field, as a linear search finds it
    for index, indicator in enumerate(indicators):
        item = items.get(indicator_path(index))
        if item is None or item.score is None or indicator.score.value is None:
            continue
        if not is_quantitative(indicator) or "missing_actual" in item.flags:
            continue
        if not matches_score(indicator.score.value, item.score, ctx.options.score_tolerance):
            yield Hit(
                {
                    "indicator": indicator_label(indicator),
                    "stated": show(indicator.score.value),
                    "computed": show(item.score),
                    "explanation": item.explanation,
                },
                (
                    where(indicator.score, indicator_path(index, "score")),
                    where(indicator.actual, indicator_path(index, "actual")),
                ),
            )


@rule(
    "G08",
    "qualitative-score-out-of-band",
    Severity.error,
    schemes=SELF_EVAL_FORM,
    message="定性指标「{indicator}」为「{outcome}」，得分应在{low}至{high}分之间，表中为{score}分",
)
def qualitative_score_out_of_band(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """A qualitative score must lie in the band of its outcome.

    检查内容：定性指标的得分是否落在所选档次的区间内（达成80%–100%，部分达成60%–80%，未达成60%以下，下限含）。
    为什么：定性指标按档次打分，档次与分数不一致说明打分随意。完成值与指标值相同视为「达成」。
    示例：完成值写「部分完成」却给满分，且未选档次时提示无法核对。
    依据：S1；S10 定性区间校验；rules.md §A10、§G08。
    """
    undetermined: list[str] = []
    for index, indicator in enumerate(form_indicators(ctx)):
        weight, score = indicator.weight.value, indicator.score.value
        if indicator.direction.value is not Direction.qualitative or weight is None or score is None:
            continue
        outcome = indicator.qualitative_outcome or _implied_outcome(indicator)
        if outcome is None:
            undetermined.append(indicator_label(indicator))
            continue
        low, high = (share * weight for share in ctx.policy(*SELF_EVAL_FORM).qualitative_bands[outcome])
        inside = low <= score <= high if outcome is QualitativeOutcome.achieved else low <= score < high
        if not inside:
            yield Hit(
                {
                    "indicator": indicator_label(indicator),
                    "outcome": outcome.value,
                    "low": show(low),
                    "high": show(high),
                    "score": show(score),
                },
                (
                    where(indicator.score, indicator_path(index, "score")),
                    where(indicator.actual, indicator_path(index, "actual")),
                ),
            )
    if undetermined:
        yield Unchecked(
            f"定性指标「{'、'.join(undetermined)}」的完成值与指标值不同且未选定档次，无法核对档次"
        )


def _implied_outcome(indicator: Indicator) -> QualitativeOutcome | None:
    """Text identical to the target, or the same number, means achieved (rules.md §A10)."""
    actual, target = squash(indicator.actual.value), squash(indicator.target.value)
    pair = quantities(indicator)
    same = (bool(actual) and actual == target) or (pair is not None and pair[1] >= pair[0])
    return QualitativeOutcome.achieved if same else None
