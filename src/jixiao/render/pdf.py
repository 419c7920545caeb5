"""Convert .docx to PDF with LibreOffice headless, using our fonts.conf (stack.md §3, §5).

LibreOffice runs through `jixiao.libreoffice` (a profile per process and thread, so parallel workers
never share one; a timeout ends the whole process group).
`FONTCONFIG_FILE` points at `fonts.conf` beside this module, which maps 宋体/仿宋/仿宋_GB2312/楷体/
方正小标宋简体 to Noto Serif CJK SC and 黑体 to Noto Sans CJK SC.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.libreoffice import LibreOfficeTimeoutError, find_soffice, run_conversion

if TYPE_CHECKING:
    from collections.abc import Sequence

FONTS_CONF = Path(__file__).with_name("fonts.conf")
DEFAULT_TIMEOUT = 120.0  # seconds per LibreOffice call (a cold start takes 2–5 s)


class PdfConversionError(RuntimeError):
    """LibreOffice is missing, failed, timed out or produced no PDF."""


def soffice_path() -> str:
    """The LibreOffice executable, or raise when it is not installed."""
    found = find_soffice()
    if found is None:
        msg = "未找到 LibreOffice（soffice），无法生成 PDF；请运行 scripts/setup-system.sh 安装"
        raise PdfConversionError(msg)
    return found


def convert_to_pdf(docx_bytes: bytes, timeout: float = DEFAULT_TIMEOUT) -> bytes:
    """Return the PDF of one .docx document."""
    return convert_many([docx_bytes], timeout=timeout)[0]


def convert_many(
    documents: Sequence[bytes], timeout: float = DEFAULT_TIMEOUT, suffix: str = "docx"
) -> list[bytes]:
    """Convert several documents in one LibreOffice run (each start costs 1–2 s); same order out."""
    if not documents:
        return []
    for index, data in enumerate(documents):
        if not _is_office_zip(data):
            # LibreOffice would happily print any bytes as plain text; refuse instead.
            msg = f"第{index + 1}个文件不是有效的 .{suffix} 文件，无法转换为 PDF"
            raise PdfConversionError(msg)
    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as folder:
        work = Path(folder)
        inputs = []
        for index, data in enumerate(documents):
            path = work / f"doc{index:05d}.{suffix}"
            path.write_bytes(data)
            inputs.append(path)
        out = work / "out"
        _run_soffice(out, inputs, timeout)
        results = []
        for path in inputs:
            pdf = out / (path.stem + ".pdf")
            if not pdf.is_file():
                msg = f"LibreOffice 未能生成 PDF（{path.name}）"
                raise PdfConversionError(msg)
            results.append(pdf.read_bytes())
        return results


def _is_office_zip(data: bytes) -> bool:
    """True for a zip package with a content-types part (what .docx/.xlsx are)."""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "[Content_Types].xml" in archive.namelist()
    except zipfile.BadZipFile:
        return False


def conversion_env(home: Path) -> dict[str, str]:
    """Environment for LibreOffice: our fontconfig file and a private HOME."""
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    env["HOME"] = str(home)
    env.pop("SAL_USE_VCLPLUGIN", None)
    return env


def _run_soffice(out: Path, inputs: list[Path], timeout: float) -> None:
    soffice_path()  # the Chinese "not installed" error, before anything runs
    try:
        # HOME is replaced by the profile folder in run_conversion.
        conversion = run_conversion(inputs, out, "pdf", timeout=timeout, environment=conversion_env(out))
    except LibreOfficeTimeoutError as error:
        msg = f"LibreOffice 转换超时（{timeout:g} 秒）"
        raise PdfConversionError(msg) from error
    if conversion.returncode != 0:
        stderr = conversion.stderr.decode(errors="replace")[-300:]
        msg = f"LibreOffice 转换失败（退出码 {conversion.returncode}）：{stderr}"
        raise PdfConversionError(msg)
