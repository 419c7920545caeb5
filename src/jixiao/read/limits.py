"""Bounds for untrusted uploads, applied before anything is decompressed or parsed.

Zip containers (.docx .xlsx) are checked twice: the central directory's declared sizes first (cheap,
but a forged directory can lie), then every member that is read is streamed with a byte cap, so the real
decompressed size never exceeds the limit. XML is parsed without entity expansion, network access or
huge-tree mode, and any DOCTYPE is refused outright (entity bombs, XXE). All failures are `ReadError`s
with a Chinese message.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from jixiao.read.document import ReadError

if TYPE_CHECKING:
    from collections.abc import Iterator

MB = 1024 * 1024

MSG_CORRUPT = "文件已损坏或不完整"
MSG_ENCRYPTED = "文件已加密，请先取消密码保护后再上传"
MSG_BOMB = "压缩包解压后过大或压缩比异常（疑似压缩炸弹），已拒绝读取"
MSG_DOCTYPE = "文件含有不允许的XML文档类型或实体声明（DOCTYPE/ENTITY），已拒绝读取"

# Members smaller than this are exempt from the ratio check: small, repetitive XML parts
# (styles, empty sheets) legitimately compress more than 100:1.
_RATIO_EXEMPT_BYTES = 1 * MB
_CHUNK = 256 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """Upper bounds for one uploaded file; the defaults suit real forms with a wide margin."""

    max_file_bytes: int = 50 * MB
    max_total_uncompressed_bytes: int = 200 * MB  # all zip members together
    max_compression_ratio: int = 100  # per member above 1 MB
    max_zip_members: int = 2000
    max_xml_part_bytes: int = 100 * MB  # one decompressed zip member, streamed (a sheet for calamine)
    max_parsed_xml_bytes: int = 32 * MB  # an XML part built into an lxml tree (≈10× its size in memory)
    max_sheet_cells: int = 2_000_000  # rows × columns of a sheet's used rectangle
    max_sheet_rows: int = 1_048_576
    max_pdf_pages: int = 500
    pdf_timeout_seconds: float = 120.0  # pdfminer can spin on hostile content
    libreoffice_timeout_seconds: float = 120.0


DEFAULT_LIMITS = Limits()


def check_file_size(name: str, size: int, limits: Limits) -> None:
    """Refuse a file larger than `limits.max_file_bytes`."""
    if size > limits.max_file_bytes:
        message = f"文件过大（{size / MB:.1f} MB），超过上限 {limits.max_file_bytes / MB:.0f} MB"
        raise ReadError(name, message)


def open_zip(name: str, data: bytes, limits: Limits) -> zipfile.ZipFile:
    """Open a zip container after checking its central directory against `limits`."""
    check_file_size(name, len(data), limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as error:
        raise ReadError(name, MSG_CORRUPT) from error
    infos = archive.infolist()
    if len(infos) > limits.max_zip_members:
        raise ReadError(name, f"压缩包内文件数过多（{len(infos)}个），已拒绝读取")
    total = 0
    for info in infos:
        if info.flag_bits & 0x1:
            raise ReadError(name, MSG_ENCRYPTED)
        total += info.file_size
        ratio_exceeded = (
            info.file_size > _RATIO_EXEMPT_BYTES
            and info.file_size > limits.max_compression_ratio * max(info.compress_size, 1)
        )
        if ratio_exceeded or total > limits.max_total_uncompressed_bytes:
            raise ReadError(name, MSG_BOMB)
    return archive


def iter_member(
    name: str, archive: zipfile.ZipFile, member: str, limits: Limits, cap: int | None = None
) -> Iterator[bytes]:
    """Yield a member's decompressed bytes in chunks, stopping at `cap` (`limits.max_xml_part_bytes`).

    The cap holds whatever the central directory claims, so a forged size cannot inflate memory.
    """
    cap = limits.max_xml_part_bytes if cap is None else cap
    read = 0
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(_CHUNK):
                read += len(chunk)
                if read > cap:
                    raise ReadError(name, MSG_BOMB)
                yield chunk
    except KeyError as error:
        raise ReadError(name, f"文件缺少必要的部件 {member}") from error
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError) as error:
        raise ReadError(name, MSG_CORRUPT) from error


def read_member(
    name: str, archive: zipfile.ZipFile, member: str, limits: Limits, *, data: bytes | None = None
) -> bytes:
    """Return an XML member's bytes for parsing, bounded by `limits.max_parsed_xml_bytes`.

    With `data` (the bytes `archive` was opened on), a plain stored or deflated member is inflated in
    one call straight from those bytes; anything unusual (another method, flags, a size over the cap, a
    header, size or CRC that does not check out) is streamed through `zipfile`, which decides.
    """
    cap = min(limits.max_parsed_xml_bytes, limits.max_xml_part_bytes)
    if data is not None:
        try:
            info = archive.getinfo(member)
        except KeyError as error:
            raise ReadError(name, f"文件缺少必要的部件 {member}") from error
        content = _inflate_plain(data, info, cap)
        if content is not None:
            return content
    return b"".join(iter_member(name, archive, member, limits, cap))


# Local file header: signature, version, flags, method, time, date, CRC, sizes, name and extra lengths.
_LOCAL_HEADER = struct.Struct("<4s2xH18xHH")
_PLAIN_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)
_UNUSUAL_FLAGS = 0x1 | 0x20 | 0x40  # encrypted, compressed patch data, strong encryption


def _inflate_plain(data: bytes, info: zipfile.ZipInfo, cap: int) -> bytes | None:
    """Return the member's bytes when it is plain and intact (what `zipfile` would return), else None."""
    if info.compress_type not in _PLAIN_METHODS or info.flag_bits & _UNUSUAL_FLAGS:
        return None
    if not 0 < info.file_size <= cap:  # zlib reads max_length 0 as "no limit"
        return None
    span = _packed_span(data, info)
    if span is None:
        return None
    start, end = span
    with memoryview(data) as view, view[start:end] as packed:
        if info.compress_type == zipfile.ZIP_STORED:
            content = bytes(packed[: info.file_size])
        else:
            try:
                content = zlib.decompressobj(-zlib.MAX_WBITS).decompress(packed, info.file_size)
            except zlib.error:
                return None
    if len(content) != info.file_size or zlib.crc32(content) != info.CRC:
        return None
    return content


def _packed_span(data: bytes, info: zipfile.ZipInfo) -> tuple[int, int] | None:
    """Return where the member's packed bytes lie in `data`, when its local header matches `info`."""
    start = info.header_offset
    if start < 0 or start + _LOCAL_HEADER.size > len(data):
        return None
    signature, flags, name_length, extra_length = _LOCAL_HEADER.unpack_from(data, start)
    start += _LOCAL_HEADER.size
    try:
        stored_name = data[start : start + name_length].decode("utf-8" if flags & 0x800 else "cp437")
    except UnicodeDecodeError:
        return None
    start += name_length + extra_length
    end = start + info.compress_size
    if signature != b"PK\x03\x04" or stored_name != info.orig_filename or end > len(data):
        return None
    return start, end


def has_doctype(data: bytes) -> bool:
    """True when the XML prolog declares a DOCTYPE (the only place entities can be declared).

    Skips the XML declaration, processing instructions, comments and whitespace up to the root
    element. UTF-16 parts are decoded first.
    """
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        text = data.decode("utf-16", errors="replace").encode("utf-8")
        return has_doctype(text)
    position = 3 if data.startswith(b"\xef\xbb\xbf") else 0
    size = len(data)
    while position < size:
        start = data.find(b"<", position)
        if start < 0:
            return False
        if data.startswith(b"<?", start):
            end, skip = data.find(b"?>", start), 2
        elif data.startswith(b"<!--", start):
            end, skip = data.find(b"-->", start), 3
        else:
            return data.startswith(b"<!", start)
        if end < 0:
            return False
        position = end + skip
    return False


_PARSER = etree.XMLParser(
    resolve_entities=False,
    no_network=True,
    huge_tree=False,
    load_dtd=False,
    dtd_validation=False,
)


def parse_xml(name: str, data: bytes) -> etree._Element:
    """Parse an XML part safely: refuse a DOCTYPE, never resolve entities, never touch the network."""
    if has_doctype(data):
        raise ReadError(name, MSG_DOCTYPE)
    try:
        return etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as error:
        raise ReadError(name, MSG_CORRUPT) from error
