"""Finding a batch's input files on disk (the only file-system walk in `jixiao.batch`).

Directories are walked recursively in a stable order. Hidden files and folders, Office lock files
(`~$name.docx`) and the batch's own output folder are skipped. A file's region (地区) is the first
folder below the directory it was found under, or that directory's own name for files directly in it
(a bureau typically keeps one folder per county); a file named on the command line takes its parent's
name.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.batch.manifest import FileStat

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

# Formats the importer reads: Word/WPS documents, spreadsheets (incl. WPS .et), PDF with a text
# layer, text dumps, and model JSON exported by jixiao itself.
SUPPORTED_EXTENSIONS = frozenset({".docx", ".xlsx", ".xls", ".et", ".doc", ".wps", ".pdf", ".txt", ".json"})


def is_supported(path: Path) -> bool:
    """True for a file the batch should import (by extension, case-insensitive)."""
    name = path.name
    if name.startswith((".", "~$")):
        return False
    return path.suffix.lower() in SUPPORTED_EXTENSIONS


def discover(inputs: Iterable[Path], exclude: Iterable[Path] = ()) -> list[FileStat]:
    """Return every supported file under the inputs, once each, in a stable order."""
    excluded = {path.resolve() for path in exclude}
    found: dict[str, FileStat] = {}
    for root in inputs:
        for path, region in _walk(root.resolve(), excluded):
            info = path.stat()
            key = str(path)
            found.setdefault(key, FileStat(key, info.st_size, info.st_mtime_ns, region))
    return list(found.values())


def _walk(root: Path, excluded: set[Path]) -> Iterator[tuple[Path, str]]:
    if root.is_file():
        if is_supported(root):
            yield root, root.parent.name
        return
    if not root.is_dir():
        raise FileNotFoundError(root)
    for folder, dirs, files in os.walk(root):
        here = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and (here / d).resolve() not in excluded)
        relative = here.relative_to(root)
        region = relative.parts[0] if relative.parts else root.name
        for name in sorted(files):
            path = here / name
            if is_supported(path) and path.is_file():
                yield path, region
