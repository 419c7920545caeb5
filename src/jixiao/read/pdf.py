r"""Read a PDF that has a text layer with pdfplumber: paragraphs and tables in page order.

Tables come from pdfplumber's ruled-line detection; the grid is rebuilt from the cells' boxes, so a
cell spanning several column or row edges becomes a `Merge`, as in the .docx reader. Text wrapped
inside a cell is joined without a separator (CJK text has no spaces, and wrapping splits numbers such
as "110.4\n6"). Outside tables, text lines are grouped into paragraphs: a new paragraph starts after a
vertical gap or at an indented line. A table split over pages stays two tables (stack.md, "Also
measured"); recognizers find rows by label. A PDF with no text at all is a scan and needs OCR first.
"""

from __future__ import annotations

import io
import multiprocessing
import re
import zlib
from bisect import bisect_left
from typing import TYPE_CHECKING, Any

from jixiao.read.document import Block, Document, Merge, Paragraph, ReadError, Table
from jixiao.read.limits import DEFAULT_LIMITS, MSG_BOMB, MSG_CORRUPT, MSG_ENCRYPTED, Limits, check_file_size

if TYPE_CHECKING:
    from collections.abc import Sequence

MSG_SCANNED = "该PDF没有文字层（可能是扫描件），需要先进行OCR识别"
_EDGE_TOLERANCE = 2.0  # points: cell edges closer than this are the same grid line
_INDENT = 8.0  # points: a line starting this far right of the text's left edge opens a paragraph
_GAP_FACTOR = 0.8  # a vertical gap above this many line heights opens a paragraph

_STREAM_START = re.compile(rb"stream\r?\n")
_PIECE = 64 * 1024

Box = tuple[float, float, float, float]


def read_pdf(name: str, data: bytes, *, limits: Limits | None = None) -> Document:
    """Read a text-layer PDF into paragraphs and tables, page by page.

    pdfminer can spin for minutes on hostile content (a few MB of junk operators), so the parse runs
    in a child process that is killed after `limits.pdf_timeout_seconds`.
    """
    limits = limits or DEFAULT_LIMITS
    check_file_size(name, len(data), limits)
    check_streams(name, data, limits)
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:  # leaving the block terminates the child, finished or not
        pending = pool.apply_async(_read_in_child, (name, data, limits))
        try:
            document, message = pending.get(timeout=limits.pdf_timeout_seconds)
        except multiprocessing.TimeoutError as error:
            timeout = f"{limits.pdf_timeout_seconds:g}"
            raise ReadError(name, f"PDF解析超时（超过{timeout}秒），文件可能异常，已停止") from error
    if document is None:
        raise ReadError(name, message)
    return document


def _read_in_child(name: str, data: bytes, limits: Limits) -> tuple[Document | None, str]:
    """Run `read_pdf_here` in the child; errors travel back as text (ReadError does not pickle)."""
    try:
        return read_pdf_here(name, data, limits), ""
    except ReadError as error:
        return None, error.message


def read_pdf_here(name: str, data: bytes, limits: Limits) -> Document:
    """Read the PDF in this process, without a time limit."""
    import pdfplumber  # noqa: PLC0415  (heavy: pdfminer, pypdfium2)
    from pdfminer.pdfdocument import PDFPasswordIncorrect  # noqa: PLC0415

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect as error:
        raise ReadError(name, MSG_ENCRYPTED) from error
    except Exception as error:  # pdfminer raises many unrelated types for damaged files
        raise ReadError(name, MSG_CORRUPT) from error
    with pdf:
        try:
            pages = pdf.pages
        except Exception as error:
            raise ReadError(name, MSG_CORRUPT) from error
        if len(pages) > limits.max_pdf_pages:
            raise ReadError(name, f"PDF页数过多（{len(pages)}页），超过上限{limits.max_pdf_pages}页")
        if not any(page.chars for page in pages):
            raise ReadError(name, MSG_SCANNED)
        blocks: list[Block] = []
        for page in pages:
            blocks.extend(_read_page(page, blocks))
    return Document(file=name, blocks=tuple(blocks))


def check_streams(name: str, data: bytes, limits: Limits) -> None:
    """Refuse a PDF whose deflated streams inflate beyond `limits.max_total_uncompressed_bytes`.

    pdfminer inflates a stream whole, in memory, so a small PDF can hold a decompression bomb. Every
    stream is inflated here first, chunk by chunk with capped output, and only counted; streams that
    are not deflate data (images, fonts in other codecs) fail at once and are skipped.
    """
    total = 0
    for match in _STREAM_START.finditer(data):
        inflater = zlib.decompressobj()
        position = match.end()
        try:
            while not inflater.eof and position < len(data):
                pending = data[position : position + _PIECE]
                position += len(pending)
                while pending and not inflater.eof:  # after the end, input stays in the tail
                    total += len(inflater.decompress(pending, _PIECE))
                    pending = inflater.unconsumed_tail
                    if total > limits.max_total_uncompressed_bytes:
                        raise ReadError(name, MSG_BOMB)
        except zlib.error:
            continue


def _read_page(page: Any, earlier: Sequence[Block]) -> list[Block]:  # noqa: ANN401  (pdfplumber is untyped)
    """Return the page's paragraphs and tables ordered by their top edge."""
    found = page.find_tables()
    boxes: list[Box] = [table.bbox for table in found]
    placed: list[tuple[float, int, Block]] = []  # (top, tables first on a tie, block numbered later)
    for table in found:
        grid = _read_table(table)
        if grid is not None:
            placed.append((table.bbox[1], 0, grid))
    outside = page.filter(lambda obj: not any(_inside(obj, box) for box in boxes))
    placed.extend((top, 1, Paragraph(0, text)) for top, text in _paragraphs(outside.extract_text_lines()))
    placed.sort(key=lambda item: (item[0], item[1]))
    return _renumber([block for _, _, block in placed], earlier)


def _renumber(blocks: list[Block], earlier: Sequence[Block]) -> list[Block]:
    """Number tables and paragraphs in reading order after sorting by position."""
    tables = sum(1 for block in earlier if isinstance(block, Table))
    paragraphs = sum(1 for block in earlier if isinstance(block, Paragraph))
    result: list[Block] = []
    for block in blocks:
        if isinstance(block, Table):
            tables += 1
            result.append(Table(tables, block.grid, block.merges))
        else:
            paragraphs += 1
            result.append(Paragraph(paragraphs, block.text))
    return result


def _inside(obj: dict[str, Any], box: Box) -> bool:
    """True when a page object's centre lies in `box`."""
    if "x0" not in obj or "top" not in obj:
        return False
    x: float = (obj["x0"] + obj["x1"]) / 2
    y: float = (obj["top"] + obj["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _edges(values: list[float]) -> list[float]:
    """Merge coordinates closer than the tolerance into sorted grid lines."""
    lines: list[float] = []
    for value in sorted(values):
        if not lines or value - lines[-1] > _EDGE_TOLERANCE:
            lines.append(value)
    return lines


def _line(lines: list[float], value: float) -> int:
    """Return the index of the grid line nearest to `value`."""
    position = bisect_left(lines, value - _EDGE_TOLERANCE)
    return min(position, len(lines) - 1)


def _read_table(table: Any) -> Table | None:  # noqa: ANN401
    """Rebuild one pdfplumber table as a grid with merges from its cell boxes."""
    texts = table.extract()
    cells: list[tuple[Box, str]] = []
    for row, row_texts in zip(table.rows, texts, strict=False):
        for box, text in zip(row.cells, row_texts, strict=False):
            if box is not None:
                cells.append((box, (text or "").replace("\n", "")))
    if not cells:
        return None
    xs = _edges([value for box, _ in cells for value in (box[0], box[2])])
    ys = _edges([value for box, _ in cells for value in (box[1], box[3])])
    grid: list[list[str | None]] = [[None] * max(len(xs) - 1, 1) for _ in range(max(len(ys) - 1, 1))]
    merges: list[Merge] = []
    for (x0, top, x1, bottom), text in cells:
        first_row, first_col = _line(ys, top), _line(xs, x0)
        last_row = max(_line(ys, bottom) - 1, first_row)
        last_col = max(_line(xs, x1) - 1, first_col)
        if first_row < len(grid) and first_col < len(grid[0]):
            grid[first_row][first_col] = text
            if (first_row, first_col) != (last_row, last_col):
                merges.append(Merge(first_row, first_col, last_row, last_col))
    return Table(0, tuple(tuple(row) for row in grid), tuple(merges))


def _paragraphs(lines: list[dict[str, Any]]) -> list[tuple[float, str]]:
    """Group text lines into paragraphs: (top of the first line, text joined without separators)."""
    if not lines:
        return []
    left = min(line["x0"] for line in lines)
    groups: list[tuple[float, list[str]]] = []
    previous: dict[str, Any] | None = None
    for line in lines:
        height = max(line["bottom"] - line["top"], 1.0)
        starts = (
            previous is None
            or line["top"] - previous["bottom"] > _GAP_FACTOR * height
            or line["x0"] - left > _INDENT
        )
        if starts:
            groups.append((line["top"], [line["text"]]))
        else:
            groups[-1][1].append(line["text"])
        previous = line
    return [(top, "".join(parts).strip()) for top, parts in groups if "".join(parts).strip()]
