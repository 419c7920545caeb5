"""Read .xlsx/.xlsm/.xls/.et workbooks with python-calamine: one `Table` per non-empty sheet.

Grids are absolute (row 0 / column 0 are the sheet's A1) so that locations match what people see in
Excel. Values are rendered as text the way a person reads them: integers without ".0", floats with at
most 15 significant digits (Excel's display precision, which also hides float noise such as
0.30000000000000004), dates as ISO. Formula cells with no cached value come back blank.

calamine keeps a sheet as a dense rectangle in memory, so a forged far-away cell (XFD1048576) would
allocate gigabytes before Python sees anything. For zip workbooks the sheet XML is therefore scanned
first, streamed with a byte cap, for the largest cell reference and the number of cells, and refused
above `Limits.max_sheet_cells`.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from decimal import Decimal
from typing import TYPE_CHECKING

import python_calamine

from jixiao.read.document import Document, Merge, ReadError, Table
from jixiao.read.limits import (
    DEFAULT_LIMITS,
    MSG_BOMB,
    MSG_CORRUPT,
    MSG_ENCRYPTED,
    Limits,
    check_file_size,
    iter_member,
    open_zip,
)

if TYPE_CHECKING:
    import zipfile

ZIP_MAGIC = b"PK\x03\x04"
_CELL_COLUMN = re.compile(rb"<c\b[^>]*?\br=\"([A-Z]{1,3})[0-9]")
_CELL_ROW = re.compile(rb"<(?:c\b[^>]*?\br=\"[A-Z]{1,3}|row\b[^>]*?\br=\")([0-9]{1,7})\"")
_CELL_OPEN = re.compile(rb"<c[ >/]")
_OVERLAP = 512  # bytes kept between chunks so that a tag split across two chunks is still seen


def read_sheet(name: str, data: bytes, *, limits: Limits | None = None) -> Document:
    """Read every non-empty sheet of a workbook into a `Table` with `sheet` set."""
    limits = limits or DEFAULT_LIMITS
    check_file_size(name, len(data), limits)
    if data.startswith(ZIP_MAGIC):
        _verify_and_scan(name, open_zip(name, data, limits), limits)
    try:
        workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as error:
        raise ReadError(name, MSG_ENCRYPTED) from error
    except Exception as error:  # calamine raises several unrelated types for damaged files
        raise ReadError(name, MSG_CORRUPT) from error
    tables: list[Table] = []
    for sheet_name in workbook.sheet_names:
        table = _read_one(name, workbook, sheet_name, len(tables) + 1, limits)
        if table is not None:
            tables.append(table)
    return Document(file=name, blocks=tuple(tables))


def _read_one(
    name: str,
    workbook: python_calamine.CalamineWorkbook,
    sheet_name: str,
    index: int,
    limits: Limits,
) -> Table | None:
    """Read one sheet, or None when it is empty (or a chart sheet)."""
    try:
        sheet = workbook.get_sheet_by_name(sheet_name)
    except python_calamine.PasswordError as error:
        raise ReadError(name, MSG_ENCRYPTED) from error
    except Exception:  # noqa: BLE001  (chart sheets and dialog sheets have no cells)
        return None
    if sheet.height == 0 or sheet.width == 0:
        return None
    end = sheet.end
    if end is None:
        return None
    last_row, last_col = end
    _check_cells(name, sheet_name, (last_row + 1) * (last_col + 1), last_row + 1, limits)
    rows = sheet.to_python(skip_empty_area=False)
    grid = [[format_value(value) for value in row] for row in rows]
    ranges = sorted(sheet.merged_cell_ranges or ())
    merges = tuple(Merge(r0, c0, r1, c1) for (r0, c0), (r1, c1) in ranges if (r0, c0) != (r1, c1))
    for merge in merges:
        for row in range(merge.first_row, min(merge.last_row + 1, len(grid))):
            cells = grid[row]
            for col in range(merge.first_col, min(merge.last_col + 1, len(cells))):
                if (row, col) != (merge.first_row, merge.first_col):
                    cells[col] = None
    return Table(index=index, grid=tuple(tuple(row) for row in grid), merges=merges, sheet=sheet_name)


def format_value(value: object) -> str | None:
    """Render a calamine cell value as the text a person sees in the spreadsheet."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return format_float(value)
    return _format_temporal(value)


def _format_temporal(value: object) -> str:
    """Render dates as ISO (a midnight datetime as a plain date), durations and the rest with str."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    return str(value)


def format_float(value: float) -> str:
    """Render a float with at most 15 significant digits, never in exponent form, without ".0"."""
    if value != value or value in (float("inf"), float("-inf")):  # noqa: PLR0124  (NaN test)
        return str(value)
    if value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    text = format(Decimal(f"{value:.15g}"), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _check_cells(name: str, sheet_name: str, cells: int, rows: int, limits: Limits) -> None:
    """Refuse a sheet whose used rectangle exceeds the cell or row limit."""
    if cells > limits.max_sheet_cells or rows > limits.max_sheet_rows:
        message = f"工作表「{sheet_name}」过大（约{cells}个单元格），超过上限{limits.max_sheet_cells}个"
        raise ReadError(name, message)


def _verify_and_scan(name: str, archive: zipfile.ZipFile, limits: Limits) -> None:
    """Decompress every member once with caps; scan each worksheet's extent on the way.

    calamine reads the zip itself, so this pass is what bounds it: real decompressed sizes (whatever the
    central directory claims) and each sheet's used rectangle, before calamine allocates anything.
    """
    total = 0
    for member in archive.namelist():
        is_sheet = member.startswith("xl/worksheets/") and member.endswith(".xml")
        max_row = max_col = count = 0
        tail = b""
        for chunk in iter_member(name, archive, member, limits):
            total += len(chunk)
            if total > limits.max_total_uncompressed_bytes:
                raise ReadError(name, MSG_BOMB)
            if not is_sheet:
                continue
            buffer = tail + chunk
            count += len(_CELL_OPEN.findall(chunk))
            max_row = max(max_row, max(map(int, _CELL_ROW.findall(buffer)), default=0))
            columns = set(_CELL_COLUMN.findall(buffer))
            if columns:
                max_col = max(max_col, _column_number(max(columns, key=lambda text: (len(text), text))))
            tail = buffer[-_OVERLAP:]
        if is_sheet:
            sheet_name = member.rsplit("/", 1)[-1]
            _check_cells(name, sheet_name, max(max_row * max_col, count), max_row, limits)


def _column_number(letters: bytes) -> int:
    """Return the 1-based column number of letters such as b"AB"."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number
