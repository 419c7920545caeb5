"""Load, validate and list scheme files (`schemes/*.yaml`; the file name is the scheme id).

All problems of a file are reported at once as `file:line key.path: message` (STYLE §2.8).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path as FilePath
from typing import Any

from pydantic import ValidationError

from jixiao.schemes.messages import validation_problems
from jixiao.schemes.model import Scheme
from jixiao.schemes.verify import verify_scheme
from jixiao.schemes.yamlfile import Path, YamlDocument, format_path, read_yaml

SCHEME_DIR = FilePath(__file__).resolve().parent


@dataclass(frozen=True, slots=True)
class SchemeIssue:
    """One problem in a scheme file."""

    file: str
    line: int
    path: str
    message: str

    def __str__(self) -> str:
        """Render as `file:line key.path: message`."""
        where = f"{self.file}:{self.line}"
        return f"{where} {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


class SchemeError(ValueError):
    """A scheme file that does not load; `issues` lists every problem found."""

    def __init__(self, issues: list[SchemeIssue]) -> None:
        """Keep the issues; the message lists them one per line."""
        self.issues = issues
        super().__init__("\n".join(str(issue) for issue in issues))


class UnknownSchemeError(KeyError):
    """No scheme file has this id."""

    def __str__(self) -> str:
        """Name the id and the known ones, in Chinese."""
        known = "、".join(scheme_ids())
        return f"未知的评分方案：{self.args[0]}（可用：{known}）"


def parse_scheme(text: str, file_name: str) -> Scheme:
    """Validate scheme text; raise `SchemeError` listing every problem."""
    document = read_yaml(text)
    issues = [
        SchemeIssue(file_name, issue.line, format_path(issue.path), issue.message)
        for issue in document.issues
    ]
    if document.data is None and not issues:
        issues.append(SchemeIssue(file_name, 1, "", "文件为空"))
    if issues:
        raise SchemeError(issues)
    try:
        scheme = Scheme.model_validate(document.data)
    except ValidationError as error:
        problems = validation_problems(error)
        raise SchemeError(
            [_issue(file_name, document, path, message) for path, message in problems]
        ) from None
    problems = verify_scheme(scheme)
    stem = FilePath(file_name).name.removesuffix(".yaml")
    if stem != scheme.id:
        problems.insert(0, (("id",), f"方案编号 {scheme.id} 与文件名 {stem} 不一致"))
    if problems:
        raise SchemeError([_issue(file_name, document, path, message) for path, message in problems])
    return scheme


def load_scheme_file(path: FilePath) -> Scheme:
    """Load one scheme file from disk."""
    return parse_scheme(path.read_text(encoding="utf-8"), path.name)


def scheme_ids() -> list[str]:
    """Return the ids of the shipped schemes, sorted."""
    return sorted(path.stem for path in SCHEME_DIR.glob("*.yaml"))


@lru_cache(maxsize=32)
def load_scheme(scheme_id: str) -> Scheme:
    """Return the shipped scheme with this id (cached; schemes are immutable)."""
    path = SCHEME_DIR / f"{scheme_id}.yaml"
    if scheme_id not in scheme_ids():
        raise UnknownSchemeError(scheme_id)
    return load_scheme_file(path)


def list_schemes() -> list[Scheme]:
    """Return every shipped scheme, sorted by id."""
    return [load_scheme(scheme_id) for scheme_id in scheme_ids()]


def scheme_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of the scheme format, for scheme authors' editors."""
    schema = Scheme.model_json_schema()
    schema["$id"] = "https://jixiao.invalid/schemas/scheme.json"
    schema["title"] = "jixiao 评分方案"
    return schema


def scheme_json_schema_text() -> str:
    """Return the JSON Schema as the text stored in `schemes/scheme.schema.json`."""
    return json.dumps(scheme_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_scheme_json_schema() -> FilePath:
    """Regenerate `schemes/scheme.schema.json` (a test fails when it is stale); return its path."""
    path = SCHEME_DIR / "scheme.schema.json"
    path.write_text(scheme_json_schema_text(), encoding="utf-8")
    return path


def _issue(file_name: str, document: YamlDocument, path: Path, message: str) -> SchemeIssue:
    return SchemeIssue(file_name, document.line_of(path), format_path(path), message)
