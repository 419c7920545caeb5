"""Write `FormLayout`s to .docx: python-docx for the package, lxml for fast tables.

Tables are built as WordprocessingML directly (python-docx `table.cell()` is O(n²), stack.md §4):
horizontal merges are `w:gridSpan`, vertical merges `w:vMerge`. Page A4, fonts 宋体 for tables and
方正小标宋简体 for titles, each with its East Asian font set so Word and LibreOffice pick it for Chinese.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.shared import Cm, Pt
from lxml import etree

from jixiao.render.layout import Style
from jixiao.render.values import printable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from docx.document import Document as DocumentType

    from jixiao.render.layout import Cell, FormLayout, Line

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A4_WIDTH_CM, A4_HEIGHT_CM = 21.0, 29.7
MARGIN_CM = 1.8
TWIPS_PER_CM = 567
TABLE_FONT = "宋体"
TITLE_FONT = "方正小标宋简体"
# (font, size in points, bold, alignment) per cell or line style.
STYLES: dict[Style, tuple[str, float, bool, str]] = {
    Style.form_title: (TITLE_FONT, 16, False, "center"),
    Style.header: (TABLE_FONT, 9, True, "center"),
    Style.label: (TABLE_FONT, 9, True, "center"),
    Style.text: (TABLE_FONT, 9, False, "left"),
    Style.value: (TABLE_FONT, 9, False, "center"),
    Style.note: (TABLE_FONT, 8, False, "left"),
}
LINE_STYLES: dict[Style, tuple[str, float, bool, str]] = {
    **STYLES,
    Style.form_title: (TITLE_FONT, 18, False, "center"),
    Style.header: ("仿宋_GB2312", 14, False, "center"),
    Style.text: ("仿宋_GB2312", 12, False, "left"),
}


def w(tag: str) -> str:
    """Qualified WordprocessingML tag name."""
    return f"{{{W_NS}}}{tag}"


def new_document(*, landscape: bool = False, body_font: str = TABLE_FONT, size: float = 10.5) -> DocumentType:
    """An empty A4 document whose Normal style uses `body_font` for Latin and East Asian text."""
    document = Document()
    section = document.sections[0]
    width, height = (A4_HEIGHT_CM, A4_WIDTH_CM) if landscape else (A4_WIDTH_CM, A4_HEIGHT_CM)
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Cm(width), Cm(height)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(MARGIN_CM))
    normal = document.styles["Normal"]
    normal.font.name = body_font
    normal.font.size = Pt(size)
    set_east_asian_font(normal.element.get_or_add_rPr(), body_font)
    return document


def set_east_asian_font(rpr: etree._Element, font: str) -> None:
    """Set all four font slots of a run-properties element (ascii, hAnsi, eastAsia, cs)."""
    fonts = rpr.find(w("rFonts"))
    if fonts is None:
        fonts = etree.SubElement(rpr, w("rFonts"))
        rpr.insert(0, fonts)
    for slot in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(w(slot), font)


def usable_width_twips(landscape: bool) -> int:  # noqa: FBT001
    """Width between the margins, in twips."""
    page = A4_HEIGHT_CM if landscape else A4_WIDTH_CM
    return int((page - 2 * MARGIN_CM) * TWIPS_PER_CM)


def form_docx(layouts: Sequence[FormLayout]) -> bytes:
    """A document with each layout on its own page(s): lines above, then the table."""
    document = new_document(landscape=any(layout.landscape for layout in layouts))
    body = document.element.body
    first = True
    for layout in layouts:
        if not first:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        first = False
        for line in layout.lines:
            body.insert(len(body) - 1, paragraph(line.text, LINE_STYLES[line.style]))
        body.insert(len(body) - 1, table(layout))
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_line(document: DocumentType, line: Line) -> None:
    """Append one styled line as a paragraph."""
    body = document.element.body
    body.insert(len(body) - 1, paragraph(line.text, LINE_STYLES[line.style]))


def paragraph(
    text: str, style: tuple[str, float, bool, str], *, keep_spacing: bool = False
) -> etree._Element:
    """A `w:p` with one run; line breaks in `text` become `w:br`."""
    font, size, bold, align = style
    p = etree.Element(w("p"))
    ppr = etree.SubElement(p, w("pPr"))
    if not keep_spacing:
        etree.SubElement(ppr, w("spacing"), {w("before"): "0", w("after"): "0"})
    etree.SubElement(ppr, w("jc"), {w("val"): align})
    run = etree.SubElement(p, w("r"))
    rpr = etree.SubElement(run, w("rPr"))
    etree.SubElement(rpr, w("rFonts"), {w(s): font for s in ("ascii", "hAnsi", "eastAsia", "cs")})
    if bold:
        etree.SubElement(rpr, w("b"))
    half_points = str(int(size * 2))
    etree.SubElement(rpr, w("sz"), {w("val"): half_points})
    etree.SubElement(rpr, w("szCs"), {w("val"): half_points})
    for index, part in enumerate(text.split("\n")):
        if index:
            etree.SubElement(run, w("br"))
        node = etree.SubElement(run, w("t"))
        node.text = printable(part)
        node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    return p


def table(layout: FormLayout, width_twips: int | None = None) -> etree._Element:
    """A bordered, fixed-layout `w:tbl` for the layout's grid."""
    total = width_twips or usable_width_twips(layout.landscape)
    scale = total / sum(layout.widths)
    widths = [int(width * scale) for width in layout.widths]
    tbl = etree.Element(w("tbl"))
    _table_properties(tbl, sum(widths))
    grid = etree.SubElement(tbl, w("tblGrid"))
    for width in widths:
        etree.SubElement(grid, w("gridCol"), {w("w"): str(width)})
    anchors = {(anchor.row, anchor.col): anchor for anchor in layout.cells}
    covered: dict[tuple[int, int], Cell] = {}
    for anchor in layout.cells:
        for r in range(anchor.row + 1, anchor.row + anchor.rowspan):
            covered[(r, anchor.col)] = anchor
    # Word repeats only rows at the top of a table; a title row is not repeated on later pages.
    titled = any(cell.row == 0 and cell.style is Style.form_title for cell in layout.cells)
    header = layout.header_rows if layout.header_rows and layout.header_rows[0] == 0 and not titled else None
    for row in range(layout.n_rows):
        tr = etree.SubElement(tbl, w("tr"))
        trpr = etree.SubElement(tr, w("trPr"))
        etree.SubElement(trpr, w("cantSplit"))
        if header is not None and row <= header[1]:
            etree.SubElement(trpr, w("tblHeader"))
        col = 0
        while col < layout.n_cols:
            cell: Cell | None = anchors.get((row, col)) or covered.get((row, col))
            span = cell.colspan if cell is not None else 1
            tr.append(_tc(cell, sum(widths[col : col + span]), continued=(row, col) in covered))
            col += span
    return tbl


def _table_properties(tbl: etree._Element, width: int) -> None:
    tblpr = etree.SubElement(tbl, w("tblPr"))
    etree.SubElement(tblpr, w("tblW"), {w("w"): str(width), w("type"): "dxa"})
    etree.SubElement(tblpr, w("jc"), {w("val"): "center"})
    borders = etree.SubElement(tblpr, w("tblBorders"))
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        etree.SubElement(
            borders, w(side), {w("val"): "single", w("sz"): "4", w("space"): "0", w("color"): "000000"}
        )
    etree.SubElement(tblpr, w("tblLayout"), {w("type"): "fixed"})
    margins = etree.SubElement(tblpr, w("tblCellMar"))
    for side in ("left", "right"):
        etree.SubElement(margins, w(side), {w("w"): "57", w("type"): "dxa"})


def _tc(cell: Cell | None, width: int, *, continued: bool) -> etree._Element:
    tc = etree.Element(w("tc"))
    tcpr = etree.SubElement(tc, w("tcPr"))
    etree.SubElement(tcpr, w("tcW"), {w("w"): str(width), w("type"): "dxa"})
    if cell is not None and cell.colspan > 1:
        etree.SubElement(tcpr, w("gridSpan"), {w("val"): str(cell.colspan)})
    if continued:
        etree.SubElement(tcpr, w("vMerge"))
    elif cell is not None and cell.rowspan > 1:
        etree.SubElement(tcpr, w("vMerge"), {w("val"): "restart"})
    if cell is not None and cell.style is Style.form_title:
        borders = etree.SubElement(tcpr, w("tcBorders"))
        for side in ("top", "left", "right"):
            etree.SubElement(borders, w(side), {w("val"): "nil"})
    etree.SubElement(tcpr, w("vAlign"), {w("val"): "center"})
    text = "" if cell is None or continued else cell.text
    tc.append(paragraph(text, STYLES[cell.style if cell is not None else Style.value]))
    return tc
