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

The body is read in ONE scan, by a C extension where it was compiled (`jixiao.read._docx_scan`,
Cython against lxml's C API: it walks libxml2's nodes without creating Python proxies), else by the
pure-Python scanner (`jixiao.read._docx_scan_py`), the same state machine over `iter`. Both give
identical Documents (tests/read/test_docx_scanners.py); `SCANNER` says which one is active. Only when
the scan meets tracked changes, a drawing's fallback or a nested table does `prepare` run and the body
get scanned again. Tag names, the preparation walk and the grid builder live in
`jixiao.read.docx_tree`. Speed and its limits: bench/README.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from jixiao.read import _docx_scan_py
from jixiao.read.document import Document, ReadError
from jixiao.read.docx_tree import BODY, W_NAMESPACE, NeedsPreparation, prepare
from jixiao.read.limits import DEFAULT_LIMITS, Limits, open_zip, parse_xml, read_member

try:
    from jixiao.read import _docx_scan
except (ImportError, ValueError, TypeError):  # not built (no compiler), or built against another lxml
    _docx_scan = None  # type: ignore[assignment]  # the pure-Python scanner reads the same

if TYPE_CHECKING:
    import zipfile
    from collections.abc import Callable

    from lxml import etree

    from jixiao.read.document import Block

    ScanFunction = Callable[..., list[Block]]

SCANNER: Final = "compiled" if _docx_scan is not None else "python"
"""Which body scanner `read_docx` uses: "compiled" (`_docx_scan`) or "python" (`_docx_scan_py`)."""
SCANNERS: Final[dict[str, ScanFunction]] = {"python": _docx_scan_py.scan}
if _docx_scan is not None:
    SCANNERS["compiled"] = _docx_scan.scan
_scan = SCANNERS[SCANNER]

MAIN_PART = "word/document.xml"
STRICT_W = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
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
        xml = xml.replace(STRICT_W, W_NAMESPACE)
    root = parse_xml(name, xml)
    body = next(root.iterchildren(BODY), None)
    if body is None:
        raise ReadError(name, "文件中没有找到Word正文")
    blocks, revised = _read_body(body, _scan)
    return Document(file=name, blocks=tuple(blocks), warnings=(MSG_REVISIONS,) if revised else ())


def _read_body(body: etree._Element, scan: ScanFunction) -> tuple[list[Block], bool]:
    """Scan the body; when the scan needs it, prepare the body and scan again. True: tracked changes."""
    try:
        return scan(body, {}, first_pass=True), False
    except NeedsPreparation:  # tracked changes, a drawing's fallback or a nested table
        nested, revised = prepare(body)
        return scan(body, nested), revised


def _main_part(archive: zipfile.ZipFile) -> str:
    """Return the main document part: word/document.xml, else another word/document*.xml."""
    names = set(archive.namelist())
    if MAIN_PART in names:
        return MAIN_PART
    for name in names:
        if name.startswith("word/document") and name.endswith(".xml"):
            return name
    return MAIN_PART
