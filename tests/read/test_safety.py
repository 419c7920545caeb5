"""Hostile uploads get a clear ReadError within bounded time and memory (issue 3, item 5).

Each case runs under `bounded()`: a SIGALRM wall-clock guard (the test fails instead of hanging) and a
bound on the growth of the process's peak RSS. Neither is a speed assertion.
"""

from __future__ import annotations

import contextlib
import io
import resource
import signal
import struct
import sys
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

import openpyxl
import pytest

from jixiao.read.dispatch import read_bytes
from jixiao.read.document import ReadError
from jixiao.read.limits import MSG_BOMB, MSG_CORRUPT, MSG_DOCTYPE, MSG_ENCRYPTED, Limits
from jixiao.read.pdf import MSG_SCANNED

if TYPE_CHECKING:
    from collections.abc import Iterator

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MB = 1024 * 1024


@contextlib.contextmanager
def bounded(seconds: int = 60, rss_growth_mb: int = 150) -> Iterator[None]:
    """Fail if the block runs longer than `seconds` or raises peak RSS by more than `rss_growth_mb`."""

    def on_alarm(signum: int, frame: object) -> None:
        message = f"did not finish within {seconds} s"
        raise TimeoutError(message)

    previous = signal.signal(signal.SIGALRM, on_alarm)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    growth_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    assert growth_mb < rss_growth_mb, f"peak RSS grew by {growth_mb:.0f} MB"


def expect_error(name: str, data: bytes, limits: Limits | None = None) -> ReadError:
    with bounded(), pytest.raises(ReadError) as caught:
        read_bytes(name, data, limits=limits)
    assert caught.value.file == name
    return caught.value


def docx_with(document_xml: bytes | str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document_xml)
    return buffer.getvalue()


def zip_with_streamed_member(member: str, size: int, extra: dict[str, str]) -> bytes:
    """A zip whose `member` is `size` bytes of spaces, compressed while streaming (low memory)."""
    buffer = io.BytesIO()
    chunk = b" " * MB
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for name, text in extra.items():
            archive.writestr(name, text)
        with archive.open(member, "w", force_zip64=True) as stream:
            for _ in range(size // MB):
                stream.write(chunk)
    return buffer.getvalue()


def make_cfb(streams: dict[str, bytes]) -> bytes:
    """A minimal OLE2 compound file (v3, 512-byte sectors) holding `streams` of at least 4096 bytes."""
    sector = 512
    end, free, fat_sector, no_stream = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
    fat = [fat_sector, end]  # sector 0: the FAT, sector 1: the directory
    starts = []
    for data in streams.values():
        count = -(-len(data) // sector)
        first = len(fat)
        starts.append(first)
        fat += [*range(first + 1, first + count), end]
    fat += [free] * (sector // 4 - len(fat))

    def entry(
        name: str, kind: int, start: int, size: int, *, right: int = no_stream, child: int = no_stream
    ) -> bytes:
        encoded = (name + "\0").encode("utf-16-le") if name else b""
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBBIII", len(encoded), kind, 1, no_stream, right, child)
            + b"\0" * 36
            + struct.pack("<IQ", start, size)
        )

    names = list(streams)
    entries = [entry("Root Entry", 5, end, 0, child=1)]
    for number, name in enumerate(names, start=1):
        right = number + 1 if number < len(names) else no_stream
        entries.append(entry(name, 2, starts[number - 1], len(streams[name]), right=right))
    directory = b"".join(entries).ljust(sector, b"\0")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + b"\0" * 16
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + b"\0" * 6
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, end, 0, end, 0)
        + struct.pack("<I", 0)
        + struct.pack("<I", free) * 108
    )
    body = b"".join(data.ljust(-(-len(data) // sector) * sector, b"\0") for data in streams.values())
    return header + struct.pack(f"<{sector // 4}I", *fat) + directory + body


# --- zip bomb -------------------------------------------------------------------------------------


def test_zip_bomb_is_refused_from_the_central_directory() -> None:
    bomb = zip_with_streamed_member("word/document.xml", 300 * MB, {"[Content_Types].xml": "<Types/>"})
    assert len(bomb) < 5 * MB
    error = expect_error("bomb.docx", bomb)
    assert error.message == MSG_BOMB


def test_decompression_is_capped_even_when_the_directory_looks_harmless() -> None:
    # 8 MB of spaces passes a lenient ratio check; the streaming cap must still stop it.
    data = zip_with_streamed_member("word/document.xml", 8 * MB, {})
    limits = Limits(max_compression_ratio=10**9, max_xml_part_bytes=2 * MB, max_parsed_xml_bytes=100 * MB)
    assert expect_error("capped.docx", data, limits).message == MSG_BOMB


def test_document_xml_too_big_to_parse_is_refused_before_parsing() -> None:
    data = zip_with_streamed_member("word/document.xml", 4 * MB, {})
    assert expect_error("long.docx", data, Limits(max_parsed_xml_bytes=1 * MB)).message == MSG_BOMB


def test_zip_with_too_many_members_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
        for number in range(50):
            archive.writestr(f"junk/{number}", "")
    assert "文件数过多" in expect_error("many.docx", buffer.getvalue(), Limits(max_zip_members=20)).message


# --- XML entities ---------------------------------------------------------------------------------


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10)
    )
    + f']>\n<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>'
)


def test_xml_entity_bomb_in_document_xml_is_refused() -> None:
    assert expect_error("laughs.docx", docx_with(BILLION_LAUGHS)).message == MSG_DOCTYPE


def test_external_entity_is_refused_and_never_read() -> None:
    xxe = (
        '<?xml version="1.0"?><!-- a comment first --><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>'
    )
    assert expect_error("xxe.docx", docx_with(xxe)).message == MSG_DOCTYPE


def test_entity_bomb_in_a_workbook_part_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", BILLION_LAUGHS)
    with bounded(), pytest.raises(ReadError):
        read_bytes("laughs.xlsx", buffer.getvalue())


# --- 200 MB sheet ---------------------------------------------------------------------------------


def test_200_mb_sheet_is_refused_with_bounded_memory() -> None:
    sheet = zip_with_streamed_member(
        "xl/worksheets/sheet1.xml",
        200 * MB,
        {"xl/workbook.xml": "<workbook/>", "[Content_Types].xml": "<Types/>"},
    )
    assert expect_error("huge.xlsx", sheet).message == MSG_BOMB


def sparse_sheet_xlsx(cells: str, prefix: str = "") -> bytes:
    """A valid xlsx (made by openpyxl) whose sheet1.xml is replaced by one with `cells`."""
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "x"
    source = io.BytesIO()
    workbook.save(source)
    tag, colon = (f"{prefix}:", f":{prefix}") if prefix else ("", "")
    namespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8"?><{tag}worksheet xmlns{colon}="{namespace}">'
        f"<{tag}sheetData>{cells}</{tag}sheetData></{tag}worksheet>"
    )
    target = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            data = sheet.encode() if info.filename == "xl/worksheets/sheet1.xml" else old.read(info)
            new.writestr(info.filename, data)
    return target.getvalue()


def test_sheet_with_a_far_away_cell_is_refused_before_calamine_allocates_it() -> None:
    cells = '<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>'
    cells += '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>'
    error = expect_error("sparse.xlsx", sparse_sheet_xlsx(cells))
    assert "过大" in error.message


def test_far_away_cell_with_a_namespace_prefix_is_refused_too() -> None:
    cells = '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row>'
    cells += '<x:row r="1048576"><x:c r="XFD1048576"><x:v>1</x:v></x:c></x:row>'
    assert "过大" in expect_error("prefixed.xlsx", sparse_sheet_xlsx(cells, prefix="x")).message


def test_sheet_with_too_many_cells_is_refused() -> None:
    cells = "".join(
        f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCDE") + "</row>"
        for r in range(1, 401)
    )
    error = expect_error("cells.xlsx", sparse_sheet_xlsx(cells), Limits(max_sheet_cells=1000))
    assert "过大" in error.message
    assert read_bytes("cells.xlsx", sparse_sheet_xlsx(cells)).tables[0].n_rows == 400


# --- renamed binary -------------------------------------------------------------------------------


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 64


@pytest.mark.parametrize(
    ("name", "data", "what"),
    [
        ("photo.docx", PNG, "PNG图片"),
        ("program.docx", b"MZ\x90\x00" + b"\x00" * 200, "可执行程序"),
        ("program.xlsx", Path(sys.executable).read_bytes()[:4096], "可执行程序"),
        ("scan.pdf", PNG, "PNG图片"),
        ("notes.txt", PNG, "PNG图片"),
    ],
)
def test_renamed_binary_is_refused_naming_extension_and_content(name: str, data: bytes, what: str) -> None:
    error = expect_error(name, data)
    assert what in error.message
    assert Path(name).suffix in error.message


def test_workbook_renamed_docx_is_refused(fixtures_dir: Path) -> None:
    error = expect_error("form.docx", (fixtures_dir / "lizhou-2023-p1.xlsx").read_bytes())
    assert "扩展名" in error.message
    assert "Excel" in error.message


def test_xlsx_named_xls_is_accepted(fixtures_dir: Path) -> None:
    document = read_bytes("form.xls", (fixtures_dir / "lizhou-2023-p1.xlsx").read_bytes())
    assert document.tables[0].sheet == "表1"


# --- encrypted ------------------------------------------------------------------------------------


def test_encrypted_ooxml_container_is_refused() -> None:
    cfb = make_cfb({"EncryptionInfo": b"\x04\x00\x04\x00" + b"\0" * 4092, "EncryptedPackage": b"\x01" * 4096})
    for name in ("secret.docx", "secret.xlsx", "secret"):
        assert expect_error(name, cfb).message == MSG_ENCRYPTED


def test_zip_with_encrypted_members_is_refused() -> None:
    data = bytearray(docx_with(f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>'))
    # set the "encrypted" general-purpose flag bit on every central directory entry
    position = data.find(b"PK\x01\x02")
    while position >= 0:
        data[position + 8] |= 0x01
        position = data.find(b"PK\x01\x02", position + 4)
    assert expect_error("locked.docx", bytes(data)).message == MSG_ENCRYPTED


# --- PDF decompression bomb -----------------------------------------------------------------------


def pdf_with_deflated_stream(size: int) -> bytes:
    """A one-page PDF whose content stream inflates to `size` bytes of spaces (compressed streaming)."""
    compressor = zlib.compressobj(1)
    chunk = b" " * MB
    stream = b"".join(compressor.compress(chunk) for _ in range(size // MB)) + compressor.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    body = b"%PDF-1.4\n"
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(body))
        body += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(body)
    body += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    body += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    return body + b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)


def test_pdf_decompression_bomb_is_refused() -> None:
    bomb = pdf_with_deflated_stream(300 * MB)
    assert len(bomb) < 5 * MB
    assert expect_error("bomb.pdf", bomb).message == MSG_BOMB


def test_deflated_pdf_below_the_limit_is_parsed() -> None:
    assert expect_error("blank.pdf", pdf_with_deflated_stream(2 * MB)).message == MSG_SCANNED


def test_pdf_parse_over_its_time_limit_is_stopped() -> None:
    # the parse runs in a child process; starting it alone takes longer than this limit
    error = expect_error("slow.pdf", pdf_with_deflated_stream(2 * MB), Limits(pdf_timeout_seconds=0.01))
    assert "超时" in error.message


# --- truncated ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", ["lizhou-2023-p1.docx", "lizhou-2023-p1.xlsx"])
@pytest.mark.parametrize("keep", [0.1, 0.5, 0.99])
def test_truncated_file_is_reported_damaged(fixtures_dir: Path, fixture: str, keep: float) -> None:
    data = (fixtures_dir / fixture).read_bytes()
    assert expect_error(fixture, data[: int(len(data) * keep)]).message == MSG_CORRUPT


def test_truncated_ole2_file_is_reported_damaged() -> None:
    cfb = make_cfb({"Workbook": b"\x09\x08" + b"\0" * 4094})
    assert expect_error("old.xls", cfb[:700]).message == MSG_CORRUPT


def test_too_large_file_is_refused_before_reading() -> None:
    assert (
        "文件过大"
        in expect_error("big.docx", b"PK\x03\x04" + b"\0" * 2048, Limits(max_file_bytes=1024)).message
    )


# --- hostile structure that reaches the body scan (each under both scanners) -------------------------


def docx_body(body: str) -> bytes:
    return docx_with(f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>')


def nested_tables(depth: int) -> str:
    inner = "<w:p><w:r><w:t>x</w:t></w:r></w:p>"
    for _ in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}</w:tc></w:tr></w:tbl>"
    return inner


@pytest.mark.usefixtures("docx_scanner")
def test_forged_spans_and_grid_before_stay_bounded_in_time_and_memory() -> None:
    forged = '<w:tcPr><w:gridSpan w:val="999999999"/></w:tcPr><w:p/>'
    row = f'<w:tr><w:trPr><w:gridBefore w:val="4294967296"/></w:trPr>{f"<w:tc>{forged}</w:tc>" * 4}</w:tr>'
    with bounded(rss_growth_mb=100):
        document = read_bytes("spans.docx", docx_body(f"<w:tbl>{row * 500}</w:tbl>"))
    table = document.tables[0]
    assert table.n_rows == 500
    assert table.n_cols == 256 + 4 * 256  # every count is capped at 256


@pytest.mark.usefixtures("docx_scanner")
def test_tables_nested_to_the_parser_depth_limit_are_read_once_each() -> None:
    with bounded():
        document = read_bytes("deep.docx", docx_body(nested_tables(80)))
    assert [table.index for table in document.tables] == list(range(1, 81))
    assert [table.grid for table in document.tables[:-1]] == [(("",),)] * 79
    assert document.tables[-1].grid == (("x",),)


@pytest.mark.usefixtures("docx_scanner")
def test_nesting_beyond_the_parser_depth_limit_is_refused() -> None:
    assert expect_error("deeper.docx", docx_body(nested_tables(200))).message == MSG_CORRUPT
    sdt = "<w:p><w:r><w:t>y</w:t></w:r></w:p>"
    for _ in range(300):
        sdt = f"<w:sdt><w:sdtContent>{sdt}</w:sdtContent></w:sdt>"
    assert expect_error("controls.docx", docx_body(sdt)).message == MSG_CORRUPT


@pytest.mark.usefixtures("docx_scanner")
def test_a_paragraph_of_several_megabytes_is_read_whole() -> None:
    run = "<w:r><w:t>预算执行率</w:t><w:tab/></w:r>"
    with bounded(rss_growth_mb=100):
        data = docx_body(f"<w:p>{run * 200_000}</w:p>")  # compresses far beyond the bomb ratio
        document = read_bytes("long.docx", data, limits=Limits(max_compression_ratio=100_000))
    assert document.paragraphs[0].text == "预算执行率\t" * 200_000
