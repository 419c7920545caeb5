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
import struct
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
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# BIFF records holding one cell (row, column first): NUMBER LABEL BOOLERR FORMULA(2) RK LABELSST
# BLANK RSTRING; MULRK and MULBLANK hold a run of cells and end with their last column.
_BIFF_CELLS = frozenset((0x0203, 0x0204, 0x0205, 0x0006, 0x0406, 0x027E, 0x00FD, 0x0201, 0x00D6))
_BIFF_RUNS = frozenset((0x00BD, 0x00BE))
_BIFF_BOF, _BIFF_DIMENSIONS = 0x0809, 0x0200
# r="B7" is a cell's reference, r="7" a row's number. The patterns start with a literal so that re
# can skip ahead quickly; an attribute that merely ends in r (paper="9") only widens the bound.
_CELL_REF = re.compile(rb'r="([A-Z]{1,3})([0-9]{1,7})"')
_ROW_REF = re.compile(rb'r="([0-9]{1,7})"')
_CELL_OPEN = re.compile(rb"<(?:\w+:)?c[ >/]")  # prefixed too: <x:c> from the .NET Open XML SDK
_OVERLAP = 512  # bytes kept between chunks so that a tag split across two chunks is still seen


def read_sheet(name: str, data: bytes, *, limits: Limits | None = None) -> Document:
    """Read every non-empty sheet of a workbook into a `Table` with `sheet` set."""
    limits = limits or DEFAULT_LIMITS
    check_file_size(name, len(data), limits)
    if data.startswith(ZIP_MAGIC):
        _verify_and_scan(name, open_zip(name, data, limits), limits)
    elif data.startswith(OLE2_MAGIC):
        _check_biff_extent(name, data, limits)
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


def _check_biff_extent(name: str, data: bytes, limits: Limits) -> None:
    """Scan an .xls/.et workbook's BIFF records for each sheet's extent before calamine loads it.

    calamine allocates the rectangle from A1 to the farthest cell: a 6 KB .xls with cells in A1 and
    IV65536 made it take 1 GB. Each BOF record opens a sheet's substream (the first is the workbook
    globals); DIMENSIONS and every cell record widen the extent.
    """
    import olefile  # type: ignore[import-untyped]  # noqa: PLC0415

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as container:
            stream = next((part for part in ("Workbook", "Book") if container.exists(part)), None)
            if stream is None:
                return
            records = container.openstream(stream).read()
    except (OSError, ValueError, IndexError, TypeError) as error:
        raise ReadError(name, MSG_CORRUPT) from error
    sheet, extent, position = 0, (0, 0), 0  # BOF records seen; the first opens the globals
    while position + 4 <= len(records):
        kind, length = struct.unpack_from("<HH", records, position)
        body, position = position + 4, position + 4 + length
        if kind == _BIFF_BOF:
            _check_cells(name, f"第{sheet - 1}个", (extent[0] + 1) * (extent[1] + 1), extent[0] + 1, limits)
            sheet, extent = sheet + 1, (0, 0)
        elif position <= len(records):
            cell = _biff_cell(kind, records, body, length)
            if cell is not None:
                extent = (max(extent[0], cell[0]), max(extent[1], cell[1]))
    _check_cells(name, f"第{sheet - 1}个", (extent[0] + 1) * (extent[1] + 1), extent[0] + 1, limits)


def _biff_cell(kind: int, records: bytes, body: int, length: int) -> tuple[int, int] | None:
    """Return the farthest (row, column) a BIFF record reaches, or None for other records."""
    if kind in _BIFF_CELLS and length >= 4:
        row, column = struct.unpack_from("<HH", records, body)
        return row, column
    if kind in _BIFF_RUNS and length >= 6:
        return struct.unpack_from("<H", records, body)[0], struct.unpack_from(
            "<H", records, body + length - 2
        )[0]
    if kind == _BIFF_DIMENSIONS and length >= 14:  # BIFF8: first row, last row + 1 (u32), columns (u16)
        _, rows, _, columns = struct.unpack_from("<IIHH", records, body)
        return max(rows - 1, 0), max(columns - 1, 0)
    if kind == _BIFF_DIMENSIONS and length >= 10:  # BIFF5
        _, rows, _, columns = struct.unpack_from("<HHHH", records, body)
        return max(rows - 1, 0), max(columns - 1, 0)
    return None


def _verify_and_scan(name: str, archive: zipfile.ZipFile, limits: Limits) -> None:
    """Decompress every member once with caps; scan each part's cell extent on the way.

    calamine reads the zip itself, so this pass is what bounds it: real decompressed sizes (whatever the
    central directory claims) and each sheet's used rectangle, before calamine allocates anything.
    """
    total = 0
    for member in archive.namelist():  # every part: calamine finds sheets by relationship, not by name
        max_row = max_col = count = 0
        tail, in_cells = b"", False
        for chunk in iter_member(name, archive, member, limits):
            total += len(chunk)
            if total > limits.max_total_uncompressed_bytes:
                raise ReadError(name, MSG_BOMB)
            buffer = tail + chunk
            tail = buffer[-_OVERLAP:]
            in_cells = in_cells or b"sheetData" in buffer  # cells follow <sheetData>; skip other parts
            if not in_cells:
                continue
            count += _count_cells(chunk)
            references = _CELL_REF.findall(buffer)
            rows = [digits for _, digits in references] + _ROW_REF.findall(buffer)
            max_row = max(max_row, max(map(int, rows), default=0))
            columns = {letters for letters, _ in references}
            if columns:
                max_col = max(max_col, _column_number(max(columns, key=lambda text: (len(text), text))))
        _check_cells(name, member.rsplit("/", 1)[-1], max(max_row * max_col, count), max_row, limits)


def _count_cells(chunk: bytes) -> int:
    """Count cell elements in a chunk: plain <c> by bytes.count (fast), prefixed <x:c> by regex."""
    plain = chunk.count(b"<c ") + chunk.count(b"<c>") + chunk.count(b"<c/>")
    return plain or len(_CELL_OPEN.findall(chunk))


def _column_number(letters: bytes) -> int:
    """Return the 1-based column number of letters such as b"AB"."""
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number
