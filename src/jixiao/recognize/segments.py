"""Split a sheet that stacks several forms (a system export of "all forms" on one sheet) into one per form.

A form starts at its title row: a row whose only text ends with 自评表, 计分表 or 完成情况表, once the form
above has shown a body row (so "附件3" above a form's own title splits nothing). Each segment
keeps the whole grid height with the rows of the other forms emptied (every position None), so row
numbers, and with them the locations people see, stay those of the sheet.
"""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

from jixiao.read.document import Merge, Table
from jixiao.recognize.text import label_key

if TYPE_CHECKING:
    from collections.abc import Sequence

FORM_TITLES = ("自评表", "计分表", "完成情况表")
MAX_TITLE = 60  # characters of a title row's text, beyond which it is a sentence
BODY_CELLS = 3  # a row with this many texts belongs to a form's body (not a title or "附件3" line)


def split_stacked(table: Table) -> list[Table]:
    """Return the forms stacked in `table`, top to bottom; a table with one form comes back as it is."""
    starts: list[int] = []
    body = False  # a row of the form itself (three or more cells) seen since the last title
    for row, cells in enumerate(table.grid):
        if body and is_title_row(cells):
            starts.append(row)
            body = False
        elif sum(1 for text in cells if text and text.strip()) >= BODY_CELLS:
            body = True
    if not starts:
        return [table]
    bounds = [0, *starts, table.n_rows]
    return [_rows_only(table, first, end) for first, end in pairwise(bounds)]


def is_title_row(cells: Sequence[str | None]) -> bool:
    """True for a row whose only text is a form title ("2022年度市本级项目支出绩效自评计分表")."""
    texts = [text for text in cells if text and text.strip()]
    if len(texts) != 1:
        return False
    key = label_key(texts[0])
    return len(key) <= MAX_TITLE and key.endswith(FORM_TITLES) and not key.startswith(("附", "注"))


def first_row(table: Table) -> int:
    """The first row of a segment: rows above it are emptied (None everywhere); 0 for a whole table."""
    return next((row for row, cells in enumerate(table.grid) if any(c is not None for c in cells)), 0)


def _rows_only(table: Table, first: int, end: int) -> Table:
    """The table with only rows [first, end) kept; merges clipped to them."""
    width = table.n_cols
    blank = (None,) * width
    grid = tuple(cells if first <= row < end else blank for row, cells in enumerate(table.grid))
    merges = tuple(
        Merge(m.first_row, m.first_col, min(m.last_row, end - 1), m.last_col)
        for m in table.merges
        if first <= m.first_row < end
    )
    return replace(table, grid=grid, merges=merges)
