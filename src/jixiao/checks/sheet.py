"""Ziyang 计分表 rules (财预〔2013〕53号 common indicators with local points, rules.md §C, §G15–G19, §G29)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.checks._common import HUNDRED, is_nothing, matches_score, percent, show, squash, where
from jixiao.checks.context import CheckContext, Hit, Unchecked
from jixiao.checks.registry import ZIYANG, rule
from jixiao.model import Severity

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from jixiao.model import ScoreSheetItem

# Item ids per first-level group (scheme common-2013-ziyang-2022; rules.md §C1).
ITEM_GROUPS = {
    "input": (
        "project_initiation_compliance",
        "goal_reasonableness",
        "indicator_clarity",
        "funds_in_place_rate",
        "funds_timely_rate",
    ),
    "process": (
        "business_rules_soundness",
        "rules_execution_effectiveness",
        "quality_controllability",
        "finance_rules_soundness",
        "funds_use_compliance",
        "finance_monitoring_effectiveness",
    ),
    "output": ("actual_completion_rate", "completion_timeliness", "quality_rate", "cost_saving_rate"),
    "effect": (
        "economic_benefit",
        "social_benefit",
        "ecological_benefit",
        "sustainable_impact",
        "satisfaction",
    ),
}
# Items scored by integer sub-items ①–⑤ (rules.md §C4): a fractional score is off the rubric.
RUBRIC_ITEMS = ITEM_GROUPS["input"][:3] + ITEM_GROUPS["process"]
QUARTERS = 4  # 完成及时率: 1--4季度各得1.5分


def _path(index: int, attribute: str) -> str:
    return f"score_sheet.items[{index}].{attribute}"


def _items(ctx: CheckContext, ids: tuple[str, ...]) -> list[tuple[int, ScoreSheetItem]]:
    items = ctx.sheet.items if ctx.sheet else ()
    return [(n, item) for n, item in enumerate(items) if item.id in ids and not item.not_applicable]


def _formula_hits(
    ctx: CheckContext, ids: tuple[str, ...], expected_of: Callable[[Decimal, Decimal], Decimal]
) -> Iterator[Hit | Unchecked]:
    """Compare each item's stated score with `expected_of(rate, points)`; info when no rate is known."""
    missing: list[str] = []
    for index, item in _items(ctx, ids):
        rate, points, score = item.measures.get("rate"), item.points.value, item.score.value
        if rate is None or rate.value is None or points is None or score is None:
            missing.append(item.name.value or item.id)
            continue
        expected = expected_of(rate.value, points)
        if not matches_score(score, expected, ctx.options.score_tolerance):
            yield Hit(
                {
                    "item": item.name.value or item.id,
                    "rate": percent(rate.value),
                    "expected": show(expected),
                    "stated": show(score),
                },
                (where(item.score, _path(index, "score")), where(rate, _path(index, "measures.rate"))),
            )
    if missing:
        yield Unchecked(f"「{'、'.join(missing)}」缺少比率或分值，无法按公式核对")


def _arrival_score(rate: Decimal, points: Decimal) -> Decimal:
    """达到目标值得满分，每少一个百分点扣1分，扣完为止 (proportional, rules.md §H-8)."""
    shortfall = max(Decimal(0), (Decimal(1) - rate) * HUNDRED)
    return max(Decimal(0), points - shortfall)


@rule(
    "G15",
    "funds-arrival-score-mismatch",
    Severity.error,
    schemes=(ZIYANG,),
    message="「{item}」比率{rate}，每少一个百分点扣1分应得{expected}分，表中为{stated}分",
)
def funds_arrival_score_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Funds arrival items (资金到位率 / 到位及时率) score = max(0, points − shortfall in percentage points).

    检查内容：资金到位率、到位及时率的得分是否为满分减去差额百分点数（扣完为止）。
    为什么：计分表写明「达到目标值得5分，每少一个百分点扣1分」，得分应能由比率算出。
    示例：资阳2022 老年大学房屋租赁费到位率46.9%，得0分（不触发）；到位率97%却得5分则触发。
    依据：资阳2022 计分表指标说明；rules.md §C1、§C2、§H-8、§G15。
    """
    yield from _formula_hits(ctx, ITEM_GROUPS["input"][3:], _arrival_score)


@rule(
    "G16",
    "rate-item-score-mismatch",
    Severity.error,
    schemes=(ZIYANG,),
    message="「{item}」比率{rate}，按比率×分值应得{expected}分，表中为{stated}分",
)
def rate_item_score_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Rate items score rate × points: 实际完成率 × 4, 质量达标率 × 5, 满意度 × 10.

    检查内容：实际完成率、质量达标率、满意度三项的得分是否等于比率乘以分值（允许一位或两位小数的四舍五入）。
    为什么：这三项按公式计分，填报人不能另行估分。
    示例：资阳2022 老年大学房屋租赁费质量达标率47%，报告算得2.4分，计分表却写5分。
    依据：资阳2022 计分表指标说明；rules.md §C1、§C2、§G16。
    """
    ids = ("actual_completion_rate", "quality_rate", "satisfaction")
    yield from _formula_hits(ctx, ids, lambda rate, points: min(points, rate * points))


@rule(
    "G17",
    "timeliness-score-off-grid",
    Severity.error,
    schemes=(ZIYANG,),
    message="完成及时率得{stated}分，按每季度{step}分只能是{allowed}{detail}",
)
def timeliness_score_off_grid(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Timeliness (完成及时率) scores 1.5 points per quarter completed on time: 0, 1.5, 3, 4.5 or 6.

    检查内容：完成及时率得分是否为每季度分值（满分÷4）的整数倍；给出按时完成季度数时是否与之相符。
    为什么：资阳计分表规定「1–4季度各得1.5分」，5分、5.5分不可能得到。
    示例：资阳2022 有计分表完成及时率写5分或5.5分（不是1.5的倍数）。
    依据：资阳2022 计分表指标说明；rules.md §C2、§G17。
    """
    for index, item in _items(ctx, ("completion_timeliness",)):
        points, score = item.points.value, item.score.value
        if points is None or score is None or points <= 0:
            yield Unchecked("完成及时率缺少分值或得分，无法核对")
            continue
        step = points / QUARTERS
        allowed = "、".join(show(step * q) for q in range(QUARTERS + 1))
        quarters = item.measures.get("quarters_on_time")
        expected = step * quarters.value if quarters is not None and quarters.value is not None else None
        if score % step != 0 or (expected is not None and score != expected):
            detail = (
                f"（按时完成{show(quarters.value)}个季度应得{show(expected)}分）"
                if quarters and expected
                else ""
            )
            yield Hit(
                {"stated": show(score), "step": show(step), "allowed": allowed, "detail": detail},
                (where(item.score, _path(index, "score")),),
            )


def _saving_score(rate: Decimal, points: Decimal) -> Decimal:
    """节约的计满分，增加的按比例扣分 (interpretation points × (1 + r), floor 0; rules.md §C1)."""
    return points if rate >= 0 else max(Decimal(0), points * (Decimal(1) + rate))


@rule(
    "G18",
    "cost-saving-score-mismatch",
    Severity.error,
    schemes=(ZIYANG,),
    message="「{item}」比率{rate}，节约得满分、超支按比例扣分应得{expected}分，表中为{stated}分",
)
def cost_saving_score_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Cost saving (成本节约率): a saving scores full marks; an overspend loses points in proportion.

    检查内容：成本节约率为正（节约）时是否得满分，为负（超支）时是否按比例扣分（5×(1+比率)，最低0分）。
    为什么：计分表写明「节约的计5分，增加的按比例扣分」。
    示例：资阳2022 物业费成本节约率−362%应得0分；老年大学运行经费报告称节约6%得4分，应得5分。
    依据：资阳2022 计分表指标说明；rules.md §C1、§C2、§G18。
    """
    yield from _formula_hits(ctx, ("cost_saving_rate",), _saving_score)


@rule(
    "G19",
    "group-points-mismatch",
    Severity.error,
    schemes=(ZIYANG,),
    message="「{group}」表头写{stated}分，所属各项分值合计{computed}分",
)
def group_points_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """A group header's points must equal the sum of its items' points.

    检查内容：计分表一级、二级指标表头的分值（如「过程（25分）」）是否等于其下三级指标分值之和。
    为什么：表头印错会让复核者按错误的满分理解得分，也说明表格被改动过。
    示例：资阳2022 有两张计分表印「过程（30分）」，而其下各项合计25分。
    依据：资阳2022 计分表；rules.md §C1、§G19。
    """
    sheet = ctx.sheet
    if sheet is None or not sheet.groups:
        if sheet is not None:
            yield Unchecked("计分表未识别出一级、二级指标表头，无法核对表头分值")
        return
    for index, group in enumerate(sheet.groups):
        members = [item for item in sheet.items if _belongs(item, group.id, group.label.value)]
        points = [item.points.value for item in members]
        if group.points.value is None or not members or None in points:
            continue
        computed = sum((p for p in points if p is not None), Decimal(0))
        if computed != group.points.value:
            yield Hit(
                {
                    "group": group.label.value or group.id,
                    "stated": show(group.points.value),
                    "computed": show(computed),
                },
                (where(group.points, f"score_sheet.groups[{index}].points"),),
            )


def _belongs(item: ScoreSheetItem, group_id: str, label: str | None) -> bool:
    if group_id in ITEM_GROUPS:
        return item.id in ITEM_GROUPS[group_id]
    name = squash(label).split("分")[0].rstrip("0123456789")
    return bool(name) and squash(item.level2.value).startswith(name)


@rule(
    "G29",
    "off-rubric-score",
    Severity.warning,
    schemes=(ZIYANG,),
    message="「{item}」按细则各小项均为整数分，{score}分无法得到",
)
def off_rubric_score(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """A rubric item scored by integer sub-items cannot take a fractional score.

    检查内容：项目立项、绩效目标、管理制度等按①②③小项给整数分的指标，得分是否出现小数。
    为什么：小数分无法由评分细则得到，说明打分没有按细则逐项进行。
    示例：资阳2022 老年大学房屋租赁费「绩效指标明确性」得5.4分。
    依据：资阳2022 计分表评分细则；rules.md §C4、§G29。
    """
    for index, item in _items(ctx, RUBRIC_ITEMS):
        score = item.score.value
        if score is not None and score != score.to_integral_value():
            yield Hit(
                {"item": item.name.value or item.id, "score": show(score)},
                (where(item.score, _path(index, "score")),),
            )


@rule(
    "G31",
    "not-applicable-unjustified",
    Severity.warning,
    schemes=(ZIYANG,),
    message="「{item}」标为不适用，但自评依据和报告中都没有说明理由",
)
def not_applicable_unjustified(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Every 不适用 item needs a justification in the sheet or the report.

    检查内容：标为不适用的计分表指标，是否在「自评依据及说明」或报告正文（提到该指标的段落或其后一段）中说明了不
    适用的理由。
    为什么：不适用会抬高折算得分，必须有理由，否则等于免考核。
    示例：资阳2022 民政福利园区经济、生态效益不适用，报告说明为公益一类事业单位、不纳入考核（不触发）。
    依据：S2 填表说明；rules.md §C3、§G13。
    """
    paragraphs = [squash(p.value) for p in ctx.report.paragraphs] if ctx.report else []
    for index, item in enumerate(ctx.sheet.items if ctx.sheet else ()):
        if not item.not_applicable or not is_nothing(item.basis.value):
            continue
        name = squash(item.name.value).split("分")[0].rstrip("0123456789")
        if not _justified(name, paragraphs):
            yield Hit({"item": item.name.value or item.id}, (where(item.basis, _path(index, "basis")),))


_EXCLUDED = re.compile(r"不适用|不涉及|不纳入|不考核|不参与|无此项")


def _justified(name: str, paragraphs: list[str]) -> bool:
    """A paragraph naming the item, or the one after it (a heading), says why it does not apply."""
    for index, text in enumerate(paragraphs):
        if name and name in text:
            nearby = text + (paragraphs[index + 1] if index + 1 < len(paragraphs) else "")
            if _EXCLUDED.search(nearby):
                return True
    return False
