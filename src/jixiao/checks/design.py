"""Indicator design: approved targets, the level tree and weak patterns (rules.md §D, §G22–G24)."""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from difflib import SequenceMatcher
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from jixiao.checks._common import cell_text, indicator_label, indicator_path, squash, where
from jixiao.checks.context import CheckContext, Hit, Unchecked
from jixiao.checks.registry import SELF_EVAL_FORM, SICHUAN_FAMILY, rule
from jixiao.model import DIRECTION_SYMBOLS, Direction, Severity, ValueKind
from jixiao.model.parse import parse_value

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from jixiao.model import Indicator, Stated, TargetRow

# rules.md §D1: second levels allowed under each first level; 成本 is accepted in both placements (§H-14).
LEVEL_TREE = {
    "产出": ("数量", "质量", "时效", "成本", "经济成本", "社会成本", "生态环境成本"),
    "效益": ("经济效益", "社会效益", "生态效益", "可持续影响"),
    "满意度": ("服务对象满意度", "满意度"),
    "成本": ("经济成本", "社会成本", "生态环境成本"),
}
_QUESTION = re.compile(r"多少|是否|[？?]$|几[个名人次]")
_TAUTOLOGY = re.compile(r"预算资金使用率|预算执行率|经费保障率|可持续性率|资金使用率")


@lru_cache(maxsize=1024)  # a few dozen level labels, read ~40 times per project
def _level(text: str | None) -> str:
    return squash(text).removesuffix("指标")


def _numbers_differ(left: str, right: str) -> bool:
    a, b = parse_value(left), parse_value(right)
    if a.is_number and b.is_number:
        return a.number != b.number
    return squash(left) != squash(right)


def _difference(row: TargetRow, indicator: Indicator) -> str | None:
    if row.direction.value is not None and indicator.direction.value not in {None, row.direction.value}:
        shown = DIRECTION_SYMBOLS[row.direction.value], DIRECTION_SYMBOLS[indicator.direction.value]
        return f"指标性质在报告目标表中为「{shown[0]}」，在自评表中为「{shown[1]}」"
    if _numbers_differ(cell_text(row.target), cell_text(indicator.target)):
        approved, stated = cell_text(row.target), cell_text(indicator.target)
        return f"指标值在报告目标表中为「{approved}」，在自评表中为「{stated}」"
    return None


@rule(
    "G22",
    "target-table-mismatch",
    Severity.error,
    schemes=SELF_EVAL_FORM,
    message="指标「{indicator}」：{difference}",
)
def target_table_mismatch(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """The 自评表 indicators must be the approved targets the report quotes.

    检查内容：自评表的三级指标、指标性质和指标值，是否与报告「绩效目标设置」表（摘自项目支出及绩效目标申报表
    ）一致。
    为什么：自评应对照批复的最终绩效目标；改动目标再自评，等于自己给自己改卷。
    示例：利州2023 短信平台报告目标表有「使用成本≤42.38万元」「信访群众满意率」，自评表却是「全年人员及维护
    费用多少元？」「群众短信接收率」。
    依据：S1；自评表表注「以项目的最终绩效目标为准」；rules.md §A3、§D3 IND-MISMATCH、§G22。
    """
    report = ctx.report
    if report is None or ctx.form is None:
        return
    if not report.target_table:
        yield Unchecked("报告中没有绩效目标设置表，无法与自评表指标核对")
        return
    form = {squash(i.name.value): (n, i) for n, i in enumerate(ctx.form.indicators)}
    unmatched_rows: list[tuple[int, TargetRow]] = []
    for number, row in enumerate(report.target_table):
        match = form.pop(squash(row.name.value), None)
        if match is None:
            unmatched_rows.append((number, row))
        elif (difference := _difference(row, match[1])) is not None:
            at = (where(row.target, f"report.target_table[{number}].target"),)
            yield Hit(
                {"indicator": row.name.value or "", "difference": difference},
                (*at, where(match[1].target, indicator_path(match[0], "target"))),
            )
    yield from _renamed_or_missing(unmatched_rows, list(form.values()))


def _renamed_or_missing(
    rows: list[tuple[int, TargetRow]], indicators: list[tuple[int, Indicator]]
) -> Iterator[Hit]:
    """Pair leftover rows by second level and name likeness (a renamed target), then report the rest."""
    for number, row in rows:
        at = where(row.name, f"report.target_table[{number}].name")
        same_level = [pair for pair in indicators if _level(pair[1].level2.value) == _level(row.level2.value)]
        best = max(same_level, key=lambda pair: _likeness(row, pair[1]), default=None)
        if best is None:
            yield Hit(
                {"indicator": row.name.value or "", "difference": "在报告目标表中，但自评表中没有"}, (at,)
            )
            continue
        indicators.remove(best)
        index, indicator = best
        shown = (
            f"报告目标表为「{_shown(row)}」，自评表改为「{indicator_label(indicator)} {_shown(indicator)}」"
        )
        yield Hit(
            {"indicator": row.name.value or "", "difference": shown},
            (at, where(indicator.name, indicator_path(index, "name"))),
        )
    for index, indicator in indicators:
        yield Hit(
            {"indicator": indicator_label(indicator), "difference": "在自评表中，但报告目标表中没有"},
            (where(indicator.name, indicator_path(index, "name")),),
        )


def _likeness(row: TargetRow, indicator: Indicator) -> float:
    return SequenceMatcher(None, squash(row.name.value), squash(indicator.name.value)).ratio()


def _shown(item: TargetRow | Indicator) -> str:
    direction = f"{DIRECTION_SYMBOLS[item.direction.value]} " if item.direction.value else ""
    return f"{direction}{cell_text(item.target)}{squash(item.unit_of_measure.value)}"


@rule(
    "G23",
    "level2-not-under-level1",
    Severity.error,
    schemes=SICHUAN_FAMILY,
    message="二级指标「{level2}」不属于一级指标「{level1}」",
)
def level2_not_under_level1(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """A second-level indicator must belong to its first level.

    检查内容：二级指标是否属于所在的一级指标（产出：数量、质量、时效、成本；效益：经济、社会、生态效益、可持
    续影响；满意度：服务对象满意度；成本：经济、社会、生态环境成本）。
    为什么：指标体系是财政部统一的，错放的指标无法汇总比较。
    示例：利州2023 联席会议报告目标表把「效果指标」放在产出指标下；「可持续发展指标」应为「可持续影响指标」。
    依据：S1、S4；rules.md §D1、§G23。
    """
    rows: list[tuple[Stated[str], Stated[str], str]] = []
    if ctx.form is not None:
        rows += [(i.level1, i.level2, indicator_path(n)) for n, i in enumerate(ctx.form.indicators)]
    if ctx.report is not None:
        rows += [
            (r.level1, r.level2, f"report.target_table[{n}]") for n, r in enumerate(ctx.report.target_table)
        ]
    for level1, level2, path in rows:
        allowed = LEVEL_TREE.get(_level(level1.value))
        if allowed is None or not _level(level2.value):
            continue
        if _level(level2.value) not in allowed:
            yield Hit(
                {"level2": level2.value or "", "level1": level1.value or ""},
                (where(level2, f"{path}.level2"),),
            )


@cache  # built once: weak_indicator asks for the table on every indicator row
def _weak_patterns() -> tuple[tuple[str, Callable[[Indicator], bool]], ...]:
    """rules.md §D3 patterns judged on one row: (what is wrong, predicate)."""
    return (
        ("指标性质为定性，指标值却是带单位的数值（应为≥、≤或=）", _qualitative_number),
        (
            "指标名称是问句或含糊的说法",
            lambda i: bool(_QUESTION.search(squash(i.name.value) + (i.name.value or "")[-1:])),
        ),
        ("定量指标未填度量单位", _unit_missing),
        (
            "指标以预算执行或经费保障本身为目标，属于自我实现的指标",
            lambda i: bool(_TAUTOLOGY.search(i.name.value or "")),
        ),
        ("时效指标的指标值不是完成时限或日期", _timeliness_not_date),
        ("指标性质与指标值中写的比较符不一致", _direction_conflict),
        (
            "满意度指标没有写成满意度",
            lambda i: _level(i.level1.value) == "满意度" and "满意" not in (i.name.value or ""),
        ),
    )


def _qualitative_number(indicator: Indicator) -> bool:
    value = parse_value(cell_text(indicator.target))
    has_unit = bool(value.unit or squash(indicator.unit_of_measure.value))
    return indicator.direction.value is Direction.qualitative and value.is_number and has_unit


def _unit_missing(indicator: Indicator) -> bool:
    value = parse_value(cell_text(indicator.target))
    quantitative = indicator.direction.value not in {None, Direction.qualitative}
    return quantitative and value.is_number and not value.unit and not squash(indicator.unit_of_measure.value)


def _direction_conflict(indicator: Indicator) -> bool:
    """指标性质 ≥ with a target written "≤90%" (or the reverse)."""
    written = parse_value(cell_text(indicator.target)).comparator
    direction = indicator.direction.value
    if written is None or direction is None or direction is Direction.qualitative:
        return False
    return Direction(written.name) is not direction


def _timeliness_not_date(indicator: Indicator) -> bool:
    if not _level(indicator.level2.value).startswith("时效"):
        return False
    value = parse_value(cell_text(indicator.target))
    unit = squash(indicator.unit_of_measure.value)
    return value.kind is ValueKind.number and (unit in {"年", "天", "日", "月"} or value.unit in {"年", "天"})


@rule(
    "G24",
    "weak-indicator",
    Severity.warning,
    schemes=SELF_EVAL_FORM,
    message="指标「{indicator}」：{pattern}",
)
def weak_indicator(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Weak indicator patterns: numbers marked 定性, questions, missing units, duplicates, tautologies.

    检查内容：定性指标写数值、问句式或含糊的指标名、定量指标无单位、指标性质与指标值的比较符矛盾、重复指标、单一
    指标占全部90分、以预算执行
    为目标的指标、时效指标不是时限、满意度指标名不含满意。
    为什么：指标应指向明确、细化量化、合理可行、相应匹配；这些写法使自评无从衡量。
    示例：利州2023 短信平台「保障多少名人员经费 定性 4 人」「全年人员及维护费用多少元？」；投融资「完成时限
    ＝ 1 年」。
    依据：S4、S5；rules.md §D2、§D3、§G24。
    """
    indicators = ctx.form.indicators if ctx.form else ()
    names = Counter(squash(i.name.value) for i in indicators)
    patterns = _weak_patterns()
    for index, indicator in enumerate(indicators):
        found = [text for text, test in patterns if test(indicator)]
        if names[squash(indicator.name.value)] > 1:
            found.append("同一指标出现不止一次")
        if indicator.weight.value is not None and indicator.weight.value >= Decimal(90):
            found.append("一个指标占全部绩效指标分值")
        for pattern in found:
            yield Hit(
                {"indicator": indicator_label(indicator), "pattern": pattern},
                (where(indicator.name, indicator_path(index, "name")),),
            )
