"""Helpers shared by the form recognizers: header columns, titles, years, project codes."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from jixiao.model import Location, Stated
from jixiao.read.document import Document, Paragraph, Table
from jixiao.recognize.segments import first_row
from jixiao.recognize.text import clean, label_key

if TYPE_CHECKING:
    from collections.abc import Mapping

    from jixiao.recognize.cells import Cell, Sheet

_YEAR = re.compile(r"(20\d{2})\s*年")
_CODE = re.compile(r"^([0-9A-Za-z]{8,})\s*[-－—_]+\s*(.+)$")
LOOK_BACK = 5  # blocks searched before a table for its title and header lines
HEADER_ROWS = 10  # a sheet may carry its title and header lines as rows above the column header


@dataclass(frozen=True, slots=True)
class Line:
    """A line above a form's header: a paragraph before the table, or a row of the sheet above it.

    A workbook has no paragraphs, so the title, （项目名称） and 预算单位名称… lines of a 计分表 or
    完成情况表 exported to .xlsx/.xls/.et are rows above the header; a row's cells are joined by spaces.
    """

    text: str
    location: Location

    @property
    def key(self) -> str:
        """The label form of the text."""
        return label_key(self.text)

    def stated(self, field_path: str) -> Stated[str]:
        """State the line's text with its location."""
        value = clean(self.text) or None
        return Stated(value=value, raw=self.text, location=self.location.with_field(field_path))


def header_columns(cells: list[Cell], labels: Mapping[str, str]) -> dict[str, int]:
    """Map each field to the grid column of the header cell whose key starts with its label."""
    out: dict[str, int] = {}
    for field, label in labels.items():
        key = label_key(label)
        cell = next((c for c in cells if c.key.startswith(key) and c.col not in out.values()), None)
        if cell is not None:
            out[field] = cell.col
    return out


def at_col(cells: list[Cell], col: int, after: int = -1) -> Cell | None:
    """Return the anchored cell at grid column `col` (right of column `after`), if any."""
    return next((cell for cell in cells if cell.col == col and cell.col > after), None)


def is_header_repeat(cells: list[Cell], labels: tuple[str, ...]) -> bool:
    """True for a header row repeated at a page break (it holds every one of `labels`)."""
    keys = {cell.key for cell in cells}
    return all(label_key(label) in keys for label in labels)


def split_code(name: Stated[str]) -> tuple[Stated[str], Stated[str]]:
    """Split "51000021R…-工资性支出" into the system code and the name; no code → blank code."""
    match = _CODE.match(name.value or "")
    if match is None:
        return Stated(), name
    code = name.model_copy(update={"value": match.group(1)})
    return code, name.model_copy(update={"value": match.group(2)})


def year_of(title: Stated[str]) -> Stated[int]:
    """Read the budget year from a title ("2023年部门预算项目支出绩效自评表" → 2023)."""
    match = _YEAR.search(title.value or "")
    if match is None:
        return Stated()
    return Stated(value=int(match.group(1)), raw=title.raw, location=title.location)


def paragraphs_before(doc: Document, position: int) -> list[tuple[int, Paragraph]]:
    """Return up to `LOOK_BACK` paragraphs before block `position`, nearest first, stopping at a table."""
    out: list[tuple[int, Paragraph]] = []
    for index in range(position - 1, max(position - 1 - LOOK_BACK, -1), -1):
        block = doc.blocks[index]
        if isinstance(block, Table):
            break
        out.append((index, block))
    return out


def header_lines(sheet: Sheet, position: int, header_row: int) -> list[Line]:
    """Return the lines above a form's header, nearest first.

    First the sheet's rows above `header_row` (at most `HEADER_ROWS`), then the paragraphs before the
    table (block `position`), so a title printed either way is found.
    """
    lines: list[Line] = []
    for cells in reversed(sheet.rows()[max(header_row - HEADER_ROWS, 0) : max(header_row, 0)]):
        texts = [cell for cell in cells if cell.key]
        if texts:
            text = " ".join(clean(cell.text) for cell in texts)
            lines.append(Line(text, sheet.location(texts[0])))
    doc = sheet.doc
    if first_row(sheet.table) == 0:  # a form stacked below another on one sheet has no paragraphs
        lines.extend(Line(p.text, doc.paragraph_location(p)) for _, p in paragraphs_before(doc, position))
    return lines


def title_line(lines: list[Line], suffix: str, field_path: str) -> Stated[str]:
    """Return the nearest line whose text ends with `suffix` (the form title), stated."""
    line = next((line for line in lines if line.key.endswith(suffix)), None)
    if line is None:
        return Stated()
    if line.location.row is not None:  # a title cell is labelled 标题 like any other cell
        line = Line(line.text, replace(line.location, label="标题"))
    return line.stated(field_path)
