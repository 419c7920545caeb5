"""Counts in the text against the form: indicator counts and monthly or yearly quantities (R-rules)."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.checks._common import (
    cell_text,
    indicator_label,
    indicator_path,
    location_with_quote,
    narrative,
    show,
    squash,
    where,
)
from jixiao.checks.context import CheckContext, Hit, Unchecked
from jixiao.checks.registry import ALL, ZIYANG, rule
from jixiao.model import Location, Severity
from jixiao.model.parse import normalize_text, parse_value

if TYPE_CHECKING:
    from collections.abc import Iterator

    from jixiao.model import Indicator, Stated

_COUNTS = re.compile(r"一级指标\s*(\d+)\s*个.{0,3}二级指标\s*(\d+)\s*个.{0,3}三级指标\s*(\d+)\s*个")
MONTHS = 12
COUNT_TOLERANCE = Decimal("0.1")  # a year's total may differ from 12 × monthly by 10 % before we speak up


@rule(
    "R04",
    "report-count-mismatch",
    Severity.warning,
    schemes=ALL,
    message="报告称设置{level}{stated}个，自评表中为{actual}个",
)
def report_count_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Indicator counts the report states must match the form.

    检查内容：报告「实施方案中设置一级指标N个、二级指标M个、三级指标K个」等说法，是否与自评表实际的指标个数
    一致。
    为什么：套用模板而不改数字，说明报告没有依据本项目的评价实际撰写。
    示例：利州2023 短信平台报告称「一级指标3个、二级指标9个、三级指标9个」，自评表有10个三级指标、6个二级指
    标。
    依据：S1（内容完整、数据真实）；rules.md §A13。
    """
    if ctx.report is None or ctx.form is None or not ctx.form.indicators:
        return
    indicators = ctx.form.indicators
    actual = (
        len({squash(i.level1.value) for i in indicators}),
        len({(squash(i.level1.value), squash(i.level2.value)) for i in indicators}),
        len(indicators),
    )
    for paragraph, path in narrative(None, ctx.report):
        match = _COUNTS.search(normalize_text(paragraph.value or ""))
        if match is None:
            continue
        at = location_with_quote(where(paragraph, path), match.group(0))
        for level, stated, real in zip(
            ("一级指标", "二级指标", "三级指标"), match.groups(), actual, strict=True
        ):
            if int(stated) != real:
                yield Hit({"level": level, "stated": stated, "actual": str(real)}, (at,))


_TOTAL_IN_TEXT = r"(?:共计|合计|累计|共)[^，。；;0-9]{{0,12}}?([0-9]+(?:\.[0-9]+)?)\s*{unit}"
_SENTENCE = re.compile(r"[^。；;！!？?]+")
# Words every count indicator shares; they do not tie a sentence to one indicator.
_GENERIC_TERMS = frozenset({"每月", "全年", "多少", "至少", "以上", "数量", "次数", "个数", "完成", "保障"})


def _terms(name: str) -> set[str]:
    """Two-character terms of an indicator name, without the generic ones."""
    clean = squash(name)
    return {clean[i : i + 2] for i in range(len(clean) - 1)} - _GENERIC_TERMS


def _counted(indicator: Indicator) -> tuple[str, Decimal, str] | None:
    """(period, yearly amount, unit) of a monthly or yearly count indicator, else None."""
    name = indicator.name.value or ""
    period = "每月" if "每月" in name else "全年" if "全年" in name else None
    actual = parse_value(cell_text(indicator.actual))
    unit = actual.unit or squash(indicator.unit_of_measure.value)
    if period is None or actual.number is None or not unit or actual.is_percent:
        return None
    return period, actual.number * (MONTHS if period == "每月" else 1), unit


def _text_totals(
    texts: list[tuple[Stated[str], str]], name: str, unit: str
) -> Iterator[tuple[Decimal, Location]]:
    """Totals "共…N unit" in sentences that share a term with the indicator's name."""
    pattern, terms = re.compile(_TOTAL_IN_TEXT.format(unit=re.escape(unit))), _terms(name)
    for paragraph, path in texts:
        for sentence in _SENTENCE.findall(normalize_text(paragraph.value or "")):
            if not any(term in sentence for term in terms):
                continue
            for match in pattern.finditer(sentence):
                yield Decimal(match.group(1)), location_with_quote(where(paragraph, path), match.group(0))


@rule(
    "R08",
    "text-number-contradiction",
    Severity.warning,
    schemes=ALL,
    message="指标「{indicator}」完成值{actual}（{period}），文字中的合计为{text}，两者对不上",
)
def text_number_contradiction(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """A monthly or yearly count in the table must agree with the totals the text states.

    检查内容：名称含「每月」「全年」的数量指标，其完成值（每月×12或全年数）与报告、自评表文字中谈到同一事项的
    「共/共计/累计…N单位」合计是否相差超过10%。
    为什么：同一数量在表格和文字中各说一个数，至少一处不真实。
    示例：利州2023 联席会议表中「每月至少收集诉求…」完成680件，报告却说共收集诉求、意见和建议638件。
    依据：S1（数据真实）；rules.md §G21。
    """
    if ctx.form is None:
        return
    texts = narrative(ctx.form, ctx.report)
    for index, indicator in enumerate(ctx.form.indicators):
        counted = _counted(indicator)
        if counted is None:
            continue
        period, yearly, unit = counted
        for stated, at in _text_totals(texts, indicator.name.value or "", unit):
            if abs(stated - yearly) > yearly * COUNT_TOLERANCE:
                values = {
                    "indicator": indicator_label(indicator),
                    "actual": cell_text(indicator.actual),
                    "period": f"{period}，折合全年{show(yearly)}{unit}",
                    "text": f"{show(stated)}{unit}",
                }
                yield Hit(values, (where(indicator.actual, indicator_path(index, "actual")), at))


_COUNT = re.compile(r"([0-9]+(?:\.[0-9]+)?)\s*(名|人次|人|户|次|个|件|场|期|家|所)")


@rule(
    "R11",
    "goal-result-contradicts-report",
    Severity.warning,
    schemes=(ZIYANG,),
    message="完成情况表「{row}」写{result}，报告中谈到同一事项的合计为{text}",
)
def goal_result_contradicts_report(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """A count in the completion table's results must equal the total the report states for it.

    检查内容：绩效目标完成情况表「执行结果」中的数量（名、人、户、次、个、件……）与报告中谈到同一事项（句子含
    相同词语）的「共/共计/累计…N单位」合计是否相同。
    为什么：同一件事在表格和报告中说出两个数，至少一处不真实，往往还影响实际完成率的得分。
    示例：资阳2022 幸福资阳行完成情况表写「实际慰问困难群众380名」，报告写「走访慰问对象共360名」。
    依据：S1（数据真实）；rules.md §H-15、§G21。
    """
    table = ctx.goal_table
    if table is None or ctx.report is None:
        return
    texts = narrative(None, ctx.report)
    rows = [("年度总体目标", table.goal_result, "goal_table.goal_result")]
    rows += [
        (r.name.value or f"指标{n + 1}", r.result, f"goal_table.indicators[{n}].result")
        for n, r in enumerate(table.indicators)
    ]
    for label, result, path in rows:
        for number, unit in {(Decimal(n), u) for n, u in _COUNT.findall(normalize_text(result.value or ""))}:
            for stated, at in _text_totals(texts, result.value or "", unit):
                if stated != number:
                    values = {
                        "row": label,
                        "result": f"{show(number)}{unit}",
                        "text": f"{show(stated)}{unit}",
                    }
                    yield Hit(values, (where(result, path), at))
