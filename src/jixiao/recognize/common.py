"""Helpers shared by the form recognizers: header columns, titles, years, project codes."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jixiao.model import Stated
from jixiao.read.document import Document, Paragraph, Table
from jixiao.recognize.cells import Cell, paragraph_text
from jixiao.recognize.text import label_key

if TYPE_CHECKING:
    from collections.abc import Mapping

_YEAR = re.compile(r"(20\d{2})\s*年")
_CODE = re.compile(r"^([0-9A-Za-z]{8,})\s*[-－—_]+\s*(.+)$")
LOOK_BACK = 5  # blocks searched before a table for its title and header lines


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


def title_before(doc: Document, position: int, suffix: str, field_path: str) -> Stated[str]:
    """Return the nearest paragraph before a table whose text ends with `suffix` (the form title)."""
    for _, paragraph in paragraphs_before(doc, position):
        if label_key(paragraph.text).endswith(suffix):
            return paragraph_text(doc, paragraph, field_path)
    return Stated()
