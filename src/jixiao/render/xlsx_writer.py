"""Write `FormLayout`s to an .xlsx workbook (openpyxl): values only, merges, borders, A4 print setup."""

from __future__ import annotations

import io
import math
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from jixiao.render.layout import Style
from jixiao.render.values import printable

if TYPE_CHECKING:
    from collections.abc import Sequence

    from openpyxl.worksheet.worksheet import Worksheet

    from jixiao.render.layout import Cell, FormLayout

THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONT_NAME = "宋体"
FONTS = {
    Style.form_title: Font(name=FONT_NAME, size=16, bold=True),
    Style.header: Font(name=FONT_NAME, size=10, bold=True),
    Style.label: Font(name=FONT_NAME, size=10, bold=True),
    Style.text: Font(name=FONT_NAME, size=10),
    Style.value: Font(name=FONT_NAME, size=10),
    Style.note: Font(name=FONT_NAME, size=9),
}
ALIGN = {
    Style.form_title: Alignment(horizontal="center", vertical="center", wrap_text=True),
    Style.header: Alignment(horizontal="center", vertical="center", wrap_text=True),
    Style.label: Alignment(horizontal="center", vertical="center", wrap_text=True),
    Style.text: Alignment(horizontal="left", vertical="center", wrap_text=True),
    Style.value: Alignment(horizontal="center", vertical="center", wrap_text=True),
    Style.note: Alignment(horizontal="left", vertical="top", wrap_text=True),
}
LINE_HEIGHT = 14.0  # points per printed line at 10 pt
CJK_WIDTH = 1.8  # character units a CJK character takes at 10 pt (measured on the LibreOffice print)
CJK_START = 0x2E80
A4 = 9  # openpyxl paperSize code for A4


def workbook_bytes(layouts: Sequence[FormLayout]) -> bytes:
    """Return an .xlsx with one sheet per layout."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for layout in layouts:
        write_sheet(workbook.create_sheet(layout.name[:31]), layout)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_sheet(sheet: Worksheet, layout: FormLayout) -> None:
    """Draw one layout on a sheet: lines above as merged rows, then the bordered grid."""
    offset = len(layout.lines)
    for index, line in enumerate(layout.lines, start=1):
        cell = sheet.cell(row=index, column=1, value=printable(line.text))
        cell.font, cell.alignment = FONTS[line.style], ALIGN[line.style]
        if layout.n_cols > 1:
            sheet.merge_cells(start_row=index, start_column=1, end_row=index, end_column=layout.n_cols)
        sheet.row_dimensions[index].height = 28 if line.style is Style.form_title else 18
    for cell in layout.cells:
        _write_cell(sheet, cell, offset)
    _borders(sheet, layout, offset)
    for col, width in enumerate(layout.widths, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    _row_heights(sheet, layout, offset)
    _print_setup(sheet, layout, offset)


def _write_cell(sheet: Worksheet, cell: Cell, offset: int) -> None:
    row, col = cell.row + 1 + offset, cell.col + 1
    target = sheet.cell(
        row=row, column=col, value=cell.number if cell.number is not None else cell.text or None
    )
    target.font, target.alignment = FONTS[cell.style], ALIGN[cell.style]
    if cell.number is not None:
        target.number_format = cell.number_format
    else:
        target.number_format = "@"
    if cell.rowspan > 1 or cell.colspan > 1:
        sheet.merge_cells(
            start_row=row, start_column=col, end_row=row + cell.rowspan - 1, end_column=col + cell.colspan - 1
        )


def _borders(sheet: Worksheet, layout: FormLayout, offset: int) -> None:
    """Thin borders on every grid position (blank and merged ones too), except under a title cell."""
    untouched = {
        (row, col)
        for cell in layout.cells
        if cell.style is Style.form_title
        for row in range(cell.row, cell.row + cell.rowspan)
        for col in range(cell.col, cell.col + cell.colspan)
    }
    for row in range(layout.n_rows):
        for col in range(layout.n_cols):
            if (row, col) not in untouched:
                sheet.cell(row=row + 1 + offset, column=col + 1).border = BORDER


def _row_heights(sheet: Worksheet, layout: FormLayout, offset: int) -> None:
    """Estimate row heights from the wrapped text (Excel does not auto-fit merged cells)."""
    lines_per_row: dict[int, int] = {}
    for cell in layout.cells:
        if cell.rowspan != 1:
            continue
        width = max(sum(layout.widths[cell.col : cell.col + cell.colspan]) - 1, 1)
        lines = sum(max(1, math.ceil(text_width(part) / width)) for part in cell.text.split("\n"))
        lines_per_row[cell.row] = max(lines_per_row.get(cell.row, 1), lines)
    for row, lines in lines_per_row.items():
        size = 24 if any(c.row == row and c.style is Style.form_title for c in layout.cells) else LINE_HEIGHT
        sheet.row_dimensions[row + 1 + offset].height = max(size, lines * LINE_HEIGHT + 4)


def text_width(text: str) -> float:
    """Width in Excel character units at 10 pt: a CJK character takes about 1.8, ASCII 1."""
    return sum(CJK_WIDTH if ord(char) >= CJK_START else 1.0 for char in text)


def _print_setup(sheet: Worksheet, layout: FormLayout, offset: int) -> None:
    sheet.page_setup.paperSize = A4
    sheet.page_setup.orientation = "landscape" if layout.landscape else "portrait"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    sheet.page_margins.left = sheet.page_margins.right = 0.5
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    if layout.header_rows is not None:
        first, last = (row + 1 + offset for row in layout.header_rows)
        sheet.print_title_rows = f"{first}:{last}"
