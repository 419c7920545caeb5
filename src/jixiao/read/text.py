"""Read text dumps of Word documents (`../shared/seeds/*.txt`) into a neutral `Document`.

The dump format, as observed in the seeds (no written spec exists):

* a table cell is a line starting with a tab; the lines after it that do not start with a tab continue
  the cell (a multi-line cell may hold single blank lines: "投入", "", "（25", "", "分）");
* rows are separated by one blank line; the cells of a row are laid out left to right (column spans
  are lost, vertically merged continuation cells appear as empty cells);
* a table ends where two or more blank lines are followed by text, or where a form title
  ("…情况表", "…报告") is glued right after the last cell with no separator;
* any other line is a paragraph whose index is its 1-based line number.

Encodings: UTF-8 with or without BOM, then GB18030 (rules of thumb in research/stack.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.read.document import Block, Document, Paragraph, ReadError, Table

MAX_TEXT_BYTES = 20 * 1024 * 1024  # a dump of a 100-page report is < 1 MB
_TITLE = re.compile(r"^[\s\u3000]*\S.{3,58}(?:表|报告)[\s\u3000]*$")
_CELL = "\t"


def read_text(name: str, data: bytes) -> Document:
    """Read a text dump into paragraphs and tables; raise `ReadError` for binary or oversized input."""
    text = decode_text(name, data)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return Document(file=name, blocks=tuple(_Parser(lines).blocks()))


def decode_text(name: str, data: bytes) -> str:
    """Decode UTF-8 (BOM optional), else GB18030; refuse binary data."""
    if len(data) > MAX_TEXT_BYTES:
        raise ReadError(name, f"文本文件过大（{len(data)} 字节，上限 {MAX_TEXT_BYTES} 字节）")
    if b"\x00" in data[:8192]:
        raise ReadError(name, "不是文本文件（含二进制内容），请确认文件类型")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ReadError(name, "无法识别文本编码（既不是 UTF-8 也不是 GB18030）")


@dataclass(frozen=True, slots=True)
class _Split:
    """How the non-tab lines after a cell divide: continuation, then row end / table end."""

    continuation: int  # number of lines that continue the cell
    row_ends: bool  # a blank separator follows: the next cell starts a new row
    table_ends: bool  # the table stops after the continuation lines


class _Parser:
    """A single pass over the lines; tables are built cell by cell."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.table_count = 0

    def blocks(self) -> list[Block]:
        """Return paragraphs (non-blank lines) and tables in order."""
        out: list[Block] = []
        index = 0
        while index < len(self.lines):
            line = self.lines[index]
            if line.startswith(_CELL):
                table, index = self._table(index)
                out.append(table)
                continue
            if line.strip():
                out.append(Paragraph(index=index + 1, text=line))
            index += 1
        return out

    def _table(self, start: int) -> tuple[Table, int]:
        rows: list[tuple[str, ...]] = []
        row_lines: list[int] = []
        cells: list[str] = []
        index = start
        while True:
            if not cells:
                row_lines.append(index + 1)
            following = self._following(index + 1)
            split = _split(following, has_next_cell=index + 1 + len(following) < len(self.lines))
            cell_lines = [self.lines[index][len(_CELL) :], *following[: split.continuation]]
            cells.append("\n".join(cell_lines).rstrip("\n"))
            if split.table_ends or split.row_ends:
                rows.append(tuple(cells))
                cells = []
            if split.table_ends:
                index = index + 1 + split.continuation
                break
            index = index + 1 + len(following)
        self.table_count += 1
        table = Table(
            index=self.table_count, grid=tuple(rows), first_line=start + 1, row_lines=tuple(row_lines)
        )
        return table, index

    def _following(self, index: int) -> list[str]:
        """Return the non-tab lines from `index` up to the next cell (or the end)."""
        end = index
        while end < len(self.lines) and not self.lines[end].startswith(_CELL):
            end += 1
        return self.lines[index:end]


def _split(following: list[str], *, has_next_cell: bool) -> _Split:
    """Decide which of the lines after a cell continue it, and whether the row or table ends."""
    gap = _paragraph_gap(following)
    if gap is not None:
        return _Split(continuation=gap, row_ends=True, table_ends=True)
    if not has_next_cell:
        return _Split(continuation=_strip_blank_tail(following), row_ends=True, table_ends=True)
    if not following or following[-1].strip():
        return _Split(continuation=len(following), row_ends=False, table_ends=False)
    body = _strip_blank_tail(following)
    if body and _TITLE.match(following[body - 1]):
        # A form title glued to the last cell (ziyang-2022-a01: "\t　98" then " 2022年度…情况表").
        return _Split(continuation=body - 1, row_ends=True, table_ends=True)
    return _Split(continuation=body, row_ends=True, table_ends=False)


def _paragraph_gap(following: list[str]) -> int | None:
    """Return where two or more blank lines are followed by text (the table is over), else None."""
    blanks = 0
    for position, line in enumerate(following):
        if not line.strip():
            blanks += 1
            continue
        if blanks >= 2:  # one blank separates rows; two end the table
            return position - blanks
        blanks = 0
    return None


def _strip_blank_tail(lines: list[str]) -> int:
    """Return the number of lines left once trailing blank lines are dropped."""
    count = len(lines)
    while count and not lines[count - 1].strip():
        count -= 1
    return count
