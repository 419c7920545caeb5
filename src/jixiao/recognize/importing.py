"""The I/O edge of import: read bytes or a file with the right reader, then recognize.

Read errors never leave as exceptions: they become `ImportResult.errors` (Chinese, naming the file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from jixiao.read.document import Document, ReadError
from jixiao.recognize.document import recognize_document

if TYPE_CHECKING:
    from jixiao.model import Finding, Project

MAX_FILE_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class ImportResult:
    """Projects found, import findings (I-rules) and read errors, for one or more files."""

    projects: tuple[Project, ...] = ()
    findings: tuple[Finding, ...] = ()
    errors: tuple[str, ...] = field(default=())

    def merge(self, other: ImportResult) -> ImportResult:
        """Return both results together, in order."""
        return ImportResult(
            self.projects + other.projects, self.findings + other.findings, self.errors + other.errors
        )


def import_bytes(name: str, data: bytes) -> ImportResult:
    """Read `data` (named `name`, whose extension picks the reader) and recognize its projects.

    Locations and `Project.source_files` carry the file name without folders ("a/b/表.xlsx" → "表.xlsx").
    """
    name = PurePosixPath(name.replace("\\", "/")).name or name
    try:
        document = _read(name, data)
    except ReadError as error:
        return ImportResult(errors=(f"{error.file}：{error.message}",))
    except Exception as error:  # noqa: BLE001  (untrusted input: any reader failure is a read error)
        return ImportResult(errors=(f"{name}：无法读取（{type(error).__name__}: {error}）",))
    projects, findings = recognize_document(document)
    return ImportResult(tuple(projects), tuple(findings))


def import_file(path: str | Path) -> ImportResult:
    """Import one file from disk; a missing or unreadable file becomes an error, not an exception."""
    file = Path(path)
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            return ImportResult(
                errors=(f"{file.name}：文件过大（超过 {MAX_FILE_BYTES // 1024 // 1024} MB）",)
            )
        data = file.read_bytes()
    except OSError as error:
        return ImportResult(errors=(f"{file.name}：无法打开（{error.strerror or error}）",))
    return import_bytes(file.name, data)


def _read(name: str, data: bytes) -> Document:
    """Pick the reader by content and extension (`jixiao.read.dispatch`)."""
    from jixiao.read.dispatch import read_bytes  # noqa: PLC0415  (readers load lazily)

    return read_bytes(name, data)
