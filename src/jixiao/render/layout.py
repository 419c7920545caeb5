"""A neutral description of a printed form: title lines above a grid of cells with merges.

Form builders (`sichuan_form`, `ziyang_forms`) produce a `FormLayout`; the writers (`xlsx`, `docx`)
turn the same layout into a workbook sheet or a Word table, so both formats carry identical labels,
values and merges. Positions are 0-based here; only the writers' output is seen by users.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING

from jixiao.render.values import printable

if TYPE_CHECKING:
    from decimal import Decimal


class Style(StrEnum):
    """How a cell is drawn (font, weight, alignment)."""

    form_title = "form_title"  # the form's title, large and bold
    header = "header"  # column and block headers, bold and centred
    label = "label"  # row labels printed by the form (总额, 合计 …), centred
    text = "text"  # free text the unit wrote, left aligned and wrapped
    value = "value"  # short values (numbers, symbols), centred
    note = "note"  # small print under a form, left aligned


@dataclass(frozen=True, slots=True)
class Cell:
    """One cell of the grid; `number` makes the xlsx writer store a numeric cell showing `text`."""

    row: int
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    style: Style = Style.value
    number: Decimal | None = None
    number_format: str = "General"


@dataclass(frozen=True, slots=True)
class Line:
    """A line printed above the grid (a paragraph in .docx, a merged row in .xlsx)."""

    text: str
    style: Style = Style.form_title


@dataclass(frozen=True, slots=True)
class FormLayout:
    """A whole printed form: lines above, the grid, widths in characters and print settings."""

    name: str  # sheet name / short name, e.g. 自评表
    lines: tuple[Line, ...]
    cells: tuple[Cell, ...]
    widths: tuple[float, ...]  # column widths in characters (xlsx units); docx scales them to the page
    header_rows: tuple[int, int] | None = None  # grid rows repeated on every printed page
    landscape: bool = False

    @property
    def n_cols(self) -> int:
        """Number of grid columns."""
        return len(self.widths)

    @property
    def n_rows(self) -> int:
        """Number of grid rows."""
        return max((cell.row + cell.rowspan for cell in self.cells), default=0)

    def text_at(self, row: int, col: int) -> str | None:
        """Return the text of the cell whose top-left corner is at (row, col), if any."""
        for cell in self.cells:
            if cell.row == row and cell.col == col:
                return cell.text
        return None


@dataclass
class GridBuilder:
    """Collect cells row by row; `row` is the next free row."""

    n_cols: int
    row: int = 0
    cells: list[Cell] = field(default_factory=list)

    def put(  # noqa: PLR0913 (a cell is described by its position, span, text and style)
        self,
        col: int,
        text: str,
        *,
        rowspan: int = 1,
        colspan: int = 1,
        style: Style = Style.value,
        number: Decimal | None = None,
        number_format: str = "General",
        row: int | None = None,
    ) -> None:
        """Place a cell at `col` of the current row (or of `row`)."""
        at = self.row if row is None else row
        if col + colspan > self.n_cols:
            msg = f"cell at column {col} spanning {colspan} exceeds {self.n_cols} columns"
            raise ValueError(msg)
        self.cells.append(Cell(at, col, printable(text), rowspan, colspan, style, number, number_format))

    def wide(self, col: int, text: str, style: Style = Style.text) -> None:
        """Place a cell from `col` to the last column of the current row."""
        self.put(col, text, colspan=self.n_cols - col, style=style)

    def next_row(self, count: int = 1) -> None:
        """Move to the next row."""
        self.row += count

    def build(self) -> tuple[Cell, ...]:
        """Return the cells in reading order."""
        return tuple(sorted(self.cells, key=lambda cell: (cell.row, cell.col)))
