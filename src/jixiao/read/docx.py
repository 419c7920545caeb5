r"""Read a .docx into a `Document` with lxml directly on the main document part (stack.md §1).

Body paragraphs and tables come out in body order. Choices, each for a trap in real files:

- Tables keep an explicit grid: `w:gridSpan` and `w:vMerge` (restart/continue; a bare `w:vMerge` means
  continue) become `Merge` ranges with None in covered positions; `w:gridBefore`/`w:gridAfter` and
  ragged rows leave None where no cell exists, and every row is padded to the table's width.
- A nested table becomes its own `Table`, right after its parent (depth first); its text is not
  repeated in the parent cell, so each text appears exactly once.
- Content controls (`w:sdt`) and custom XML wrappers are transparent: their text is read.
- Tracked changes are read as accepted: `w:ins`/`w:moveTo` kept, `w:del`/`w:moveFrom` and deleted
  rows dropped; the document then carries a warning.
- `w:br`/`w:cr` become "\n", `w:tab` "\t" (tab stops in `w:tabs` are not text), a Wingdings tick
  symbol "√". Paragraphs inside a cell are joined by "\n".
- Only top-level body paragraphs are `Paragraph`s, numbered 1-based over all of them (empty ones
  count but are not emitted); text in table cells belongs to the table.

The module is a little over 300 lines: the single-scan reader and the grid builder it feeds are one
unit, kept together because splitting the scan costs speed (see bench/README.md).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.read.document import Block, Document, Merge, Paragraph, ReadError, Table
from jixiao.read.limits import DEFAULT_LIMITS, Limits, open_zip, parse_xml, read_member

if TYPE_CHECKING:
    import zipfile
    from collections.abc import Iterator

    from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
BODY, P, T, TAB, BR, CR, SYM = (_W + t for t in ("body", "p", "t", "tab", "br", "cr", "sym"))
TBL, TR, TC, TBL_GRID, GRID_COL = (_W + t for t in ("tbl", "tr", "tc", "tblGrid", "gridCol"))
TR_PR, TC_PR, GRID_SPAN, V_MERGE = (_W + t for t in ("trPr", "tcPr", "gridSpan", "vMerge"))
GRID_BEFORE, VAL, TABS = (_W + t for t in ("gridBefore", "val", "tabs"))
SDT, SDT_CONTENT, CUSTOM_XML = (_W + t for t in ("sdt", "sdtContent", "customXml"))
INS, DEL, MOVE_TO, MOVE_FROM, R_PR = (_W + t for t in ("ins", "del", "moveTo", "moveFrom", "rPr"))
P_STYLE, CHAR = (_W + t for t in ("pStyle", "char"))
FALLBACK = _MC + "Fallback"  # VML copy of a drawing whose text the mc:Choice already holds

MAIN_PART = "word/document.xml"
STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
# Word allows 63 columns; a larger span is forged and would inflate the grid.
_MAX_SPAN = 256
# Wingdings/Symbol private-use code points people use for ticks and boxes in 是/否 cells.
_SYMBOLS = {"F0FC": "√", "F0FE": "√", "F0FB": "×", "F0FD": "×", "F0A8": "□", "F06F": "□", "F0D6": "√"}
MSG_REVISIONS = "文档含有修订痕迹，已按接受全部修订后的文字读取"


def read_docx(
    name: str, data: bytes, *, limits: Limits | None = None, archive: zipfile.ZipFile | None = None
) -> Document:
    """Read a .docx file's body into paragraphs and tables.

    `archive`: `data` already opened with `open_zip` (the dispatcher opens it once to sniff it).
    """
    limits = limits or DEFAULT_LIMITS
    archive = archive or open_zip(name, data, limits)
    xml = read_member(name, archive, _main_part(archive), limits, data=data)
    if STRICT_W in xml:  # "Strict Open XML" files name the same vocabulary differently
        xml = xml.replace(STRICT_W, _W[1:-1].encode())
    root = parse_xml(name, xml)
    body = next(root.iterchildren(BODY), None)
    if body is None:
        raise ReadError(name, "文件中没有找到Word正文")
    scanner, revised = _Scanner({}, first_pass=True), False
    try:
        scanner.run(body, _top_level(body))
    except _NeedsPreparation:  # tracked changes, a drawing's fallback or a nested table: prepare, rescan
        nested, revised = _prepare(body)
        scanner = _Scanner(nested)
        scanner.run(body, _top_level(body))
    return Document(file=name, blocks=tuple(scanner.blocks), warnings=(MSG_REVISIONS,) if revised else ())


class _NeedsPreparation(Exception):  # noqa: N818 (a signal, not an error)
    """Raised by a first-pass scan that met something `_prepare` must handle first."""


def _main_part(archive: zipfile.ZipFile) -> str:
    """Return the main document part: word/document.xml, else another word/document*.xml."""
    names = set(archive.namelist())
    if MAIN_PART in names:
        return MAIN_PART
    for name in names:
        if name.startswith("word/document") and name.endswith(".xml"):
            return name
    return MAIN_PART


def _prepare(body: etree._Element) -> tuple[dict[etree._Element, list[etree._Element]], bool]:
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
                drop.extend(_deleted_target(element))
    for element in drop:
        parent = element.getparent()
        if parent is not None:
            parent.remove(element)
    return _detach_nested(tables), revised


def _deleted_target(mark: etree._Element) -> list[etree._Element]:
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


def _detach_nested(tables: list[etree._Element]) -> dict[etree._Element, list[etree._Element]]:
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


def _top_level(body: etree._Element) -> list[etree._Element]:
    """Return the body's paragraphs and tables, looking through content controls and custom XML."""
    if next(body.iterchildren(SDT, CUSTOM_XML), None) is None:
        return list(body.iterchildren(P, TBL))  # the usual case, without a generator per child
    return list(_children(body, P, TBL))


def _children(parent: etree._Element, *tags: str) -> Iterator[etree._Element]:
    """Yield direct children with one of `tags`, looking through content controls and custom XML."""
    for child in parent.iterchildren(*tags, SDT, CUSTOM_XML):
        tag = child.tag
        if tag == SDT:
            content = child.find(SDT_CONTENT)
            if content is not None:
                yield from _children(content, *tags)
        elif tag == CUSTOM_XML:
            yield from _children(child, *tags)
        else:
            yield child


def _int_value(element: etree._Element, default: int) -> int:
    """Return the w:val of a count element, bounded to [0, _MAX_SPAN]; `default` when bad."""
    try:
        return min(max(int(element.get(VAL) or default), 0), _MAX_SPAN)
    except ValueError:
        return default


class _GridBuilder:
    """Place cells on the grid as they are scanned, tracking running vertical merges."""

    __slots__ = ("grid", "merges", "open_vertical", "row", "still_open")

    def __init__(self) -> None:
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


_SCAN_TAGS = (TBL, TR, TC, GRID_BEFORE, GRID_SPAN, V_MERGE, P, P_STYLE, T, TAB, BR, CR, SYM)
# What `_prepare` acts on. The first pass also looks for these (the C-level tag filter makes that almost
# free when they are absent) and stops at the first one: most documents never need the preparation walk.
_PREPARE_TAGS = frozenset((DEL, MOVE_FROM, INS, MOVE_TO, FALLBACK))
_FIRST_PASS_TAGS = (*_SCAN_TAGS, *_PREPARE_TAGS)
_SPECIAL_TAGS = frozenset((TAB, BR, CR, SYM))


class _Scanner:
    """Read top-level paragraphs and tables in ONE C-level `iter` over the body.

    Building a multi-tag iterator costs more than reading a short paragraph, and `find` or per-cell
    iterators cost several times more than a node of a shared scan; one flat state machine over a
    single scan is what keeps the reader close to the cost of the bare parse. Top-level blocks are
    recognized by identity (the `top_level` list keeps their lxml proxies alive, so `is` holds).
    """

    __slots__ = ("blocks", "nested", "paragraph_count", "stop_tags", "table_count", "tags")

    def __init__(
        self, nested: dict[etree._Element, list[etree._Element]], *, first_pass: bool = False
    ) -> None:
        """`first_pass`: the body is unprepared; raise `_NeedsPreparation` at anything `_prepare` handles.

        A table that is not a top-level block is one of those too: `_prepare` detaches nested tables.
        """
        self.blocks: list[Block] = []
        self.nested = nested
        self.paragraph_count = 0
        self.table_count = 0
        self.tags = _FIRST_PASS_TAGS if first_pass else _SCAN_TAGS
        self.stop_tags = _PREPARE_TAGS | {TBL} if first_pass else frozenset()

    def run(self, root: etree._Element, top_level: list[etree._Element]) -> None:  # noqa: C901, PLR0912, PLR0915
        """Scan `root`, emitting each element of `top_level` (paragraph or table) as a block."""
        upcoming_at, upcoming = 0, top_level[0] if top_level else None
        current: etree._Element | None = None
        builder: _GridBuilder | None = None  # set while reading a table
        row: list[str | None] | None = None  # the builder's current row
        parts: list[str] = []  # text of the current paragraph or cell
        style: str | None = None
        in_cell, span, vertical, first_paragraph = False, 1, None, True
        t_tag, p_tag, tc_tag, tr_tag, stop_tags = T, P, TC, TR, self.stop_tags
        for node in root.iter(*self.tags):
            tag = node.tag
            if tag == t_tag:  # the commonest node, and never a block
                text = node.text
                if text:
                    parts.append(text)
            elif node is upcoming:
                if current is not None:
                    self._finish(current, builder, parts, style, (in_cell, span, vertical))
                current, upcoming_at = node, upcoming_at + 1
                upcoming = top_level[upcoming_at] if upcoming_at < len(top_level) else None
                builder = _GridBuilder() if tag == TBL else None
                row, parts, style, in_cell, first_paragraph = None, [], None, False, True
                span, vertical = 1, None
            elif builder is None:
                if tag in stop_tags:  # a table here is never a top-level one: that one is `upcoming`
                    raise _NeedsPreparation
                style = _paragraph_node(node, tag, current, parts, style)
            elif tag == p_tag:
                if first_paragraph:
                    first_paragraph = False
                else:
                    parts.append("\n")
            elif tag == tc_tag or tag == tr_tag:  # noqa: PLR1714, SIM109 (faster than a tuple per node)
                if in_cell:  # place the cell just read (`_add_cell`, inlined: it runs once per cell)
                    text = "".join(parts).rstrip("\n")
                    if span == 1 and vertical is None and row is not None:
                        row.append(text)
                    else:
                        builder.add_cell(text, span, vertical)
                if tag == tr_tag:
                    builder.start_row()
                    row = builder.row
                    in_cell = False
                else:
                    in_cell = True
                parts = []
                first_paragraph = True
                if span != 1 or vertical is not None:
                    span, vertical = 1, None
            elif tag != P_STYLE:
                if tag in stop_tags:
                    raise _NeedsPreparation
                span, vertical = _other_table_node(node, builder, parts, span, vertical)
        if current is not None:
            self._finish(current, builder, parts, style, (in_cell, span, vertical))

    def _finish(
        self,
        element: etree._Element,
        builder: _GridBuilder | None,
        parts: list[str],
        style: str | None,
        cell: tuple[bool, int, str | None],
    ) -> None:
        """Emit the block just read; after a table, the tables nested in it (depth first)."""
        if builder is None:
            self.paragraph_count += 1
            text = "".join(parts).rstrip("\n")
            if text.strip():
                self.blocks.append(Paragraph(self.paragraph_count, text, style or ""))
            return
        in_cell, span, vertical = cell
        if in_cell:
            _add_cell(builder, parts, span, vertical)
        table_grid = next(element.iterchildren(TBL_GRID), None)
        width = 0 if table_grid is None else len(list(table_grid.iterchildren(GRID_COL)))
        self.table_count += 1
        self.blocks.append(builder.build(self.table_count, width))
        for child in self.nested.get(element, ()):
            self.run(child, [child])


def _paragraph_node(
    node: etree._Element,
    tag: str,
    paragraph: etree._Element | None,
    parts: list[str],
    style: str | None,
) -> str | None:
    """Handle a non-text node inside a body paragraph; return the paragraph's style so far."""
    if tag in _SPECIAL_TAGS:
        parts.append(_special_text(node))
    elif tag == P_STYLE and style is None:
        properties = node.getparent()  # w:pPr; the paragraphs of a text box have their own
        if properties is not None and properties.getparent() is paragraph:
            return node.get(VAL) or ""
    elif tag == P:  # a text box's paragraph: styles after this are not the paragraph's
        return "" if style is None else style
    return style


def _add_cell(builder: _GridBuilder, parts: list[str], span: int, vertical: str | None) -> None:
    """Place a cell; the common case (one run, no span, no vMerge) appends directly to the row."""
    text = (parts[0] if len(parts) == 1 else "".join(parts)).rstrip("\n")
    if span == 1 and vertical is None and builder.row is not None:
        builder.row.append(text)
    else:
        builder.add_cell(text, span, vertical)


def _other_table_node(
    node: etree._Element,
    builder: _GridBuilder,
    parts: list[str],
    span: int,
    vertical: str | None,
) -> tuple[int, str | None]:
    """Handle the rare table nodes: spans, vMerge, gridBefore, tabs, breaks and symbols."""
    tag = node.tag
    if tag == GRID_SPAN:
        return max(_int_value(node, 1), 1), vertical
    if tag == V_MERGE:
        return span, node.get(VAL) or "continue"
    if tag == GRID_BEFORE:
        if builder.row is not None:
            builder.row.extend([None] * _int_value(node, 0))
    else:
        parts.append(_special_text(node))
    return span, vertical


def _special_text(node: etree._Element) -> str:
    """Return the text of a w:tab, w:br, w:cr or w:sym node (a tab stop definition is not text)."""
    tag = node.tag
    if tag == TAB:
        parent = node.getparent()
        return "" if parent is not None and parent.tag == TABS else "\t"
    if tag == SYM:
        return _SYMBOLS.get((node.get(CHAR) or "").upper(), "")
    return "\n"
