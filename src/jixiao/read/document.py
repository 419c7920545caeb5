"""The neutral Document every reader produces: paragraphs and tables in body order.

Tables keep an explicit grid: `grid[r][c]` is the text of the cell anchored at (r, c), or None where a
merged cell covers that position; `merges` lists each merged range. Positions here are 0-based; the
1-based positions users see are made by `Location`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from jixiao.model.location import Location


@dataclass(frozen=True, slots=True)
class Merge:
    """A merged range, inclusive, 0-based."""

    first_row: int
    first_col: int
    last_row: int
    last_col: int

    def covers(self, row: int, col: int) -> bool:
        """True when (row, col) lies inside the range."""
        return self.first_row <= row <= self.last_row and self.first_col <= col <= self.last_col


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph (docx) or line (txt); `index` is 1-based in the file's own numbering."""

    index: int
    text: str
    style: str = ""  # e.g. Heading1, Title, when the source says so


@dataclass(frozen=True, slots=True)
class Table:
    """A table (docx, txt) or sheet (xlsx/xls/et); `index` is 1-based in body order."""

    index: int
    grid: tuple[tuple[str | None, ...], ...]
    merges: tuple[Merge, ...] = ()
    sheet: str | None = None  # sheet name for spreadsheets
    first_line: int | None = None  # for .txt: the line where the table starts
    row_lines: tuple[int, ...] = ()  # for .txt: the first line of each row

    @property
    def n_rows(self) -> int:
        """Number of grid rows."""
        return len(self.grid)

    @property
    def n_cols(self) -> int:
        """Number of grid columns (the widest row)."""
        return max((len(row) for row in self.grid), default=0)

    def anchor(self, row: int, col: int) -> tuple[int, int]:
        """Return the top-left position of the merged range covering (row, col), or (row, col)."""
        for merge in self.merges:
            if merge.covers(row, col):
                return merge.first_row, merge.first_col
        return row, col

    def text(self, row: int, col: int) -> str:
        """Return the text shown at (row, col), following merges; "" outside the grid."""
        anchor_row, anchor_col = self.anchor(row, col)
        if anchor_row >= len(self.grid) or anchor_col >= len(self.grid[anchor_row]):
            return ""
        return self.grid[anchor_row][anchor_col] or ""

    def row_texts(self, row: int) -> list[str]:
        """Return the distinct anchored texts of a row, left to right (covered positions skipped)."""
        if row >= len(self.grid):
            return []
        return [cell for cell in self.grid[row] if cell is not None]


Block = Paragraph | Table


@dataclass(frozen=True, slots=True)
class Document:
    """A file read into paragraphs and tables, in body order."""

    file: str  # the file name shown in locations (no directories)
    blocks: tuple[Block, ...] = ()
    warnings: tuple[str, ...] = field(default=())  # reader notes (tracked changes accepted, …)

    @property
    def tables(self) -> list[Table]:
        """The tables, in order."""
        return [block for block in self.blocks if isinstance(block, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        """The paragraphs, in order."""
        return [block for block in self.blocks if isinstance(block, Paragraph)]

    def cell_location(self, table: Table, row: int, col: int, label: str | None = None) -> Location:
        """Return the 1-based location of a cell; for .txt tables `paragraph` is the row's first line."""
        line = table.row_lines[row] if row < len(table.row_lines) else None
        return Location(
            file=self.file,
            sheet=table.sheet,
            table=None if table.sheet else table.index,
            row=row + 1,
            col=col + 1,
            paragraph=line,
            label=label,
            quote=table.text(row, col) or None,
        )

    def paragraph_location(self, paragraph: Paragraph) -> Location:
        """Return the location of a paragraph (its 1-based index or line)."""
        return Location(file=self.file, paragraph=paragraph.index, quote=paragraph.text.strip() or None)


class ReadError(Exception):
    """A file could not be read; the message is Chinese and names the file and the problem."""

    def __init__(self, file: str, message: str) -> None:
        """Keep the file name apart so callers can list it."""
        super().__init__(f"{file}: {message}")
        self.file = file
        self.message = message
