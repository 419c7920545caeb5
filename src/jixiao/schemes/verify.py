"""Checks across the blocks of a valid scheme: source ids, printed totals, bands, formula parameters.

Each check yields `(key path, Chinese message)`; the loader turns paths into file lines. Nothing
stops at the first problem (STYLE §2.7, §2.8).
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from jixiao.schemes.model import ItemFormula, Scheme, SheetGroup, SheetItem
from jixiao.schemes.yamlfile import Path

if TYPE_CHECKING:
    from collections.abc import Iterator

Problem = tuple[Path, str]
_SOURCE_ID = re.compile(r"[A-Z][A-Za-z0-9_-]*")


def verify_scheme(scheme: Scheme) -> list[Problem]:
    """Return every cross-block problem of a scheme."""
    checks = (_sources, _form_blocks, _scheme_total, _groups, _level1_split, _grades, _qualitative, _ids)
    return [problem for check in checks for problem in check(scheme)]


def _fmt(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral() else format(value, "f")


def _sources(scheme: Scheme) -> Iterator[Problem]:
    declared: set[str] = set()
    for index, source in enumerate(scheme.sources):
        if source.id in declared:
            yield ("sources", index, "id"), f"来源编号 {source.id} 重复"
        declared.add(source.id)
    for path, text in _source_fields(scheme, ()):
        match = _SOURCE_ID.match(text)
        if match is None or match.group(0) not in declared:
            yield path, f"来源「{text}」未以已声明的来源编号开头（已声明：{'、'.join(sorted(declared))}）"


def _source_fields(block: BaseModel, path: Path) -> Iterator[tuple[Path, str]]:
    for name in type(block).model_fields:
        value: Any = getattr(block, name)
        if name == "source" and isinstance(value, str) and not isinstance(block, Scheme):
            yield (*path, name), value
        elif isinstance(value, BaseModel):
            yield from _source_fields(value, (*path, name))
        elif isinstance(value, tuple):
            for index, element in enumerate(value):
                if isinstance(element, BaseModel) and name != "sources":
                    yield from _source_fields(element, (*path, name, index))


def _form_blocks(scheme: Scheme) -> Iterator[Problem]:
    if scheme.form == "self_eval_form":
        if scheme.budget_execution is None:
            yield ("budget_execution",), "自评表方案必须有 budget_execution 块"
        if scheme.indicators is None:
            yield ("indicators",), "自评表方案必须有 indicators 块"
    elif not scheme.groups:
        yield ("groups",), "计分表或报告方案必须有 groups 块"
    for top_index, group in enumerate(scheme.groups):
        for path, item in _items_with_paths(group, ("groups", top_index)):
            yield from _item_problems(scheme, item, path)


def _items_with_paths(group: SheetGroup, path: Path) -> Iterator[tuple[Path, SheetItem]]:
    for index, item in enumerate(group.items):
        yield (*path, "items", index), item
    for index, child in enumerate(group.groups):
        yield from _items_with_paths(child, (*path, "groups", index))


def _item_problems(scheme: Scheme, item: SheetItem, path: Path) -> Iterator[Problem]:
    if bool(item.rubric) == (item.formula is not None):
        yield path, f"指标 {item.id} 必须且只能有 rubric（评分细则）或 formula（计算公式）之一"
    if item.rubric:
        total = sum((Decimal(step.points) for step in item.rubric), Decimal(0))
        if total != item.points:
            yield (*path, "rubric"), f"细则分值合计{_fmt(total)}分，与指标分值{_fmt(item.points)}分不符"
    if item.formula is not None:
        yield from _formula_problems(item.formula, item.points, (*path, "formula"))
    if item.may_be_not_applicable and scheme.not_applicable is None:
        yield (*path, "may_be_not_applicable"), "方案未定义 not_applicable（不适用折算）块"


_FORMULA_PARAMS = {
    "shortfall_points": ("rate", ("target_pct", "points_per_pct", "shortfall")),
    "rate_times_points": ("rate", ()),
    "saving_or_proportional": ("rate", ()),
    "per_quarter": ("quarters_on_time", ("points_per_quarter", "quarters")),
}


def _formula_problems(formula: ItemFormula, points: Decimal, path: Path) -> Iterator[Problem]:
    measure, required = _FORMULA_PARAMS[formula.name]
    if formula.measure != measure:
        yield (*path, "measure"), f"公式 {formula.name} 读取的计量值应为 {measure}"
    for param in ("target_pct", "points_per_pct", "shortfall", "points_per_quarter", "quarters"):
        given = getattr(formula, param) is not None
        if given and param not in required:
            yield (*path, param), f"公式 {formula.name} 不使用参数 {param}"
        if not given and param in required:
            yield (*path, param), f"公式 {formula.name} 缺少参数 {param}"
    if formula.points_per_quarter is not None and formula.quarters is not None:
        full = formula.points_per_quarter * formula.quarters
        if full != points:
            yield (
                (*path, "quarters"),
                (
                    f"每季度{_fmt(formula.points_per_quarter)}分×{formula.quarters}季度"
                    f"={_fmt(full)}分，与指标分值{_fmt(points)}分不符"
                ),
            )


def _scheme_total(scheme: Scheme) -> Iterator[Problem]:
    if scheme.total_weight is None:
        return
    parts: list[Decimal] = [group.weight for group in scheme.groups]
    if scheme.budget_execution is not None:
        parts.append(scheme.budget_execution.weight)
    if scheme.indicators is not None and scheme.indicators.total_weight is not None:
        parts.append(scheme.indicators.total_weight)
    total = sum(parts, Decimal(0))
    if total != scheme.total_weight:
        yield ("total_weight",), f"印制总分{_fmt(scheme.total_weight)}分，各部分合计{_fmt(total)}分"


def _groups(scheme: Scheme) -> Iterator[Problem]:
    for index, group in enumerate(scheme.groups):
        yield from _group_sum(group, ("groups", index))


def _group_sum(group: SheetGroup, path: Path) -> Iterator[Problem]:
    if group.groups or group.items:
        total = sum((child.weight for child in group.groups), Decimal(0))
        total += sum((item.points for item in group.items), Decimal(0))
        if total != group.weight:
            yield (*path, "weight"), f"「{group.label}」印制{_fmt(group.weight)}分，下级合计{_fmt(total)}分"
    for index, child in enumerate(group.groups):
        yield from _group_sum(child, (*path, "groups", index))


def _level1_split(scheme: Scheme) -> Iterator[Problem]:
    rules = scheme.indicators
    if rules is None or rules.level1_split is None or rules.total_weight is None:
        return
    split = rules.level1_split
    total = split.output + split.benefit + split.satisfaction + (split.cost or Decimal(0))
    if total != rules.total_weight:
        yield (
            ("indicators", "level1_split"),
            f"一级指标分配合计{_fmt(total)}分，与绩效指标总分" + (f"{_fmt(rules.total_weight)}分不符"),
        )


def _grades(scheme: Scheme) -> Iterator[Problem]:
    bands = scheme.grades.bands
    for index in range(1, len(bands)):
        if bands[index].min >= bands[index - 1].min:
            yield ("grades", "bands", index, "min"), "等级下限必须从高到低严格递减"
    if bands[-1].min != 0:
        yield ("grades", "bands", len(bands) - 1, "min"), "最低等级的下限必须为0"


def _qualitative(scheme: Scheme) -> Iterator[Problem]:
    if scheme.indicators is None:
        return
    bands = scheme.indicators.qualitative_bands.bands
    path: Path = ("indicators", "qualitative_bands", "bands")
    if bands[0].max_pct != 100:
        yield (*path, 0, "max_pct"), "最高档的上限必须为100"
    if bands[-1].min_pct != 0:
        yield (*path, len(bands) - 1, "min_pct"), "最低档的下限必须为0"
    for index, band in enumerate(bands):
        if band.min_pct >= band.max_pct:
            yield (*path, index), "档次下限必须小于上限"
        if index and band.max_pct != bands[index - 1].min_pct:
            yield (*path, index, "max_pct"), "档次必须首尾相接（本档上限=上一档下限）"


def _ids(scheme: Scheme) -> Iterator[Problem]:
    seen: set[str] = set()
    for index, group in enumerate(scheme.groups):
        for path, identifier in _group_ids(group, ("groups", index)):
            if identifier in seen:
                yield path, f"编号 {identifier} 重复"
            seen.add(identifier)


def _group_ids(group: SheetGroup, path: Path) -> Iterator[tuple[Path, str]]:
    yield (*path, "id"), group.id
    for index, item in enumerate(group.items):
        yield (*path, "items", index, "id"), item.id
    for index, child in enumerate(group.groups):
        yield from _group_ids(child, (*path, "groups", index))
