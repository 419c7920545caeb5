"""Totals, caps and grades (rules.md §A5, §A12, §C3, §G07, §G12–G14, §G30)."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.checks._common import (
    HUNDRED,
    indicator_label,
    indicator_path,
    parse_grade,
    round_half_up,
    show,
    stated_total_in_text,
    total_of,
    where,
)
from jixiao.checks.context import CheckContext, Hit, Unchecked
from jixiao.checks.registry import ALL, SICHUAN_REPORT, ZIYANG, rule
from jixiao.model import Severity

_REPORT_SCHEMES = (SICHUAN_REPORT, ZIYANG)  # the report's own grade follows its scheme
MAX_TOTAL = Decimal(100)  # 自评不设加分项: 100 at most (S1, S10)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jixiao.model import ScoreSheet, SelfEvalForm, Stated


def form_sum(form: SelfEvalForm) -> Decimal | None:
    """预算执行得分 + Σ 指标得分 from the stated cells, or None when one is missing."""
    budget = form.budget.total
    parts = [budget.score.value if budget else None]
    parts += [i.score.value for i in form.indicators if not i.not_applicable]
    return total_of(parts) if form.indicators else None


def sheet_sum(sheet: ScoreSheet) -> Decimal | None:
    """Σ applicable 计分表 item scores, or None when one is missing."""
    return (
        total_of(item.score.value for item in sheet.items if not item.not_applicable) if sheet.items else None
    )


def sheet_total(sheet: ScoreSheet) -> Stated[Decimal]:
    """The total the 计分表 states: the rescaled one when given, else 合计."""
    return sheet.rescaled_total if sheet.rescaled_total.value is not None else sheet.total_score


@rule(
    "G12",
    "total-mismatch",
    Severity.error,
    schemes=ALL,
    message="{what}为{stated}分，各项得分之和为{computed}分",
)
def total_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """The stated total must equal the sum of the stated scores.

    检查内容：合计行得分、评价结论中写的得分，是否等于预算执行得分与各指标得分之和（计分表为各项得分之和）。
    为什么：合计是等级和公开结果的依据，加错会改变等级和排名。
    示例：利州2023 短信平台合计行写90分，而10＋90＝100；投融资理财合计写100，而8＋90＝98。
    依据：S1；rules.md §A12、§B5、§H-2、§G12。
    """
    checked = False
    rescaled = ctx.form is not None and any(i.not_applicable for i in ctx.form.indicators)
    if ctx.form is not None and not rescaled and (computed := form_sum(ctx.form)) is not None:
        checked = True
        yield from _compare("合计行得分", ctx.form.total_score, "self_eval_form.total_score", computed)
        text_total = stated_total_in_text(ctx.form.conclusion)
        if text_total is not None:
            yield from _compare("自评结论中的得分", text_total, "self_eval_form.conclusion", computed)
    sheet = ctx.sheet
    if sheet is not None and (computed := sheet_sum(sheet)) is not None:
        checked = True
        if not any(item.not_applicable for item in sheet.items):
            yield from _compare("计分表合计", sheet.total_score, "score_sheet.total_score", computed)
    if not checked:
        yield Unchecked("表中缺少得分，无法核对合计")


def _compare(what: str, stated: Stated[Decimal], path: str, computed: Decimal) -> Iterator[Hit]:
    if stated.value is not None and stated.value != computed:
        yield Hit(
            {"what": what, "stated": show(stated.value), "computed": show(computed)}, (where(stated, path),)
        )


@rule(
    "G13",
    "rescaled-total-mismatch",
    Severity.error,
    schemes=ALL,
    message="有不适用指标，折算得分应为{applicable_score}÷{applicable_max}×100＝{expected}，表中为{stated}",
)
def rescaled_total_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """With 不适用 items the total is rescaled: Σ applicable scores / Σ applicable maxima × 100.

    检查内容：计分表或自评表存在不适用指标时，合计（折算得分）是否等于适用指标（自评表含预算执行）得分之和除以其
    满分之和再乘100（两位小数）。
    为什么：不适用指标从得分和满分中同时剔除，否则总分被压低或抬高。
    示例：资阳2022 民政福利园区 74.4÷85×100＝87.53，表中写87.53（不触发）。
    依据：S2 填表说明；S3；rules.md §C3、§G13。
    """
    for scores, maxima, stated, path in _rescaled_parts(ctx):
        score, maximum = total_of(scores), total_of(maxima)
        if score is None or maximum is None or not maximum or stated.value is None:
            yield Unchecked("不适用指标之外的得分或分值不全，无法核对折算得分")
            continue
        expected = round_half_up(score / maximum * HUNDRED, 2)
        if stated.value != expected:
            values = {"applicable_score": show(score), "applicable_max": show(maximum)}
            values |= {"expected": show(expected), "stated": show(stated.value)}
            yield Hit(values, (where(stated, path),))


Parts = list[tuple[list[Decimal | None], list[Decimal | None], "Stated[Decimal]", str]]


def _rescaled_parts(ctx: CheckContext) -> Parts:
    """(applicable scores, applicable maxima, stated total, path) of each document with 不适用 items."""
    parts: Parts = []
    sheet, form = ctx.sheet, ctx.form
    if sheet is not None and any(item.not_applicable for item in sheet.items):
        rows = [item for item in sheet.items if not item.not_applicable]
        path = (
            "score_sheet.rescaled_total"
            if sheet.rescaled_total.value is not None
            else "score_sheet.total_score"
        )
        parts.append(
            ([i.score.value for i in rows], [i.points.value for i in rows], sheet_total(sheet), path)
        )
    if form is not None and any(i.not_applicable for i in form.indicators):
        kept = [i for i in form.indicators if not i.not_applicable]
        budget = form.budget.total
        scores = [i.score.value for i in kept] + [budget.score.value if budget else None]
        maxima = [i.weight.value for i in kept] + [budget.weight.value if budget else None]
        parts.append((scores, maxima, form.total_score, "self_eval_form.total_score"))
    return parts


@rule(
    "G14",
    "grade-mismatch",
    Severity.error,
    schemes=ALL,
    message="{document}得分{score}分应评为「{expected}」，写为「{stated}」",
)
def grade_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Stated grade must be the grade of the stated total.

    检查内容：计分表表头和自评报告中的自评等级，是否与各自写明的总分所在等级区间一致（90优、80良、60中，下限
    含）。
    为什么：等级由得分决定，写错等级会误导复核和公开。
    示例：资阳2022 附件5 老年大学房屋租赁费总分79.3写「良」，应为「中」。
    依据：S1、S7；rules.md §A12、§H-1、§G14。
    """
    pairs: list[tuple[str, Stated[Decimal], Stated[str], str]] = []
    if ctx.sheet is not None:
        total_path = "rescaled_total" if ctx.sheet.rescaled_total.value is not None else "total_score"
        pairs.append(("计分表", sheet_total(ctx.sheet), ctx.sheet.stated_grade, f"score_sheet.{total_path}"))
    if ctx.report is not None:
        pairs.append(("自评报告", ctx.report.stated_total, ctx.report.stated_grade, "report.stated_total"))
    if not any(grade.value or grade.raw for _, _, grade, _ in pairs):
        if ctx.sheet is not None or ctx.report is not None:
            yield Unchecked("计分表和报告都未写自评等级，无法核对等级")
        return
    for document, total, grade, path in pairs:
        stated_grade = parse_grade(grade.value or grade.raw)
        if total.value is None or stated_grade is None:
            continue
        expected = ctx.policy(*(_REPORT_SCHEMES if path.startswith("report") else (ZIYANG,))).grade_of(
            total.value
        )
        if expected is not stated_grade:
            yield Hit(
                {
                    "document": document,
                    "score": show(total.value),
                    "expected": expected.value,
                    "stated": grade.value or grade.raw,
                },
                (where(grade, f"{path.split('.')[0]}.stated_grade"), where(total, path)),
            )


@rule(
    "G30",
    "all-full-marks",
    Severity.info,
    schemes=ALL,
    message="全部{count}项均为满分、总分100分，请留意是否存在自评虚高",
)
def all_full_marks(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Every item at full marks and a total of 100 may be score inflation.

    检查内容：预算执行和全部指标（或计分表全部项目）都是满分、总分100分。
    为什么：财政部要求如实自评、禁止故意抬高分数；全满分且报告又承认问题时尤其值得抽查。
    示例：利州2023 视频接访项目全部满分、合计100分。
    依据：S6；rules.md §A13、§F、§G30。
    """
    rows: list[tuple[Stated[Decimal], Stated[Decimal]]] = []
    if ctx.form is not None:
        rows += [(i.score, i.weight) for i in ctx.form.indicators]
        rows += [(r.score, r.weight) for r in ctx.form.budget.rows if r.weight.value is not None]
    if ctx.sheet is not None:
        rows += [(item.score, item.points) for item in ctx.sheet.items]
    if not rows:
        return
    if all(score.value is not None and score.value == weight.value for score, weight in rows):
        total = ctx.form.total_score if ctx.form else ctx.sheet.total_score if ctx.sheet else rows[0][0]
        at = where(total, "total_score") if total.value is not None else where(rows[0][0], "scores")
        yield Hit({"count": str(len(rows))}, (at,))


@rule("G07", "score-above-weight", Severity.error, message="{what}得分{score}超过其满分{weight}")
def score_above_weight(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """No score may exceed its weight; the total may not exceed 100.

    检查内容：每个指标、预算执行和计分表每项的得分是否超过权重（分值），合计是否超过100分。
    为什么：自评不设加分项，超出权重的分数必然是填错。
    示例：把权重10的指标填成12分即触发；利州、资阳的种子表格均不触发。
    依据：S1；S10「不设置加分项」；rules.md §A5、§G07。
    """
    rows: list[tuple[str, Stated[Decimal], Decimal | None, str]] = []
    for index, indicator in enumerate(ctx.form.indicators if ctx.form else ()):
        label = f"指标「{indicator_label(indicator)}」"
        rows.append((label, indicator.score, indicator.weight.value, indicator_path(index)))
    for index, row in enumerate(ctx.form.budget.rows if ctx.form else ()):
        rows.append(("预算执行", row.score, row.weight.value, f"self_eval_form.budget.rows[{index}]"))
    for index, item in enumerate(ctx.sheet.items if ctx.sheet else ()):
        label = f"计分表「{item.name.value or item.id}」"
        rows.append((label, item.score, item.points.value, f"score_sheet.items[{index}]"))
    if ctx.form is not None:
        rows.append(("合计", ctx.form.total_score, MAX_TOTAL, "self_eval_form.total"))
    if ctx.sheet is not None:
        rows.append(("计分表合计", ctx.sheet.total_score, MAX_TOTAL, "score_sheet.total"))
    for label, score, weight, path in rows:
        if score.value is not None and weight is not None and score.value > weight:
            values = {"what": label, "score": show(score.value), "weight": show(weight)}
            yield Hit(values, (where(score, f"{path}.score"),))
