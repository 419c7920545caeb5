"""Read `jixiao score` input text: one Project, a list of Projects, or {"projects": [...]}.

JSON and YAML numbers become Decimal from their text. Every validation problem is reported with the
field path the author wrote (`projects[0].self_eval_form.indicators[2].weight: 不是有效的数字`).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pydantic import TypeAdapter, ValidationError

from jixiao.model.project import Batch, Project
from jixiao.schemes.messages import validation_problems
from jixiao.schemes.yamlfile import format_path, read_yaml

if TYPE_CHECKING:
    from jixiao.schemes.yamlfile import Path

_PROJECT_LIST = TypeAdapter(list[Project])
MAX_INPUT_CHARS = 20_000_000  # far above any real submission; input files are untrusted


class ProjectInputError(ValueError):
    """Input that is not a valid project file; `problems` holds `path: message` lines."""

    def __init__(self, file_name: str, problems: list[str]) -> None:
        """Keep the file name and the problems; the message lists them one per line."""
        self.file_name = file_name
        self.problems = problems
        super().__init__("\n".join(f"{file_name}: {problem}" for problem in problems))


def read_projects(text: str, file_name: str) -> list[Project]:
    """Parse JSON (`.json`) or YAML (anything else) project input; raise ProjectInputError."""
    if len(text) > MAX_INPUT_CHARS:
        raise ProjectInputError(file_name, [f"文件过大（超过{MAX_INPUT_CHARS // 1_000_000}M字符）"])
    data = _load(text, file_name)
    try:
        if isinstance(data, list):
            return _PROJECT_LIST.validate_python(data)
        if isinstance(data, dict) and "projects" in data:
            return list(Batch.model_validate(data).projects)
        return [Project.model_validate(data)]
    except ValidationError as error:
        raise ProjectInputError(
            file_name, [_line(path, message) for path, message in validation_problems(error)]
        ) from None


def input_json_schema() -> dict[str, Any]:
    """JSON Schema of one Project as `read_projects` accepts it, scalar shorthand for stated values included.

    A `Stated[T]` may be written as the bare value (`"weight": 10`) or as `{value, raw, location}`; money
    always needs the object form (`{"value": {"amount": "1.8", "unit": "万元"}}`).
    """
    schema = Project.model_json_schema()
    schema["title"] = "jixiao 项目（评分输入）"
    for name, definition in schema.get("$defs", {}).items():
        if not name.startswith("Stated_") or name == "Stated_Money_":
            continue
        value = definition["properties"]["value"]
        choices = [choice for choice in value.get("anyOf", [value]) if choice.get("type") != "null"]
        schema["$defs"][name] = {"title": definition.get("title", name), "anyOf": [*choices, definition]}
    return schema


def _load(text: str, file_name: str) -> object:
    if file_name.lower().endswith(".json"):
        try:
            return json.loads(text, parse_float=Decimal)
        except json.JSONDecodeError as error:
            problem = f"第{error.lineno}行第{error.colno}列: JSON 格式错误：{error.msg}"
            raise ProjectInputError(file_name, [problem]) from None
        except RecursionError:
            raise ProjectInputError(file_name, ["JSON 嵌套过深"]) from None
    document = read_yaml(text)
    if document.issues:
        problems = [
            f"第{issue.line}行 {format_path(issue.path)}: {issue.message}" for issue in document.issues
        ]
        raise ProjectInputError(file_name, problems)
    if document.data is None:
        raise ProjectInputError(file_name, ["文件为空"])
    return document.data


def _line(path: Path, message: str) -> str:
    shown = format_path(path)
    return f"{shown}: {message}" if shown else message
