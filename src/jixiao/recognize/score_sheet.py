"""Recognize the Ziyang 市本级项目支出绩效自评计分表 (rules.md §C1).

Rows are matched to the 20 common items of 财预〔2013〕53号 by their printed label, read from the
scheme `common-2013-ziyang-2022` (`sheet_layout`). 管理制度健全性 is printed twice: the one under
业务管理 is `business_rules_soundness`, the one under 财务管理 `finance_rules_soundness`. Rows whose
name and score cells are empty continue the row above (cells split over pseudo-rows at page breaks);
header rows repeated at page breaks are skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from jixiao.model import ScoreSheet, ScoreSheetGroup, ScoreSheetItem, Stated
from jixiao.recognize.cells import Cell, Sheet, first, right_of
from jixiao.recognize.common import (
    HEADER_ROWS,
    Line,
    at_col,
    header_columns,
    header_lines,
    is_header_repeat,
    year_of,
)
from jixiao.recognize.measures import extract_measures
from jixiao.recognize.parts import Part
from jixiao.recognize.rules import MISSING_LABEL
from jixiao.recognize.sheet_layout import sheet_layout
from jixiao.recognize.text import clean, flat, label_key, parse_decimal

if TYPE_CHECKING:
    from jixiao.model import Location
    from jixiao.read.document import Document, Table

FORM = "计分表"
_COLUMNS = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "score": "自评分数",
    "basis": "自评依据",
}
_POINTS = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分")
_HEADER_FIELDS = {  # the colon is optional: a sheet may put label and value in two cells
    "name": re.compile(r"项目名称[:]?\s*(\S+)"),
    "unit": re.compile(r"(?:预算单位名称|填报单位(?:名称)?|(?<!预算)单位名称)[:]?\s*(\S+)"),
    "unit_code": re.compile(r"(?:预算单位编码|单位编码)[:]?\s*(\S+)"),
    "grade": re.compile(r"自评等级[:]?\s*(\S+)"),
}
_NEXT_LABEL = re.compile(r"预算单位|填报单位|单位名称|单位编码|自评等级|项目名称")


def is_score_sheet(table: Table) -> bool:
    """True when the table has the 计分表 header (三级指标, 自评分数, 自评依据) in its first rows.

    The header may follow up to `HEADER_ROWS` rows of title and header lines (a workbook export).
    """
    keys = {label_key(text or "") for row in table.grid[: HEADER_ROWS + 3] for text in row}
    return {"三级指标", "自评分数"} <= keys or (
        "三级指标" in keys and any(k.startswith("自评依据") for k in keys)
    )


@dataclass
class _State:
    level1: Stated[str]
    level2: Stated[str]
    items: list[ScoreSheetItem]
    groups: list[ScoreSheetGroup]
    level2_id: str | None = None


def recognize_score_sheet(doc: Document, position: int, table: Table) -> Part:
    """Read one 计分表 from `table` and the header lines above it."""
    sheet = Sheet(doc, table)
    rows = sheet.rows()
    header_row = next((n for n, cells in enumerate(rows) if first(cells, "三级指标")), 0)
    columns = header_columns(rows[header_row], _COLUMNS)
    state = _State(Stated(), Stated(), [], [])
    for cells in rows[header_row + 1 :]:
        if first(cells, "合计") is not None:
            break
        if not is_header_repeat(cells, ("一级指标", "三级指标")):
            _row(sheet, cells, columns, state)
    facts, title, grade, name = _header_lines(header_lines(sheet, position, header_row))
    sheet_value = ScoreSheet(
        title=title,
        stated_grade=grade,
        groups=tuple(state.groups),
        items=tuple(state.items),
        **_totals(sheet, rows),
    )
    layout = sheet_layout()
    if len(state.items) < len(layout.items):
        missing = [item.id for item in layout.items if item.id not in {i.id for i in state.items}]
        sheet.findings.append(MISSING_LABEL.finding("", None, form=FORM, label="、".join(missing)))
    return Part("score_sheet", position, name, sheet_value, facts, tuple(sheet.findings))


def _row(sheet: Sheet, cells: list[Cell], columns: dict[str, int], state: _State) -> None:
    level1 = at_col(cells, columns.get("level1", -1))
    level2 = at_col(cells, columns.get("level2", -1))
    if level1 is not None and level1.key:
        state.level1 = sheet.flat_text(level1, "一级指标", f"score_sheet.groups[{len(state.groups)}].label")
        state.groups.append(_group(sheet, level1, 1, len(state.groups)))
    if level2 is not None and level2.key:
        state.level2 = sheet.flat_text(level2, "二级指标", f"score_sheet.groups[{len(state.groups)}].label")
        state.groups.append(_group(sheet, level2, 2, len(state.groups)))
        state.level2_id = state.groups[-1].id
    name = at_col(cells, columns.get("name", -1))
    score = at_col(cells, columns.get("score", -1))
    basis = at_col(cells, columns.get("basis", -1))
    if (name is None or not name.key) and (score is None or not score.key):
        _continue_basis(state, basis)
        return
    if name is None or not name.key:
        return
    item_id = _item_id(name.key, state)
    if item_id is None:
        return
    state.items.append(_item(sheet, item_id, (name, score, basis), state, len(state.items)))


def _group(sheet: Sheet, cell: Cell, level: int, index: int) -> ScoreSheetGroup:
    text = flat(cell.text)
    key = label_key(text)
    group_id = sheet_layout().group_id(key, level) or key
    path = f"score_sheet.groups[{index}]"
    points = _points(sheet, cell, text, f"{path}.points")
    return ScoreSheetGroup(id=group_id, label=sheet.flat_text(cell, "指标", f"{path}.label"), points=points)


def _points(sheet: Sheet, cell: Cell, text: str, path: str) -> Stated[Any]:
    match = _POINTS.search(label_key(text))
    if match is None:
        return Stated()
    return Stated(
        value=parse_decimal(match.group(1)), raw=match.group(0), location=sheet.location(cell, "分值", path)
    )


def _item_id(key: str, state: _State) -> str | None:
    return sheet_layout().item_id(key, state.level2_id, {item.id for item in state.items})


def _item(
    sheet: Sheet, item_id: str, cells: tuple[Cell, Cell | None, Cell | None], state: _State, index: int
) -> ScoreSheetItem:
    name, score, basis = cells
    path = f"score_sheet.items[{index}]"
    stated_basis = sheet.text(basis, "自评依据及说明", f"{path}.basis")
    not_applicable = score is not None and "不适用" in score.key
    return ScoreSheetItem(
        id=item_id,
        level1=state.level1.model_copy(update={"location": state.level1.location}),
        level2=state.level2,
        name=sheet.flat_text(name, "三级指标", f"{path}.name"),
        points=_points(sheet, name, flat(name.text), f"{path}.points"),
        score=Stated() if score is None else sheet.number(score, "自评分数", f"{path}.score"),
        basis=stated_basis,
        not_applicable=not_applicable,
        measures=extract_measures(item_id, stated_basis),
    )


def _continue_basis(state: _State, basis: Cell | None) -> None:
    """Append a pseudo-row's text to the item above (a cell split at a page break)."""
    if basis is None or not basis.key or not state.items:
        return
    last = state.items[-1]
    raw = f"{last.basis.raw}\n{basis.text}" if last.basis.raw else basis.text
    merged = last.basis.model_copy(update={"value": clean(raw) or None, "raw": raw})
    state.items[-1] = last.model_copy(update={"basis": merged, "measures": extract_measures(last.id, merged)})


def _totals(sheet: Sheet, rows: list[list[Cell]]) -> dict[str, Stated[Any]]:
    anchor = sheet.find("合计")
    if anchor is None:
        sheet.findings.append(MISSING_LABEL.finding("", None, form=FORM, label="合计"))
        return {}
    value = right_of(rows[anchor.row], anchor)
    key = "rescaled_total" if "折算" in anchor.key else "total_score"
    return {key: sheet.number(value, flat(anchor.text), f"score_sheet.{key}")}


def _header_lines(
    lines: list[Line],
) -> tuple[dict[str, Stated[Any]], Stated[str], Stated[str], Stated[str]]:
    """Read title, （项目名称）, 预算单位名称/编码 and 自评等级 from the lines above the header."""
    facts: dict[str, Stated[Any]] = {}
    title: Stated[str] = Stated()
    name: Stated[str] = Stated()
    for line in lines:
        stated = line.stated("score_sheet.title")
        if line.key.endswith("计分表") and title.value is None:
            title = stated
            facts["year"] = year_of(stated).model_copy(update={"location": _field(stated, "year")})
        elif line.key.startswith("(") and line.key.endswith(")") and name.value is None:
            value = re.sub(r"项目$", "", flat(line.text).strip("（）()"))
            name = Stated(value=value, raw=line.text, location=_field(stated, "name"))
        for field, found in _labelled_values(line.text, stated).items():
            facts.setdefault(field, found)
    grade = facts.pop("grade", Stated())
    labelled_name = facts.pop("name", Stated())
    return facts, title, grade, name if name.value is not None else labelled_name


def _labelled_values(text: str, stated: Stated[str]) -> dict[str, Stated[str]]:
    """Read "预算单位名称：… 预算单位编码：… 自评等级：…" (one line or two) and "项目名称：…"."""
    out: dict[str, Stated[str]] = {}
    for field, pattern in _HEADER_FIELDS.items():
        match = pattern.search(flat(text).replace("：", ":"))
        if match is not None:
            value = _NEXT_LABEL.split(match.group(1))[0]
            if not value:  # a label with its value left blank
                continue
            path = {"grade": "score_sheet.stated_grade"}.get(field, field)
            out[field] = Stated(value=value, raw=text, location=_field(stated, path))
    return out


def _field(stated: Stated[str], path: str) -> Location | None:
    return None if stated.location is None else stated.location.with_field(path)
