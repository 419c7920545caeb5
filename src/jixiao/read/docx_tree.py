"""Tree helpers of the .docx reader: WordprocessingML tag names, the preparation walk, the grid builder.

`prepare` is the walk the reader runs only when its first scan meets tracked changes, a drawing's
fallback or a nested table (the scan then raises `NeedsPreparation`; see `jixiao.read.docx`);
`GridBuilder` places cells on a table's grid for the pure-Python scanner (the compiled one has its own).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.read.document import Merge, Table

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml import etree

W_NAMESPACE = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W_NAMESPACE.decode() + "}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
BODY, P, T, TAB, BR, CR, SYM = (_W + t for t in ("body", "p", "t", "tab", "br", "cr", "sym"))
TBL, TR, TC, TBL_GRID, GRID_COL = (_W + t for t in ("tbl", "tr", "tc", "tblGrid", "gridCol"))
TR_PR, TC_PR, GRID_SPAN, V_MERGE = (_W + t for t in ("trPr", "tcPr", "gridSpan", "vMerge"))
GRID_BEFORE, VAL, TABS = (_W + t for t in ("gridBefore", "val", "tabs"))
SDT, SDT_CONTENT, CUSTOM_XML = (_W + t for t in ("sdt", "sdtContent", "customXml"))
INS, DEL, MOVE_TO, MOVE_FROM, R_PR = (_W + t for t in ("ins", "del", "moveTo", "moveFrom", "rPr"))
P_STYLE, CHAR = (_W + t for t in ("pStyle", "char"))
FALLBACK = _MC + "Fallback"  # VML copy of a drawing whose text the mc:Choice already holds


# Word allows 63 columns; a larger span is forged and would inflate the grid.
MAX_SPAN = 256
# Wingdings/Symbol private-use code points people use for ticks and boxes in 是/否 cells.
SYMBOLS = {"F0FC": "√", "F0FE": "√", "F0FB": "×", "F0FD": "×", "F0A8": "□", "F06F": "□", "F0D6": "√"}


class NeedsPreparation(Exception):  # noqa: N818 (a signal, not an error)
    """Raised by a first-pass scan that met something `prepare` must handle first."""


def prepare(body: etree._Element) -> tuple[dict[etree._Element, list[etree._Element]], bool]:
    """Drop deleted text and duplicate drawing fallbacks, then detach nested tables.

    Returns the nested tables keyed by the table that directly holds them, and whether the document
    had tracked changes. One C-level `iter` finds everything, so clean documents cost almost nothing.
    """
    drop: list[etree._Element] = []
    tables: list[etree._Element] = []
    revised = False
    for element in body.iter(TBL, DEL, MOVE_FROM, INS, MOVE_TO, FALLBACK):
        tag = element.tag
        if tag == TBL:
            tables.append(element)
        elif tag == FALLBACK:
            drop.append(element)
        else:
            revised = True
            if tag in (DEL, MOVE_FROM):
                drop.extend(deleted_target(element))
    for element in drop:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return detach_nested(tables), revised


def deleted_target(mark: etree._Element) -> list[etree._Element]:
    """Return what a w:del/w:moveFrom mark removes: its runs, or the whole row for a deleted row.

    A w:del in a run's properties marks a deleted paragraph mark; the text stays, so nothing is dropped.
    """
    parent = mark.getparent()
    if parent is None or parent.tag == R_PR:
        return []
    if parent.tag == TR_PR:
        row = parent.getparent()
        return [row] if row is not None else []
    return [mark]


def detach_nested(tables: list[etree._Element]) -> dict[etree._Element, list[etree._Element]]:
    """Detach every table that sits in a table cell; return them keyed by their parent table."""
    nested: dict[etree._Element, list[etree._Element]] = {}
    for table in tables:
        if next(table.iterancestors(TC), None) is None or next(table.iterancestors(BODY), None) is None:
            continue  # top-level, or inside a dropped element
        nested.setdefault(next(table.iterancestors(TBL)), []).append(table)
    for children in nested.values():
        for table in children:
            parent = table.getparent()
            if parent is not None:
                parent.remove(table)
    return nested


def top_level(body: etree._Element) -> list[etree._Element]:
    """Return the body's paragraphs and tables, looking through content controls and custom XML."""
    if next(body.iterchildren(SDT, CUSTOM_XML), None) is None:
        return list(body.iterchildren(P, TBL))  # the usual case, without a generator per child
    return list(children(body, P, TBL))


def children(parent: etree._Element, *tags: str) -> Iterator[etree._Element]:
    """Yield direct children with one of `tags`, looking through content controls and custom XML."""
    for child in parent.iterchildren(*tags, SDT, CUSTOM_XML):
        tag = child.tag
        if tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from children(content, *tags)
        elif tag == CUSTOM_XML:
            yield from children(child, *tags)
        else:
            yield child


def int_value(element: etree._Element, default: int) -> int:
    """Return the w:val of a count element, bounded to [0, MAX_SPAN]; `default` when bad."""
    try:
        return min(max(int(element.get(VAL) or default), 0), MAX_SPAN)
    except ValueError:
        return default


class GridBuilder:
    """Place cells on the grid as they are scanned, tracking running vertical merges."""

    __slots__ = ("grid", "merges", "open_vertical", "row", "still_open")

    def __init__(self) -> None:
        """Start an empty grid; no row is open until the first `start_row`."""
        self.grid: list[list[str | None]] = []
        self.merges: list[list[int]] = []
        self.open_vertical: dict[int, int] = {}  # grid column -> index in merges of a running vMerge
        self.still_open: dict[int, int] = {}
        self.row: list[str | None] | None = None

    def start_row(self) -> None:
        """Begin a new row; vertical merges not continued in the previous row are closed."""
        if self.row is not None:
            self.grid.append(self.row)
            self.open_vertical = self.still_open
        self.row = []
        self.still_open = {}

    def add_cell(self, text: str, span: int, vertical: str | None) -> None:
        """Place one cell of `span` grid columns; `vertical` is the vMerge value or None."""
        row = self.row if self.row is not None else []
        column = len(row)
        row_number = len(self.grid)
        if vertical == "continue" and column in self.open_vertical:
            self.merges[self.open_vertical[column]][2] = row_number
            self.still_open[column] = self.open_vertical[column]
            row.extend([None] * span)
            return
        row.append(text)
        if span > 1:
            row.extend([None] * (span - 1))
        if vertical == "restart" or span > 1:
            self.merges.append([row_number, column, row_number, column + span - 1])
            if vertical == "restart":
                self.still_open[column] = len(self.merges) - 1

    def build(self, index: int, width: int) -> Table:
        """Return the table, every row padded with None to the widest of `width` and the rows."""
        self.start_row()
        grid = self.grid
        width = max(width, max(map(len, grid), default=0))
        merges = self.merges
        return Table(
            index=index,
            grid=tuple(
                tuple(row) if len(row) == width else tuple(row + [None] * (width - len(row))) for row in grid
            ),
            merges=tuple(Merge(*m) for m in merges if m[0] != m[2] or m[1] != m[3]),
        )


def add_cell(builder: GridBuilder, parts: list[str], span: int, vertical: str | None) -> None:
    """Place a cell; the common case (one run, no span, no vMerge) appends directly to the row."""
    text = (parts[0] if len(parts) == 1 else "".join(parts)).rstrip("\n")
    if span == 1 and vertical is None and builder.row is not None:
        builder.row.append(text)
    else:
        builder.add_cell(text, span, vertical)
