"""Rules over a batch of projects and over the 点位 table (rules.md §B7, §G26, §G28; B-rules)."""

from __future__ import annotations

from collections import Counter
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from jixiao.checks._common import location_with_quote, narrative, squash, where
from jixiao.checks._peers import MIN_NAME, peers
from jixiao.checks.context import CheckContext, Hit, Unchecked
from jixiao.checks.registry import ALL, SICHUAN_REPORT, rule
from jixiao.distribution import allocation_entries, distribute
from jixiao.model import ReportKind, Severity
from jixiao.model.parse import normalize_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from jixiao.distribution import ScoredEntry
    from jixiao.model import Location


@rule(
    "G26",
    "allocation-distribution",
    Severity.warning,
    schemes=(SICHUAN_REPORT,),
    message="点位得分分布：{problem}",
)
def allocation_distribution(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Allocation-point (点位) scores must differ between grades and not tie too often within one.

    检查内容：点位按得分从高到低按20%、20%、55%、5%分为优良中差（名额四舍五入，余数归「中」）后，跨档次的相同
    得分（每个分值报告一次，列出涉及的全部档次和点位），以及同档次相同得分超过该档数量10%（至少允许1个）的
    情况；点位过少致某档名额为0、点位得分无法读取时给出提示。
    为什么：四川专项自评要求点位得分体现差异，全部同分等于没有评价。
    示例：利州2023 每个项目只有1个点位，规则不适用（提示）。
    依据：利州2023 点位表表注（S11，通知原文未找到）；rules.md §B7、§K、§H-10、§G26。
    """
    report = ctx.report
    if report is None or (report.kind is not ReportKind.sichuan_special and not report.allocation_points):
        return
    entries, unreadable = allocation_entries(report)
    for point in unreadable:
        problem = f"点位「{point.name}」的自评得分「{point.raw}」无法读取，未参与等级分布检查"
        yield Hit({"problem": problem}, (point.location,), Severity.info)
    result = distribute(entries)
    if not result.applicable:
        yield Unchecked(result.issues[0].message, tuple(_entry_locations(result.issues[0].entries)))
        return
    for issue in result.issues:
        values = {"problem": issue.message, "kind": issue.kind.value, **issue.values}
        severity = None if issue.is_violation else Severity.info
        yield Hit(values, tuple(_entry_locations(issue.entries)), severity)


def _entry_locations(entries: Iterable[ScoredEntry]) -> Iterator[Location]:
    return (entry.location for entry in entries if entry.location is not None)


def _batch_or_note(ctx: CheckContext) -> Unchecked | None:
    return None if ctx.batch else Unchecked("同批次没有其他项目，无法与其他项目核对")


@rule(
    "G28",
    "batch-identifier-inconsistent",
    Severity.warning,
    schemes=ALL,
    message="{what}：本项目为「{own}」，同批次「{other}」为「{theirs}」",
)
def batch_identifier_inconsistent(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """Projects of one unit in one batch share its unit code and the budget year.

    检查内容：同一批次中同名预算单位的预算单位编码是否相同，项目的预算年度是否与批次中其他项目相同。
    为什么：编码或年度不一致的表格无法汇总，常见于复制上年或其他单位的表格。
    示例：资阳2022 各计分表预算单位编码均为163001（不触发）。
    依据：rules.md §G28。
    """
    if (note := _batch_or_note(ctx)) is not None:
        yield note
        return
    own = ctx.project
    found = peers(ctx)
    index, position = found.index, found.position
    own_code = own.unit_code.value or ""
    same_unit = index.by_unit.get(squash(own.unit.value), ()) if own_code else ()
    for other in index.others(same_unit, position):
        if other.unit_code.value and other.unit_code.value != own.unit_code.value:
            yield Hit(
                {
                    "what": f"预算单位「{own.unit.value}」的编码",
                    "own": own_code,
                    "other": other.title,
                    "theirs": other.unit_code.value,
                },
                (where(own.unit_code, "unit_code"), where(other.unit_code, "unit_code")),
            )
    years = index.years
    own_year = own.year.value
    # the others' years: the batch's, less this project's own (counted once when it is in the index)
    alone = own_year is not None and years[own_year] == (1 if position >= 0 else 0)
    if alone and len(years) > (1 if position >= 0 else 0):
        others_years = Counter({year: count for year, count in years.items() if year != own_year})
        year, _ = others_years.most_common(1)[0]
        yield Hit(
            {"what": "预算年度", "own": str(own.year.value), "other": "其他项目", "theirs": str(year)},
            (where(own.year, "year"),),
        )


@rule(
    "B01",
    "unit-code-name-conflict",
    Severity.warning,
    schemes=ALL,
    message="预算单位编码{code}在本项目对应「{own}」，在「{other}」中对应「{theirs}」",
)
def unit_code_name_conflict(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """One unit code must name one unit across a batch.

    检查内容：同一批次中预算单位编码相同的项目，预算单位名称是否相同。
    为什么：一个编码对应两个单位名称，说明编码或名称有一处填错，汇总时会串户。
    示例：资阳2022 编码163001均对应资阳市民政局（不触发）。
    依据：rules.md §G28。
    """
    if (note := _batch_or_note(ctx)) is not None:
        yield note
        return
    own = ctx.project
    found = peers(ctx)
    own_code = own.unit_code.value or ""
    same_code = found.index.by_unit_code.get(own_code, ())
    for other in found.index.others(same_code, found.position):
        if (
            squash(other.unit.value)
            and squash(own.unit.value)
            and squash(other.unit.value) != squash(own.unit.value)
        ):
            yield Hit(
                {
                    "code": own_code,
                    "own": own.unit.value or "",
                    "other": other.title,
                    "theirs": other.unit.value or "",
                },
                (where(own.unit, "unit"), where(other.unit, "unit")),
            )


@rule(
    "B02",
    "duplicate-project",
    Severity.warning,
    schemes=ALL,
    message="项目「{name}」在同一批次中出现{count}次",
)
def duplicate_project(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """A project appears once per batch.

    检查内容：同一批次中是否有名称（或项目编码）相同的另一个项目。
    为什么：重复提交会使汇总和排名重复计数，也可能是两份版本不同的自评。
    示例：利州2023 合并文件与单独文件同时导入时，每个项目出现两次。
    依据：rules.md §F（覆盖率与汇总）。
    """
    if (note := _batch_or_note(ctx)) is not None:
        yield note
        return
    own = ctx.project
    found = peers(ctx)
    index, name = found.index, squash(own.name.value)
    # Same project: equal codes when both have one, else equal (non-empty) names.
    if own.code.value:
        same = (*index.by_code.get(own.code.value, ()), *index.by_name_without_code.get(name, ()))
    else:
        same = index.by_name.get(name, ())
    count = sum(1 for at in same if at != found.position)
    if count:
        yield Hit({"name": own.title, "count": str(count + 1)}, (where(own.name, "name"),))


@rule(
    "B03",
    "other-project-named",
    Severity.warning,
    schemes=ALL,
    message="正文提到同批次另一个项目「{other}」（「{quote}」），可能套用了该项目的材料",
)
def other_project_named(ctx: CheckContext) -> Iterator[Hit | Unchecked]:
    """A paragraph naming another project of the batch was probably copied from it.

    检查内容：本项目的自评表文字和报告段落中，是否出现同批次另一个项目的名称（连续相同的字数达到该名称的一半
    且不少于6个字，且不属于本项目名称）。
    为什么：复制其他项目的报告后未改名，说明本报告的内容可能不属于本项目。
    示例：利州2023 短信平台报告写「对投融资理财非法集资工作经费的绩效情况进行评议」。
    依据：S1（数据真实）；rules.md §A13。
    """
    if (note := _batch_or_note(ctx)) is not None:
        yield note
        return
    own = squash(ctx.project.name.value)
    runs = peers(ctx).index.name_runs
    for text, path in narrative(ctx.form, ctx.report):
        clean = squash(text.value)
        candidates: set[tuple[str, str]] = set()
        for i in range(len(clean) - MIN_NAME + 1):
            candidates.update(runs.get(clean[i : i + MIN_NAME], ()))
        # Only other projects' names: a project with this project's name (itself included) is not "other".
        for title, name in sorted(pair for pair in candidates if pair[1] != own):
            match = SequenceMatcher(None, clean, name, autojunk=False).find_longest_match(
                0, len(clean), 0, len(name)
            )
            shared = name[match.b : match.b + match.size]
            if match.size >= max(MIN_NAME, len(name) // 2) and shared not in own:
                quote = _quote_around(text.value or "", shared)
                yield Hit({"other": title, "quote": quote}, (location_with_quote(where(text, path), quote),))


def _quote_around(text: str, shared: str) -> str:
    clean = normalize_text(text)
    start = clean.find(shared[:4])
    return clean[max(0, start) : max(0, start) + len(shared) + 4] if start >= 0 else shared
