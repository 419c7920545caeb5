"""The .docx body scan in pure Python: the fallback where `jixiao.read._docx_scan` is not compiled.

`scan` reads top-level paragraphs and tables in ONE C-level `iter` over the body (see `_Scanner`);
the compiled module runs the same state machine over libxml2's nodes directly, node for node, and
both must give identical blocks (tests/read/test_docx_scanners.py). Which one `read_docx` uses:
`jixiao.read.docx.SCANNER`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.read.document import Paragraph
from jixiao.read.docx_tree import (
    BR,
    CHAR,
    CR,
    DEL,
    FALLBACK,
    GRID_BEFORE,
    GRID_COL,
    GRID_SPAN,
    INS,
    MOVE_FROM,
    MOVE_TO,
    P_STYLE,
    SYM,
    SYMBOLS,
    TAB,
    TABS,
    TBL,
    TBL_GRID,
    TC,
    TR,
    V_MERGE,
    VAL,
    GridBuilder,
    NeedsPreparation,
    P,
    T,
    add_cell,
    int_value,
    top_level,
)

if TYPE_CHECKING:
    from lxml import etree

    from jixiao.read.document import Block


def scan(
    body: etree._Element, nested: dict[etree._Element, list[etree._Element]], *, first_pass: bool = False
) -> list[Block]:
    """Return the blocks of `body` (`w:body`) in body order, nested tables after their parent.

    `first_pass`: the body is unprepared; raise `NeedsPreparation` at anything `prepare` handles
    (tracked changes, a drawing's fallback, a table that is not a top-level block). `nested`: the
    tables `prepare` detached, keyed by the table that held them.
    """
    scanner = _Scanner(nested, first_pass=first_pass)
    scanner.run(body, top_level(body))
    return scanner.blocks


_SCAN_TAGS = (TBL, TR, TC, GRID_BEFORE, GRID_SPAN, V_MERGE, P, P_STYLE, T, TAB, BR, CR, SYM)
# What `prepare` acts on. The first pass also looks for these (the C-level tag filter makes that almost
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
        """`first_pass`: the body is unprepared; raise `NeedsPreparation` at anything `prepare` handles.

        A table that is not a top-level block is one of those too: `prepare` detaches nested tables.
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
        builder: GridBuilder | None = None  # set while reading a table
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
                builder = GridBuilder() if tag == TBL else None
                row, parts, style, in_cell, first_paragraph = None, [], None, False, True
                span, vertical = 1, None
            elif builder is None:
                if tag in stop_tags:  # a table here is never a top-level one: that one is `upcoming`
                    raise NeedsPreparation
                style = _paragraph_node(node, tag, current, parts, style)
            elif tag == p_tag:
                if first_paragraph:
                    first_paragraph = False
                else:
                    parts.append("\n")
            elif tag == tc_tag or tag == tr_tag:  # noqa: PLR1714, SIM109 (faster than a tuple per node)
                if in_cell:  # place the cell just read (`add_cell`, inlined: it runs once per cell)
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
                    raise NeedsPreparation
                span, vertical = _other_table_node(node, builder, parts, span, vertical)
        if current is not None:
            self._finish(current, builder, parts, style, (in_cell, span, vertical))

    def _finish(
        self,
        element: etree._Element,
        builder: GridBuilder | None,
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
            add_cell(builder, parts, span, vertical)
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


def _other_table_node(
    node: etree._Element,
    builder: GridBuilder,
    parts: list[str],
    span: int,
    vertical: str | None,
) -> tuple[int, str | None]:
    """Handle the rare table nodes: spans, vMerge, gridBefore, tabs, breaks and symbols."""
    tag = node.tag
    if tag == GRID_SPAN:
        return max(int_value(node, 1), 1), vertical
    if tag == V_MERGE:
        return span, node.get(VAL) or "continue"
    if tag == GRID_BEFORE:
        if builder.row is not None:
            builder.row.extend([None] * int_value(node, 0))
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
        return SYMBOLS.get((node.get(CHAR) or "").upper(), "")
    return "\n"
