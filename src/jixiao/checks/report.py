"""A report compared with its own form (rules.md §G12, §G14, §G21, §C8; R-rules)."""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from jixiao.checks._common import parse_grade, show, squash, total_of, where
from jixiao.checks.context import CheckContext, Hit, Unchecked
from jixiao.checks.grades import form_sum, sheet_sum, sheet_total
from jixiao.checks.registry import ALL, ZIYANG, rule
from jixiao.checks.sheet import ITEM_GROUPS
from jixiao.model import Location, ReportKind, Severity

if TYPE_CHECKING:
    from collections.abc import Iterator
    from decimal import Decimal

    from jixiao.model import Stated

SAME_PROJECT_RATIO = 0.8  # 「…管理经费」 and 「…管理项目」 are one project; another project shares far less
GROUP_LABELS = {
    "input": "投入",
    "process": "过程",
    "output": "产出",
    "effect": "效果",
    "decision": "项目决策",
    "management": "项目管理",
    "implementation": "项目实施",
    "result": "项目结果",
    "special": "专用指标",
}


def table_total(ctx: CheckContext) -> tuple[Decimal, Location, str] | None:
    """The total the tables give (computed from the items when possible), the cell stating it, the table."""
    if ctx.form is not None:
        computed = form_sum(ctx.form)
        stated = ctx.form.total_score
        value = computed if computed is not None else stated.value
        if value is not None:
            return value, where(stated, "self_eval_form.total_score"), "自评表"
    if ctx.sheet is not None:
        stated = sheet_total(ctx.sheet)
        rescaled = any(item.not_applicable for item in ctx.sheet.items)
        computed = None if rescaled else sheet_sum(ctx.sheet)
        value = computed if computed is not None else stated.value
        path = "score_sheet.rescaled_total" if rescaled else "score_sheet.total_score"
        if value is not None:
            return value, where(stated, path), "计分表"
    return None


@rule(
    "R01",
    "report-total-mismatch",
    Severity.error,
    schemes=ALL,
    message="{where}写总分{stated}分，{document}各项得分合计{computed}分",
)
def report_total_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """The report's total and the 点位 table must equal the form's total (computed from its items).

    检查内容：报告评价结论中的综合得分、点位表中唯一点位的得分，是否等于表格各项得分之和。四川专项报告按自己的
    通用70＋专用30方案打分，其综合得分与自评表不同时只作警告。
    为什么：报告、表格、点位表公开的总分必须一致；不一致时以计算值为准。
    示例：资阳2022 物业费报告开头写「得分100分」，而各项合计95分。
    依据：S1；rules.md §G12、§H-2、§C8。
    """
    report = ctx.report
    if report is None:
        return
    total = table_total(ctx)
    if total is None:
        yield Unchecked("表格中没有可用的得分，无法核对报告总分")
        return
    computed, stated_cell, document = total
    stated: list[tuple[str, Stated[Decimal], str]] = [("报告", report.stated_total, "report.stated_total")]
    points = [p for p in report.allocation_points if p.score.value is not None]
    if len(points) == 1:
        stated.append(("点位表", points[0].score, "report.allocation_points[0].score"))
    # The Sichuan 专项 report scores its own 70 + 30 scheme: a different total is a warning (rules.md §H-11).
    own_scheme = Severity.warning if report.kind is ReportKind.sichuan_special else None
    for label, value, path in stated:
        if value.value is not None and value.value != computed:
            values = {
                "where": label,
                "stated": show(value.value),
                "document": document,
                "computed": show(computed),
            }
            yield Hit(values, (where(value, path), stated_cell), own_scheme if label == "报告" else None)


@rule(
    "R02",
    "report-group-score-mismatch",
    Severity.error,
    schemes=ALL,
    message="报告中「{group}」得{stated}分，{source}为{computed}分",
)
def report_group_score_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Group points in the report must equal the 计分表 groups and add up to the report's total.

    检查内容：报告绩效分析中投入、过程、产出、效果各部分得分是否等于计分表对应各项之和；各部分之和是否等于报
    告的综合得分。
    为什么：报告是表格的文字说明，分项得分不一致说明报告或表格有一处是错的。
    示例：资阳2022 附件5 报告写投入15分、产出9.3分，计分表对应为14.4分、11.9分。
    依据：rules.md §C8、§B6、§H-2。
    """
    report = ctx.report
    if report is None or not report.group_scores:
        if report is not None:
            yield Unchecked("报告中未读到分项得分，无法核对")
        return
    yield from _groups_against_sheet(ctx)
    parts = total_of(score.value for score in report.group_scores.values())
    if parts is not None and report.stated_total.value is not None and parts != report.stated_total.value:
        yield Hit(
            {
                "group": "各部分合计",
                "stated": show(parts),
                "source": "报告综合得分",
                "computed": show(report.stated_total.value),
            },
            (where(report.stated_total, "report.stated_total"),),
        )


def _groups_against_sheet(ctx: CheckContext) -> Iterator[Hit]:
    groups = ctx.report.group_scores if ctx.report else {}
    for group, stated in groups.items():
        ids = ITEM_GROUPS.get(group)
        if ctx.sheet is None or ids is None or stated.value is None:
            continue
        computed = total_of(i.score.value for i in ctx.sheet.items if i.id in ids and not i.not_applicable)
        if computed is not None and computed != stated.value:
            label = GROUP_LABELS.get(group, group)
            values = {
                "group": label,
                "stated": show(stated.value),
                "source": "计分表",
                "computed": show(computed),
            }
            yield Hit(values, (where(stated, f"report.group_scores.{group}"),))


@rule(
    "R09",
    "report-project-mismatch",
    Severity.error,
    schemes=ALL,
    message="报告标题中的项目「{report}」与表格中的项目「{project}」不是同一项目",
)
def report_project_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """The report must be about the same project as the form it is filed with.

    检查内容：报告标题或开头所写的项目名称是否与自评表、计分表的项目名称一致（允许一方包含另一方，或仅「经费」
    「项目」等个别字不同）。
    为什么：合并发布的文件中报告顺序与表格不同，配错报告会把别的项目的结论算到本项目上。
    示例：利州2023 合并文件中四份报告的顺序与四张表不同。
    依据：rules.md §B6、§G12；seed lizhou-2023-combined。
    """
    report = ctx.report
    if report is None:
        return
    named, own = squash(report.project_name.value), squash(ctx.project.name.value)
    if not named or not own:
        yield Unchecked("报告或表格未写项目名称，无法核对是否同一项目")
        return
    similar = SequenceMatcher(None, named, own).ratio() >= SAME_PROJECT_RATIO
    if named not in own and own not in named and not similar:
        yield Hit(
            {"report": report.project_name.value or "", "project": ctx.project.title},
            (where(report.project_name, "report.project_name"), where(ctx.project.name, "name")),
        )


@rule(
    "R10",
    "report-grade-mismatch",
    Severity.error,
    schemes=(ZIYANG,),
    message="报告写自评等级「{report}」，计分表写「{sheet}」",
)
def report_grade_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """The report and the 计分表 must state the same grade.

    检查内容：自评报告中的自评等级与计分表表头的自评等级是否相同。
    为什么：两处等级不一致时，公开结果和复核结论无所适从。
    示例：资阳2022 各项目报告与计分表等级一致（不触发）；报告写「优」而表头写「良」则触发。
    依据：rules.md §C6、§A12。
    """
    if ctx.report is None or ctx.sheet is None:
        return
    report, sheet = ctx.report.stated_grade, ctx.sheet.stated_grade
    left, right = parse_grade(report.value or report.raw), parse_grade(sheet.value or sheet.raw)
    if left is not None and right is not None and left is not right:
        yield Hit(
            {"report": left.value, "sheet": right.value},
            (where(report, "report.stated_grade"), where(sheet, "score_sheet.stated_grade")),
        )
