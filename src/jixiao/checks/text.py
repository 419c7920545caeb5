"""Free-text rules: stated problems, text lengths and years (rules.md §B1, §D4, §G25, §G27; R-rules)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.checks._common import is_nothing, location_with_quote, narrative, show, text_length, where
from jixiao.checks.context import CheckContext, Hit, Unchecked
from jixiao.checks.grades import form_sum
from jixiao.checks.registry import ALL, SELF_EVAL_FORM, rule
from jixiao.model import Severity
from jixiao.model.parse import normalize_text

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jixiao.model import Stated

# rules.md §B1 (S8 prompts): 年度目标完成情况 ≤100 字; 评价结论 / 存在问题 / 改进措施 ≤200 字.
TEXT_LIMITS = (
    ("goal_outcome", "年度目标完成情况", 100),
    ("conclusion", "自评结论", 200),
    ("problems", "自评存在问题", 200),
    ("improvements", "自评改进措施", 200),
)
_YEAR_NEAR_EVALUATION = re.compile(r"(20[0-9]{2})\s*年度(?=[^，。；]{0,8}(?:评价|自评|得分|绩效|项目支出))")
_NOTICE = re.compile(r"《[^》]{0,40}?关于开展(20[0-9]{2})\s*年度?[^》]{0,30}?(?:评价|自评)[^》]{0,20}?通知》")
_BUDGETING_SCORE = re.compile(r"预算编制[^，。；0-9]{0,6}?得分\s*([0-9]+(?:\.[0-9]+)?)\s*分")
_TITLE_YEAR = re.compile(r"(20[0-9]{2})\s*年")
QUOTE_AFTER = 10  # characters quoted after a year, so the reader sees what it is about


@rule(
    "G25",
    "problems-denied",
    Severity.warning,
    schemes=ALL,
    message="自评存在问题写「{stated}」，但{evidence}",
)
def problems_denied(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Flag "no problems" while the score is below 100 or the report lists problems.

    检查内容：自评表「存在问题」栏写「无」或空白，而总分低于100分，或报告「存在主要问题」列出了问题。
    为什么：存在问题与扣分、报告相互矛盾，说明自评流于形式。
    示例：利州2023 四张自评表都写「无」，而每份报告都列出「部门预算执行进度不均衡」等两个问题。
    依据：S1；rules.md §D4、§G25。
    """
    form = ctx.form
    if form is None or not is_nothing(form.problems.value):
        return
    total = form_sum(form)
    report_problems = ctx.report.problems if ctx.report else None
    if report_problems is not None and not is_nothing(report_problems.value):
        yield Hit(
            {"stated": form.problems.raw or "（空）", "evidence": "报告列出了存在的问题"},
            (where(form.problems, "self_eval_form.problems"), where(report_problems, "report.problems")),
        )
    elif total is not None and total < 100:
        yield Hit(
            {"stated": form.problems.raw or "（空）", "evidence": f"总分只有{total}分"},
            (where(form.problems, "self_eval_form.problems"),),
        )


@rule(
    "G27",
    "text-too-long",
    Severity.warning,
    schemes=SELF_EVAL_FORM,
    message="「{field}」有{length}字，超过{limit}字的限制",
)
def text_too_long(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Form texts must respect the form's limits (100 / 200 characters).

    检查内容：年度目标完成情况、预算执行原因不超过100字，自评结论、存在问题、改进措施不超过200字。
    为什么：四川一体化系统的填表说明规定了字数，超长的说明无法录入系统，也往往是套话。
    示例：利州2023 各表自评结论均在200字以内（不触发）。
    依据：S8 表内提示；rules.md §B1、§G27。
    """
    form = ctx.form
    if form is None:
        return
    texts: list[tuple[Stated[str], str, str, int]] = [
        (getattr(form, name), name, label, limit) for name, label, limit in TEXT_LIMITS
    ]
    budget = form.budget.total
    if budget is not None and not is_nothing(budget.reason.value):
        texts.append((budget.reason, "budget.total.reason", "预算执行原因", 100))
    for text, name, label, limit in texts:
        length = text_length(text.value)
        if length > limit:
            yield Hit(
                {"field": label, "length": str(length), "limit": str(limit)},
                (where(text, f"self_eval_form.{name}"),),
            )


def _titles(ctx: CheckContext) -> list[tuple[Stated[str], str]]:
    found: list[tuple[Stated[str], str]] = []
    for document, path in (
        (ctx.form, "self_eval_form"),
        (ctx.sheet, "score_sheet"),
        (ctx.goal_table, "goal_table"),
        (ctx.report, "report"),
    ):
        if document is not None and document.title.value:
            found.append((document.title, f"{path}.title"))
    return found


@rule(
    "R05",
    "title-year-mismatch",
    Severity.error,
    schemes=ALL,
    message="标题写{stated}年，评价的预算年度为{year}年",
)
def title_year_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Every title must name the budget year evaluated.

    检查内容：自评表、计分表、完成情况表和报告标题中的年份是否等于项目评价的预算年度。
    为什么：套用上年文件改数字时最容易漏改标题年份，错年份的文件可能被当成上年材料。
    示例：利州2023 各表标题为「2023年部门预算项目支出绩效自评表」（不触发）。
    依据：rules.md §G28；S11 通知名称。
    """
    year = ctx.year
    titles = _titles(ctx)
    if year is None:
        if titles:
            yield Unchecked("项目未写明预算年度，无法核对标题年份")
        return
    for title, path in titles:
        match = _TITLE_YEAR.search(normalize_text(title.value or ""))
        if match is not None and int(match.group(1)) != year:
            yield Hit({"stated": match.group(1), "year": str(year)}, (where(title, path),))


_QUOTED = re.compile(r"《[^》]*》")


def _year_hits(
    ctx: CheckContext, pattern: re.Pattern[str], *, skip_quoted: bool
) -> Iterator[Hit | Unchecked]:
    year = ctx.year
    texts = narrative(ctx.form, ctx.report)
    if year is None:
        if texts:
            yield Unchecked("项目未写明预算年度，无法核对正文中的年份")
        return
    for text, path in texts:
        clean = normalize_text(text.value or "")
        quoted = [span.span() for span in _QUOTED.finditer(clean)] if skip_quoted else []
        for match in pattern.finditer(clean):
            inside = any(start <= match.start() < end for start, end in quoted)
            if int(match.group(1)) != year and not inside:
                quote = clean[match.start() : match.end() + QUOTE_AFTER]
                at = location_with_quote(where(text, path), quote)
                yield Hit({"stated": match.group(1), "year": str(year), "quote": quote}, (at,))


@rule(
    "R06",
    "text-year-mismatch",
    Severity.warning,
    schemes=ALL,
    message="正文「{quote}」中的年度为{stated}年，评价的预算年度为{year}年",
)
def text_year_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """A "YYYY年度" about the evaluation in the text must be the budget year.

    检查内容：自评结论、目标完成情况和报告正文中与评价、得分、绩效连用的「××××年度」是否为评价的预算年度。
    为什么：沿用上年文字而未改年份，说明结论可能也是上年的。
    示例：利州2023 短信平台自评表的自评结论写「我局2022年度评价得分为100分」。
    依据：S1（内容完整、数据真实）；rules.md §A13。
    """
    yield from _year_hits(ctx, _YEAR_NEAR_EVALUATION, skip_quoted=True)


@rule(
    "R07",
    "cited-notice-year-mismatch",
    Severity.warning,
    schemes=ALL,
    message="引用的通知「{quote}」是{stated}年度的，评价的预算年度为{year}年",
)
def cited_notice_year_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """A cited notice "关于开展YYYY年度…自评工作的通知" must be the budget year's notice.

    检查内容：报告引用的「关于开展××××年度……评价（自评）工作的通知」是否为本预算年度的通知。
    为什么：引用上年通知说明报告依据的要求可能已过时，或报告是上年文件改写的。
    示例：资阳2022 有报告仍引用资财监督绩效〔2022〕5号（2021年度自评通知）。
    依据：S11；rules.md §0。
    """
    yield from _year_hits(ctx, _NOTICE, skip_quoted=False)


@rule(
    "G33",
    "conclusion-block-mislabelled",
    Severity.warning,
    schemes=SELF_EVAL_FORM,
    message="自评结论把绩效指标得分写成「{quote}」，表中没有「预算编制」一项（绩效指标{indicators}分）",
)
def conclusion_block_mislabelled(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """The conclusion must name the form's blocks: 预算执行 10 and 绩效指标 90, not "预算编制".

    检查内容：自评结论中是否出现「预算编制情况得分××分」之类表中并不存在的得分项（四川自评表只有预算执行和绩效
    指标两块）。
    为什么：结论是公开的文字，张冠李戴的得分说明会误导读者，也说明结论是套用模板写的。
    示例：利州2023 四张自评表的结论都写「1、预算编制情况得分90分，2、预算执行情况得分10分」，90分其实
    是绩效指标得分。
    依据：S8 表内提示（评价结论应说明得分情况）；rules.md §B5。
    """
    form = ctx.form
    if form is None or not form.conclusion.value:
        return
    match = _BUDGETING_SCORE.search(normalize_text(form.conclusion.value))
    if match is None:
        return
    scores = [i.score.value for i in form.indicators if i.score.value is not None]
    indicators = show(sum(scores, Decimal(0))) if scores else "（空）"
    at = location_with_quote(where(form.conclusion, "self_eval_form.conclusion"), match.group(0))
    yield Hit({"quote": match.group(0), "indicators": indicators}, (at,))
