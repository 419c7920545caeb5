"""Read .doc/.wps (and .xls/.et that calamine rejects) by converting them with LibreOffice headless.

No Python library reads Word 97 tables, so LibreOffice converts the file to .docx (or .xlsx) in a
temporary folder and the ordinary reader takes over (stack.md §3). Each process and thread gets its
own LibreOffice profile folder (instances sharing a profile block each other); the conversion runs in
its own process group and the whole group is killed when it exceeds `Limits.libreoffice_timeout_seconds`.
LibreOffice may drop a grid column that is merged in every row, so positions can differ slightly from
the original; recognizers find cells by label, never by position.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from jixiao.libreoffice import LibreOfficeTimeoutError, find_soffice, run_conversion
from jixiao.read.document import Document, ReadError
from jixiao.read.limits import DEFAULT_LIMITS, Limits, check_file_size

MSG_NO_LIBREOFFICE = "需要安装 LibreOffice 才能读取 .doc/.wps 文件"
MSG_CONVERTED = "该文件经 LibreOffice 转换后读取，表格行列位置可能与原文件略有不同"
_EXPORT_FILTERS = {"docx": "MS Word 2007 XML", "xlsx": "Calc Office Open XML"}
_SAFE_SUFFIXES = {".doc", ".dot", ".wps", ".wpt", ".xls", ".et", ".ett", ".rtf"}


def read_legacy(name: str, data: bytes, *, limits: Limits | None = None, target: str = "docx") -> Document:
    """Convert a legacy document to `target` ("docx" or "xlsx") with LibreOffice and read that."""
    limits = limits or DEFAULT_LIMITS
    check_file_size(name, len(data), limits)
    if find_soffice() is None:
        raise ReadError(name, MSG_NO_LIBREOFFICE)
    suffix = Path(name).suffix.lower()
    if data.lstrip().startswith(b"{\\rtf"):
        suffix = ".rtf"
    elif suffix not in _SAFE_SUFFIXES:
        suffix = ".xls" if target == "xlsx" else ".doc"
    with tempfile.TemporaryDirectory(prefix="jixiao-convert-") as folder:
        source = Path(folder) / f"input{suffix}"
        source.write_bytes(data)
        converted = convert(name, source, target, timeout=limits.libreoffice_timeout_seconds)
    if target == "xlsx":
        from jixiao.read.sheet import read_sheet  # noqa: PLC0415

        document = read_sheet(name, converted, limits=limits)
    else:
        from jixiao.read.docx import read_docx  # noqa: PLC0415

        document = read_docx(name, converted, limits=limits)
    return Document(file=name, blocks=document.blocks, warnings=(*document.warnings, MSG_CONVERTED))


def convert(name: str, source: Path, target: str, *, timeout: float) -> bytes:
    """Run `soffice --convert-to target` on `source`; return the converted file's bytes."""
    out_dir = source.parent / "out"
    out_dir.mkdir()
    # explicit export filter: HTML input opens in Writer/Web otherwise
    convert_to = f"{target}:{_EXPORT_FILTERS[target]}"
    try:
        conversion = run_conversion([source], out_dir, convert_to, timeout=timeout)
    except LibreOfficeTimeoutError as error:
        raise ReadError(name, f"LibreOffice 转换超时（超过{timeout:g}秒），已停止") from error
    result = out_dir / f"{source.stem}.{target}"
    if conversion.returncode != 0 or not result.is_file():
        raise ReadError(name, "LibreOffice 无法转换该文件，文件可能已损坏、已加密或不是Word/WPS文档")
    return result.read_bytes()
