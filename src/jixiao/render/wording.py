"""Every sentence the renderer writes, as data-driven templates (the report's wording lives here only).

Kept in one module on purpose (issue 5: wording in one place, testable), hence a little over 300 lines.

Each function takes model values and scores and returns Chinese text in which every number, name,
year and target comes from its arguments. Outcomes of an indicator (met, unmet, over-achieved, not
applicable) follow the scoring result: `not_applicable`, the `over_achievement` flag, and score below
weight (rules.md §A5, §A9, §C3).
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING

from jixiao.model import DIRECTION_SYMBOLS, Direction
from jixiao.model.parse import parse_value
from jixiao.render.values import decimal_text, short_percent, stated_text

if TYPE_CHECKING:
    from jixiao.model import Indicator, Project, ScoredEvaluation, ScoredItem


class Outcome(StrEnum):
    """How an indicator ended, as the report words it."""

    met = "met"  # 达到
    unmet = "unmet"  # 未达到
    over = "over"  # 超额
    not_applicable = "not_applicable"  # 不适用
    unscored = "unscored"  # scoring could not score it


DIRECTION_WORDS: dict[Direction, str] = {
    Direction.at_least: "不低于",
    Direction.more_than: "高于",
    Direction.at_most: "不高于",
    Direction.less_than: "低于",
    Direction.equal: "为",
    Direction.qualitative: "为",
}
OVER_ACHIEVEMENT_FLAG = "over_achievement"

TEMPLATES: dict[Outcome, str] = {
    Outcome.met: (
        "「{name}」年度目标{target}，实际完成{actual}，达到年度目标，得{score}分（权重{weight}分）。"
    ),
    Outcome.unmet: (
        "「{name}」年度目标{target}，实际完成{actual}{rate}，未达到年度目标，"
        "得{score}分（权重{weight}分）。{reason}"
    ),
    Outcome.over: (
        "「{name}」年度目标{target}，实际完成{actual}{rate}，超额完成年度目标，"
        "得{score}分（权重{weight}分，不设加分）。{reason}"
    ),
    Outcome.not_applicable: "「{name}」不适用于本项目，不纳入评分范围，总分按适用指标折算为百分制。{reason}",
    Outcome.unscored: "「{name}」年度目标{target}，完成值为「{actual}」，无法按计分标准计算得分。",
}
REASON_UNMET = "未完成原因：{text}"
REASON_UNMET_MISSING = "单位未填写未完成原因，应补充说明原因及改进措施。"
REASON_OVER = "超额原因：{text}"
REASON_OVER_MISSING = "实际完成情况超计划较大，应分析目标值是否设置偏低。"
REASON_NOT_APPLICABLE = "理由：{text}"
REASON_NOT_APPLICABLE_MISSING = "理由：该指标与本项目的实施内容和职责无直接关联。"


def outcome(item: ScoredItem | None) -> Outcome:
    """Classify a scored row: 不适用, over-achieved, unmet (score below weight), met or unscored."""
    if item is None or (item.score is None and not item.not_applicable):
        return Outcome.unscored
    if item.not_applicable:
        return Outcome.not_applicable
    if OVER_ACHIEVEMENT_FLAG in item.flags:
        return Outcome.over
    if item.score is not None and item.score < item.weight:
        return Outcome.unmet
    return Outcome.met


def target_text(indicator: Indicator) -> str:
    """The target in words: 不低于95%, 不高于1.8万元, 为“正常”."""
    target = stated_text(indicator.target)
    unit = stated_text(indicator.unit_of_measure)
    direction = indicator.direction.value
    if direction is None or direction is Direction.qualitative or not parse_value(target).is_number:
        return f"为“{target}”" if target else "未填写"
    written = target.lstrip("≥≤=<>＝")
    if unit and not written.endswith(unit):
        written += unit
    return f"{DIRECTION_WORDS[direction]}{written}"


def actual_text(indicator: Indicator) -> str:
    """The actual as written, with the unit of measure added to a bare number."""
    actual = stated_text(indicator.actual)
    unit = stated_text(indicator.unit_of_measure)
    parsed = parse_value(actual)
    if parsed.is_number and parsed.unit is None and not parsed.is_percent and unit:
        return actual + unit
    return actual or "（未填写）"


def completion_rate(indicator: Indicator) -> Decimal | None:
    """Actual over target for a quantitative indicator, both read by `parse_value`; else None."""
    if indicator.direction.value in {None, Direction.qualitative}:
        return None
    target = parse_value(stated_text(indicator.target))
    actual = parse_value(stated_text(indicator.actual))
    if target.number is None or actual.number is None or target.number <= 0:
        return None
    return actual.number / target.number


def indicator_sentence(indicator: Indicator, item: ScoredItem | None) -> str:
    """One sentence on how an indicator ended, with its numbers and the unit's reason."""
    kind = outcome(item)
    reason_text = stated_text(indicator.shortfall_reason)
    rate = completion_rate(indicator)
    rate_words = f"（完成率{short_percent(rate)}）" if rate is not None and kind is Outcome.unmet else ""
    if kind is Outcome.over and rate is not None:
        rate_words = f"（完成率{short_percent(rate)}）"
    return TEMPLATES[kind].format(
        name=stated_text(indicator.name),
        target=target_text(indicator),
        actual=actual_text(indicator),
        rate=rate_words,
        score=decimal_text(item.score) if item is not None else "",
        weight=decimal_text(item.weight) if item is not None else "",
        reason=_reason(kind, reason_text),
    )


def sentence_end(text: str) -> str:
    """End a clause with a full stop unless it already ends with sentence punctuation."""
    text = text.strip()
    return text if not text or text[-1] in "。！？；.!?;" else text + "。"


def _reason(kind: Outcome, text: str) -> str:
    text = sentence_end(text)
    if kind is Outcome.unmet:
        return REASON_UNMET.format(text=text) if text else REASON_UNMET_MISSING
    if kind is Outcome.over:
        return REASON_OVER.format(text=text) if text else REASON_OVER_MISSING
    if kind is Outcome.not_applicable:
        return REASON_NOT_APPLICABLE.format(text=text) if text else REASON_NOT_APPLICABLE_MISSING
    return ""


def outcome_counts(outcomes: list[Outcome]) -> str:
    """Summarise outcomes, e.g. 共设置8项三级指标，其中6项达到年度目标、1项超额完成."""
    parts = [
        f"{outcomes.count(kind)}项{words}"
        for kind, words in (
            (Outcome.met, "达到年度目标"),
            (Outcome.over, "超额完成"),
            (Outcome.unmet, "未达到年度目标"),
            (Outcome.not_applicable, "不适用"),
            (Outcome.unscored, "无法计分"),
        )
        if outcomes.count(kind)
    ]
    return f"共设置{len(outcomes)}项三级指标，其中" + "、".join(parts) + "。" if parts else ""


def form_conclusion(project: Project, evaluation: ScoredEvaluation | None) -> str:
    """The 自评结论 of the Sichuan form: the total, its two parts and the grade (rules.md §B5)."""
    if evaluation is None:
        return ""
    budget = sum((i.score or Decimal(0) for i in evaluation.items if i.group == "budget"), Decimal(0))
    indicators = sum((i.score or Decimal(0) for i in evaluation.items if i.group != "budget"), Decimal(0))
    year = f"{project.year.value}年度" if project.year.value is not None else ""
    return (
        f"本项目{year}自评得分{decimal_text(evaluation.total)}分，其中预算执行情况得分{decimal_text(budget)}分、"
        f"绩效指标得分{decimal_text(indicators)}分，自评等级为“{evaluation.grade.value}”。"
    )


def total_sentence(evaluation: ScoredEvaluation, form_name: str) -> str:
    """Write the 评价结论 sentence with the total, the rescaling when 不适用, and the grade."""
    text = f"对照“{form_name}”逐项开展了自评，"
    if evaluation.rescaled:
        text += (
            f"适用指标满分{decimal_text(evaluation.applicable_max)}分，实得{decimal_text(evaluation.raw_total)}分，"
            f"折算为百分制得分{decimal_text(evaluation.total)}分，"
        )
    else:
        text += f"自评得分{decimal_text(evaluation.total)}分，"
    return text + f"自评等级为“{evaluation.grade.value}”。"


def budget_sentence(year: int | None, amounts: tuple[str, str, str], rate: Decimal | None) -> str:
    """预算安排: 年初预算, 调整后预算 (when different), 执行数 and 执行率, amounts already in 万元 text."""
    initial, adjusted, spent = amounts
    text = f"{year}年度，项目年初预算{initial or '（未填写）'}万元"
    if adjusted and adjusted != initial:
        text += f"，调整后预算{adjusted}万元"
    if spent:
        text += f"，实际执行{spent}万元"
    if rate is not None:
        text += f"，预算执行率{short_percent(rate)}"
    return text + "。"


def chinese_number(number: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 25 → 二十五 (for 一是、二是… up to 99)."""
    digits = "零一二三四五六七八九"
    tens, ones = divmod(number, 10)
    if number < 10:
        return digits[number]
    head = "" if tens == 1 else digits[tens]
    return f"{head}十{digits[ones] if ones else ''}"


def symbol(direction: Direction | None) -> str:
    """The 指标性质 symbol of a direction."""
    return DIRECTION_SYMBOLS[direction] if direction is not None else ""


SHEET_ITEM_TEMPLATES: dict[Outcome, str] = {
    Outcome.met: "经自查，自评得分{score}分（满分{weight}分）。{basis}",
    Outcome.over: "经自查，自评得分{score}分（满分{weight}分）。{basis}",
    Outcome.unmet: "经自查，自评得分{score}分（满分{weight}分），扣{lost}分。{basis}",
    Outcome.not_applicable: (
        "{basis}此项指标不适用于本项目，不纳入考核评价范围，总分按适用指标满分折算为百分制。"
    ),
    Outcome.unscored: "该项缺少计分所需的数据，未能计算得分。{basis}",
}


def sheet_item_sentence(item: ScoredItem | None, basis: str) -> str:
    """A 计分表 item in the report: score, points lost and the unit's basis (rules.md §C8)."""
    kind = outcome(item)
    if kind is Outcome.over:
        kind = Outcome.met
    score = item.score if item is not None else None
    weight = item.weight if item is not None else None
    lost = weight - score if weight is not None and score is not None else None
    text = basis.strip()
    if text and text[-1] not in "。；;！!":
        text += "。"
    if kind is Outcome.not_applicable and not text:
        text = "该项目不产生此类效益。"
    return SHEET_ITEM_TEMPLATES[kind].format(
        score=decimal_text(score), weight=decimal_text(weight), lost=decimal_text(lost), basis=text
    )


def group_sentence(
    order: str, name: str, score: Decimal, weight: Decimal, *, partly_applicable: bool = False
) -> str:
    """Write a group heading: （一）投入得25分（满分25分）; 适用指标满分 when 不适用 items were left out."""
    full = full_points_label(partly_applicable=partly_applicable)
    return f"（{order}）{name}得{decimal_text(score)}分（{full}{decimal_text(weight)}分）。"


def full_points_label(*, partly_applicable: bool) -> str:
    """满分, or 适用指标满分 when 不适用 items were left out of the maximum (rules.md §C3)."""
    return "适用指标满分" if partly_applicable else "满分"


def goal_row_sentence(name: str, target: str, result: str, deviation: str) -> str:
    """A 完成情况表 indicator: target, result and the deviation the unit explained."""
    text = f"「{name}」预算指标值为“{target}”，执行结果为“{result}”"
    if not deviation or deviation.strip() in {"无", "与目标值一致", "无偏差"} or target == result:
        return text + "，与目标值一致。" if target == result else text + "。"
    return text + f"，偏差情况及原因：{deviation.strip().rstrip('。')}。"


def lost_points_sentence(items: list[ScoredItem]) -> str:
    """存在的问题, generated from where points were lost: 「到位及时率」得0分（满分5分）…."""
    lost = [i for i in items if not i.not_applicable and i.score is not None and i.score < i.weight]
    if not lost:
        return ""
    parts = [f"「{i.name}」得{decimal_text(i.score)}分（满分{decimal_text(i.weight)}分）" for i in lost]
    return "自评中" + "、".join(parts) + "，未取得满分，需在今后的项目管理中加以改进。"


# Report phrases by key; every field is filled from the model or the scores (see `say`).
PHRASES: dict[str, str] = {
    "sichuan_title": "{year}年专项预算项目绩效自评报告",
    "sichuan_subtitle": "（{name}专项资金）",
    "intro": "{name}由{unit}实施{department}。",
    "intro_department": "，主管部门为{department}",
    "summary": "项目实施内容及过程：{text}",
    "purpose": "该项目实施目的：{text}",
    "adjustment": "预算调整说明：{text}",
    "targets_lead": (
        "1.绩效目标值情况：按照《项目支出及绩效目标申报表》相关内容，项目{year}年绩效目标值为："
    ),
    "self_eval_scope": (
        "本次自评对照年初设定的绩效目标逐项开展，共设置一级指标{level1}个、二级指标{level2}个、"
        "三级指标{level3}个。"
    ),
    "eval_purpose": (
        "（一）评价目的：全面了解项目管理过程是否规范、产出目标是否完成、效果目标是否实现，"
        "为下一年度科学编制项目预算、设置绩效目标提供参考依据。"
    ),
    "eval_method": (
        "（二）评价方法：对照《部门预算项目支出绩效自评表》，按预算执行情况（{budget_weight}分）和"
        "{count}项绩效指标（{indicator_weight}分）逐项计分，定量指标按完成值与指标值之比计分，定性指标按达成程度分档计分。"
    ),
    "part_score": "{number}、{name}。{words}自评得分{score}分（满分{weight}分）。",
    "no_common_scores": "本报告未提供通用指标评分。",
    "special_not_involved": "{number}、{name}。该项目不涉及。",
    "special_unscored": "{number}、{name}。该项目属于此类，本报告未提供专用指标评分。",
    "special_type_unknown": "项目类型未注明，专用指标自评得分{score}分（满分{weight}分）。",
    "budget_score": "预算执行情况：自评得分{score}分（满分{weight}分）。",
    "indicator_counts": "绩效指标完成情况：{counts}",
    "achievements": "通过项目实施，{text}。",
    "overall": "该项目综合得分为{total}分，评估等级为{grade}。",
    "form_total_differs": "按《部门预算项目支出绩效自评表》计分为{total}分。",
    "no_problems": "各项指标均达到年度目标，自评未发现明显问题。",
    "default_suggestion": "继续加强预算绩效管理，科学设置绩效目标。",
    "subgroup": "{number} {name}得{score}分（{full}{weight}分）。",
    "ziyang_title": "{name}项目支出绩效自评报告",
    "ziyang_scope": (
        "对照《{form}》的投入、过程、产出、效果四个方面{count}项三级指标，"
        "采取定性与定量分析相结合的方法逐项开展自评。"
    ),
    "funds_source": "资金来源：{year}年预算安排{budget}万元",
    "funds_fiscal": "，其中财政拨款{fiscal}万元",
    "funds_used": "。资金使用情况：实际使用{spent}万元，资金使用率为{rate}",
    "funds_carryover": "，结转结余{carryover}万元",
    "targets_list": "年度绩效指标：{targets}。",
    "ziyang_problems": "（一）存在的问题。{text}",
    "ziyang_suggestions": "（二）相关建议。{text}",
    "ziyang_no_problems": "自评未发现明显问题。",
    "ziyang_default_suggestion": "继续加强项目管理和预算绩效管理，提高资金使用效益。",
    "budget_missing": "{year}年度项目预算执行情况未填写。",
    "not_filled": "（未填写）",
    "not_scored": "（未评分）",
}


def say(key: str, **fields: object) -> str:
    """Fill the report phrase `key` with `fields`."""
    return PHRASES[key].format(**fields)
