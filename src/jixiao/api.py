"""The public Python API: the one surface the CLI and the web app call (STYLE §1).

Each function imports its stage lazily so that `import jixiao.api` stays cheap and a stage that is
not needed (LibreOffice, matplotlib) is never loaded.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.model import (
    Batch,
    Finding,
    Grade,
    Location,
    Money,
    MoneyUnit,
    Project,
    ScoredEvaluation,
    ScoredItem,
    Severity,
    Stated,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path
    from typing import Any

    from jixiao.read.document import Document
    from jixiao.schemes import Scheme

__all__ = [
    "Batch",
    "Finding",
    "Grade",
    "Location",
    "Money",
    "MoneyUnit",
    "Project",
    "ScoredEvaluation",
    "ScoredItem",
    "Severity",
    "Stated",
    "input_json_schema",
    "list_schemes",
    "load_scheme",
    "read_file",
    "read_projects",
    "score_project",
]


def score_project(project: Project, scheme: str | None = None) -> list[ScoredEvaluation]:
    """Score a project under `scheme`, or under every scheme its documents call for."""
    from jixiao.scoring import score_project as _score  # noqa: PLC0415

    return _score(project, scheme)


def score_projects(projects: Sequence[Project], scheme: str | None = None) -> list[ScoredEvaluation]:
    """Score several projects; see `score_project`."""
    return [evaluation for project in projects for evaluation in score_project(project, scheme)]


def read_file(path: Path) -> Document:
    """Read a document file (.docx .xlsx .xls .et .doc .wps .pdf .txt) into a neutral `Document`."""
    from jixiao.read.dispatch import read_file as _read  # noqa: PLC0415

    return _read(path)


if TYPE_CHECKING:
    from jixiao.recognize.importing import ImportResult

__all__ += ["import_bytes", "import_file"]


def import_bytes(name: str, data: bytes) -> ImportResult:
    """Read a document's bytes and recognize its projects; read errors come back in `errors`."""
    from jixiao.recognize.importing import import_bytes as _import  # noqa: PLC0415

    return _import(name, data)


def import_file(path: str | Path) -> ImportResult:
    """Import one file (.docx .xlsx .txt …) into projects, import findings and read errors."""
    from jixiao.recognize.importing import import_file as _import  # noqa: PLC0415

    return _import(path)


def load_scheme(scheme_id: str) -> Scheme:
    """Return a shipped scoring scheme by id; raises `jixiao.schemes.UnknownSchemeError`."""
    from jixiao.schemes import load_scheme as _load  # noqa: PLC0415

    return _load(scheme_id)


def list_schemes() -> list[Scheme]:
    """Return every shipped scoring scheme, sorted by id."""
    from jixiao.schemes import list_schemes as _list  # noqa: PLC0415

    return _list()


def input_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of `jixiao score` input: one Project (or a list, or {"projects": [...]})."""
    schema = Project.model_json_schema()
    schema["title"] = "jixiao 项目（评分输入）"
    return schema


def read_projects(text: str, file_name: str) -> list[Project]:
    """Parse `jixiao score` input (JSON for *.json, else YAML); raises ValueError naming each bad field."""
    from jixiao.scoring.inputs import read_projects as _read_projects  # noqa: PLC0415

    return _read_projects(text, file_name)
