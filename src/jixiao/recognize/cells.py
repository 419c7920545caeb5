"""Finding cells by label and turning them into `Stated` values with their locations.

A `Sheet` wraps one table of a `Document`. Rows are read left to right over the anchored cells, so a
.txt dump (spans lost), a .docx grid and an .xlsx sheet (spans expanded) all look the same: recognizers
ask for "the cell right of the label 项目名称", never for column 3.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from jixiao.model import Finding, Location, Money, MoneyUnit, Stated
from jixiao.recognize.rules import UNPARSED_VALUE
from jixiao.recognize.text import clean, flat, label_key, parse_decimal, parse_money, parse_percent

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable
    from decimal import Decimal

    from jixiao.read.document import Document, Paragraph, Table

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Cell:
    """An anchored cell: grid position (0-based) and text."""

    row: int
    col: int
    text: str

    @property
    def key(self) -> str:
        """The label form of the text."""
        return label_key(self.text)


@dataclass
class Sheet:
    """One table seen as rows of anchored cells, with a findings sink for unparseable values."""

    doc: Document
    table: Table
    findings: list[Finding] = field(default_factory=list)

    @cached_property
    def _rows(self) -> list[list[Cell]]:
        last_row, last_col = self.table.n_rows - 1, self.table.n_cols - 1  # merges may overrun the grid
        covered = {
            (r, c)
            for merge in self.table.merges
            for r in range(merge.first_row, min(merge.last_row, last_row) + 1)
            for c in range(merge.first_col, min(merge.last_col, last_col) + 1)
            if (r, c) != (merge.first_row, merge.first_col)
        }
        return [
            [Cell(r, c, text) for c, text in enumerate(row) if text is not None and (r, c) not in covered]
            for r, row in enumerate(self.table.grid)
        ]

    def rows(self) -> list[list[Cell]]:
        """Return each row's anchored cells, left to right (positions covered by a merge skipped)."""
        return self._rows

    def find(self, *labels: str, start: int = 0) -> Cell | None:
        """Return the first cell (row-major, from row `start`) whose key starts with one of `labels`."""
        keys = tuple(label_key(label) for label in labels)
        for cells in self.rows()[start:]:
            for cell in cells:
                if cell.key and cell.key.startswith(keys):
                    return cell
        return None

    def location(self, cell: Cell, label: str | None = None, field_path: str | None = None) -> Location:
        """Return the cell's location, naming its label and model path."""
        location = self.doc.cell_location(self.table, cell.row, cell.col, label=label)
        return location.with_field(field_path) if field_path else location

    def text(self, cell: Cell | None, label: str, field_path: str) -> Stated[str]:
        """State a text cell (cleaned value, raw text kept); blank when the cell is missing."""
        if cell is None:
            return Stated()
        value = clean(cell.text)
        return Stated(value=value or None, raw=cell.text, location=self.location(cell, label, field_path))

    def flat_text(self, cell: Cell | None, label: str, field_path: str) -> Stated[str]:
        """State a name-like cell on one line (PDF word splits and line breaks removed)."""
        if cell is None:
            return Stated()
        value = flat(cell.text)
        return Stated(value=value or None, raw=cell.text, location=self.location(cell, label, field_path))

    def number(self, cell: Cell | None, label: str, field_path: str) -> Stated[Decimal]:
        """State a number cell; blank, "/" and "不适用" give no value, other text an I01 finding."""
        return self._parsed(cell, label, field_path, parse_decimal)

    def percent(self, cell: Cell | None, label: str, field_path: str) -> Stated[Decimal]:
        """State a percentage cell as a fraction."""
        return self._parsed(cell, label, field_path, lambda text: parse_percent(text, assume_percent=True))

    def money(self, cell: Cell | None, label: str, field_path: str, unit: MoneyUnit) -> Stated[Money]:
        """State an amount; the unit written in the cell wins over the column's unit."""
        return self._parsed(cell, label, field_path, lambda text: parse_money(text, unit))

    def _parsed(
        self, cell: Cell | None, label: str, field_path: str, parse: Callable[[str], T | None]
    ) -> Stated[T]:
        if cell is None:
            return Stated()
        location = self.location(cell, label, field_path)
        value = parse(cell.text)
        if value is None and not is_empty_value(cell.text):
            self.findings.append(UNPARSED_VALUE.finding("", location, label=label, raw=flat(cell.text)))
        return Stated(value=value, raw=cell.text, location=location)


def is_empty_value(text: str) -> bool:
    """True for cells that state nothing: blank, "/", "-", "无", "不适用"."""
    return label_key(text) in {"", "/", "-", "—", "无", "不适用", "——"}


def paragraph_text(doc: Document, paragraph: Paragraph, field_path: str) -> Stated[str]:
    """State a paragraph's text with its location."""
    location = doc.paragraph_location(paragraph).with_field(field_path)
    return Stated(value=clean(paragraph.text) or None, raw=paragraph.text, location=location)


def first(cells: Iterable[Cell], *labels: str) -> Cell | None:
    """Return the first cell whose key starts with one of `labels`."""
    keys = tuple(label_key(label) for label in labels)
    return next((cell for cell in cells if cell.key.startswith(keys)), None)


def right_of(cells: list[Cell], anchor: Cell | None) -> Cell | None:
    """Return the cell right after `anchor` in its row."""
    if anchor is None:
        return None
    after = [cell for cell in cells if cell.col > anchor.col]
    return after[0] if after else None
