"""Checks across the files of a batch (pure): the same project submitted in more than one file.

The check catalogue compares projects within one file (rule B02, `checks/batch.py`); a bureau also
receives the same project twice in different files (a .docx and its .xlsx, a corrected resubmission).
Here the batch's summary rows are compared: the same project code, or, without codes, the same name
once spaces and punctuation are removed, in two or more files gives each of them a B02 warning.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.model import Finding, Location, Severity

if TYPE_CHECKING:
    from collections.abc import Sequence

    from jixiao.batch.summary import SummaryRow

RULE_ID = "B02"
RULE_NAME = "duplicate-project"
_NOISE = re.compile(r"[\s，,。.、；;：:？?！!（）()\"“”'‘’《》〈〉【】\[\]\-—_]")


def project_identity(row: SummaryRow) -> str:
    """Return what makes two rows the same project: the code when stated, else the squashed name."""
    if row.code.strip():
        return f"code:{row.code.strip()}"
    name = _NOISE.sub("", unicodedata.normalize("NFKC", row.title))
    return f"name:{name}" if name and row.title != "（未命名项目）" else ""


def duplicate_projects(rows: Sequence[tuple[str, SummaryRow]]) -> list[tuple[str, Finding]]:
    """Return a B02 warning for each (path, row) whose project also appears in another file."""
    groups: dict[str, list[tuple[str, SummaryRow]]] = {}
    for path, row in rows:
        identity = project_identity(row)
        if row.main and identity:
            groups.setdefault(identity, []).append((path, row))
    findings: list[tuple[str, Finding]] = []
    for members in groups.values():
        paths = sorted({path for path, _ in members})
        if len(paths) < 2:
            continue  # duplicates inside one file are the catalogue's B02
        for path, row in members:
            others = [Path(other).name for other in paths if other != path]
            message = f"项目「{row.title}」在同一批次中出现{len(members)}次（另见{'、'.join(others)}）"
            values = {"name": row.title, "count": str(len(members)), "files": "、".join(others)}
            locations = tuple(Location(file=Path(other).name, field="name") for other in [path, *others])
            finding = Finding(RULE_ID, Severity.warning, row.title, message, RULE_NAME, values, locations)
            findings.append((path, finding))
    return findings
