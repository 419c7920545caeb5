"""Choose a reader by the file's content, and refuse a file whose content contradicts its extension.

The content decides: a zip holding word/document.xml is a .docx, one holding xl/workbook.xml an .xlsx;
an OLE2 container (Office 97-2003, WPS) is looked into: a Workbook stream goes to calamine, a
WordDocument stream (or anything else) to LibreOffice, an EncryptionInfo stream means an encrypted
OOXML file; %PDF is a PDF; anything else that is not binary is a text dump. The extension must then
belong to the same family (Word-like, spreadsheet, PDF, text): files named .xls that are really .xlsx
are common and fine, but a PNG or a program renamed .docx is refused with a clear message.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.read.document import ReadError
from jixiao.read.limits import (
    DEFAULT_LIMITS,
    MSG_CORRUPT,
    MSG_ENCRYPTED,
    Limits,
    check_file_size,
    open_zip,
)

if TYPE_CHECKING:
    import zipfile

    from jixiao.read.document import Document

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")

# Content kinds and how they are named to users.
DOCX, XLSX, OLE_WORD, OLE_SHEET, ENCRYPTED, PDF, TEXT = (
    "docx", "xlsx", "ole-word", "ole-sheet", "encrypted", "pdf", "text",
)  # fmt: skip
# Files saved by old systems and web exports as .doc/.xls that are really RTF, HTML, MHT or Office 2003
# XML; LibreOffice converts them like binary legacy files.
RTF, MARKUP = "rtf", "markup"
BINARY = "binary:"  # followed by what the data is, e.g. "binary:PNG图片"
_KIND_NAMES = {
    DOCX: "Word文档（.docx）",
    XLSX: "Excel工作簿（.xlsx）",
    OLE_WORD: "Word 97-2003或WPS文字文档",
    OLE_SHEET: "Excel 97-2003或WPS表格",
    PDF: "PDF文件",
    TEXT: "纯文本",
    RTF: "RTF文档",
    MARKUP: "网页或XML文档",
}
_FAMILIES = {
    "word": {DOCX, OLE_WORD, RTF, MARKUP},
    "sheet": {XLSX, OLE_SHEET, MARKUP},
    "pdf": {PDF},
    "text": {TEXT},
}
_EXTENSION_FAMILIES = {
    **dict.fromkeys(
        (
            ".docx",
            ".docm",
            ".dotx",
            ".doc",
            ".dot",
            ".wps",
            ".wpt",
            ".rtf",
            ".htm",
            ".html",
            ".mht",
            ".mhtml",
        ),
        "word",
    ),
    **dict.fromkeys((".xlsx", ".xlsm", ".xltx", ".xls", ".et", ".ett"), "sheet"),
    ".pdf": "pdf",
    **dict.fromkeys((".txt", ".text", ".csv", ".tsv"), "text"),
}
# Magic numbers of common non-document files, to name what a renamed file really is.
_BINARY_MAGIC = (
    (b"MZ", "Windows可执行程序"),
    (b"\x7fELF", "Linux可执行程序"),
    (b"\x89PNG", "PNG图片"),
    (b"\xff\xd8\xff", "JPEG图片"),
    (b"GIF8", "GIF图片"),
    (b"Rar!", "RAR压缩包"),
    (b"7z\xbc\xaf", "7z压缩包"),
    (b"\x1f\x8b", "gzip压缩包"),
)
_SNIFF_BYTES = 8192
_MARKUP_SIGNS = (
    b"<html",
    b"<table",
    b"urn:schemas-microsoft-com:office:spreadsheet",  # Excel 2003 XML
    b"schemas.microsoft.com/office/word/2003/wordml",  # Word 2003 XML
)


def read_file(path: Path, *, limits: Limits | None = None) -> Document:
    """Read a file from disk (size checked before it is loaded); see `read_bytes`."""
    limits = limits or DEFAULT_LIMITS
    check_file_size(path.name, path.stat().st_size, limits)
    return read_bytes(path.name, path.read_bytes(), limits=limits)


def read_bytes(name: str, data: bytes, *, limits: Limits | None = None) -> Document:
    """Read an uploaded file's bytes into a `Document`, choosing the reader by content."""
    limits = limits or DEFAULT_LIMITS
    check_file_size(name, len(data), limits)
    archive = open_zip(name, data, limits) if data.startswith(_ZIP_MAGIC) else None  # opened once
    kind = sniff(name, data, limits, archive)
    if kind == ENCRYPTED:
        raise ReadError(name, MSG_ENCRYPTED)
    family = _EXTENSION_FAMILIES.get(Path(name).suffix.lower())
    if kind == MARKUP and family not in ("word", "sheet"):
        kind = TEXT  # a web page named .txt, or with no extension, is read as text
    _check_extension(name, kind)
    if kind == DOCX:
        from jixiao.read.docx import read_docx  # noqa: PLC0415  (lazy, like every reader)

        return read_docx(name, data, limits=limits, archive=archive)
    return _read_kind(name, data, kind, limits, sheet=family == "sheet")


def _read_kind(name: str, data: bytes, kind: str, limits: Limits, *, sheet: bool) -> Document:
    """Run the reader for `kind` (imported lazily: LibreOffice and pdfplumber are heavy).

    `sheet` says the extension is a spreadsheet's: RTF/HTML content is then converted to .xlsx.
    """
    if kind in (XLSX, OLE_SHEET):
        from jixiao.read.sheet import read_sheet  # noqa: PLC0415

        try:
            return read_sheet(name, data, limits=limits)
        except ReadError as error:
            if kind == XLSX or error.message != MSG_CORRUPT:
                raise
        # calamine rejected a BIFF/ET file: let LibreOffice try before giving up.
    if kind in (OLE_WORD, OLE_SHEET, RTF, MARKUP):
        from jixiao.read.legacy import read_legacy  # noqa: PLC0415

        to_sheet = kind == OLE_SHEET or (kind == MARKUP and sheet)
        return read_legacy(name, data, limits=limits, target="xlsx" if to_sheet else "docx")
    if kind == PDF:
        from jixiao.read.pdf import read_pdf  # noqa: PLC0415

        return read_pdf(name, data, limits=limits)
    from jixiao.read.text import read_text  # noqa: PLC0415

    return read_text(name, data)


def sniff(name: str, data: bytes, limits: Limits, archive: zipfile.ZipFile | None = None) -> str:
    """Return the content kind of `data`; binary data no reader accepts is `BINARY` + what it is.

    `archive`: `data` already opened with `open_zip`, so a zip's directory is read only once.
    """
    if data.startswith(_ZIP_MAGIC):
        return _sniff_zip(name, archive or open_zip(name, data, limits))
    if data.startswith(OLE2_MAGIC):
        return _sniff_ole(name, data)
    if b"%PDF-" in data[:1024]:
        return PDF
    head = data[:_SNIFF_BYTES]
    for magic, what in _BINARY_MAGIC:
        if head.startswith(magic):
            return BINARY + what
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return BINARY + "无法识别的二进制数据"
    return _sniff_text(head)


def _sniff_text(head: bytes) -> str:
    """Tell RTF and markup (HTML, MHT, Office 2003 XML) from a plain text dump."""
    start = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if start.startswith(b"{\\rtf"):
        return RTF
    lowered = start[:_SNIFF_BYTES].lower()
    if lowered.startswith(b"mime-version:") or (
        lowered.startswith(b"<") and any(sign in lowered for sign in _MARKUP_SIGNS)
    ):
        return MARKUP
    return TEXT


def _sniff_zip(name: str, archive: zipfile.ZipFile) -> str:
    """Tell a .docx from an .xlsx by their main parts (`open_zip` has checked the central directory)."""
    names = set(archive.namelist())
    if any(member.startswith("word/document") for member in names):
        return DOCX
    if "xl/workbook.xml" in names or "xl/workbook.bin" in names:
        return XLSX
    raise ReadError(name, "文件是压缩包，但不是Word或Excel文档，无法读取")


def _sniff_ole(name: str, data: bytes) -> str:
    """Look into an OLE2 container: encrypted OOXML, a BIFF workbook, or a Word/WPS document."""
    import olefile  # type: ignore[import-untyped]  # noqa: PLC0415

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as container:
            streams = {"/".join(path).lower() for path in container.listdir(streams=True, storages=False)}
    except (OSError, ValueError, IndexError, TypeError) as error:
        raise ReadError(name, MSG_CORRUPT) from error
    if "encryptioninfo" in streams or "encryptedpackage" in streams:
        return ENCRYPTED
    if "workbook" in streams or "book" in streams:
        return OLE_SHEET
    return OLE_WORD


def _check_extension(name: str, kind: str) -> None:
    """Refuse a file whose extension names another family than its content."""
    suffix = Path(name).suffix.lower()
    family = _EXTENSION_FAMILIES.get(suffix)
    what = kind.removeprefix(BINARY) if kind.startswith(BINARY) else _KIND_NAMES[kind]
    if family is None:
        if kind.startswith(BINARY):
            raise ReadError(name, f"文件内容是{what}，不是可读取的文档")
        return
    if kind not in _FAMILIES[family]:
        message = f"文件内容与扩展名不符：扩展名为{suffix}，内容却是{what}，请确认文件后重新上传"
        raise ReadError(name, message)
