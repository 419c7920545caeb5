"""Read YAML into plain Python with a line number for every key path (STYLE §2, §5).

Floats become `Decimal` built from their text (never through binary floating point), duplicate keys
are reported instead of silently overwritten, and every problem carries the line it stands on. Used for
scheme files, scoring case files and CLI input.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import yaml

Path = tuple[str | int, ...]

_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_CONSTRUCTOR = yaml.constructor.SafeConstructor()


@dataclass(frozen=True, slots=True)
class YamlIssue:
    """A problem found while reading YAML: where (line, key path) and what (Chinese message)."""

    line: int
    path: Path
    message: str


@dataclass(slots=True)
class YamlDocument:
    """Plain data plus the 1-based line of each key path and the problems met on the way."""

    data: Any
    lines: dict[Path, int] = field(default_factory=dict)
    issues: list[YamlIssue] = field(default_factory=list)
    seen: set[int] = field(default_factory=set, repr=False)  # ids of container nodes already converted

    def line_of(self, path: Path) -> int:
        """Return the line of `path`, or of its nearest ancestor that has one."""
        probe = tuple(path)
        while probe:
            if probe in self.lines:
                return self.lines[probe]
            probe = probe[:-1]
        return self.lines.get((), 1)


def format_path(path: Path) -> str:
    """Render a key path as `groups[0].items[2].points`."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


def read_yaml(text: str) -> YamlDocument:
    """Parse one YAML document; a syntax error becomes an issue, never an exception."""
    document = YamlDocument(data=None)
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        document.issues.append(YamlIssue(line, (), f"YAML 语法错误：{getattr(error, 'problem', error)}"))
        return document
    if node is None:
        return document
    document.data = _convert(node, (), document)
    return document


def _convert(node: yaml.Node, path: Path, document: YamlDocument) -> object:
    if isinstance(node, (yaml.MappingNode, yaml.SequenceNode)):
        # An alias makes the same node appear twice; refusing them stops "billion laughs" inputs.
        if id(node) in document.seen:
            line = document.line_of(path)
            document.issues.append(YamlIssue(line, path, "不支持 YAML 锚点与别名（&、*）"))
            return None
        document.seen.add(id(node))
    document.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        return _convert_mapping(node, path, document)
    if isinstance(node, yaml.SequenceNode):
        return [_convert(child, (*path, index), document) for index, child in enumerate(node.value)]
    if isinstance(node, yaml.ScalarNode):
        return _convert_scalar(node, path, document)
    return None


def _convert_mapping(node: yaml.MappingNode, path: Path, document: YamlDocument) -> dict[str, object]:
    result: dict[str, object] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        key_path = (*path, key)
        if key in result:
            document.issues.append(YamlIssue(key_node.start_mark.line + 1, key_path, "重复的键"))
            continue
        document.lines[key_path] = key_node.start_mark.line + 1
        result[key] = _convert(value_node, key_path, document)
    return result


def _convert_scalar(node: yaml.ScalarNode, path: Path, document: YamlDocument) -> object:
    text = str(node.value)
    if node.tag == _FLOAT:
        return _decimal(text, node.start_mark.line + 1, path, document)
    if node.tag == _INT:
        return int(_CONSTRUCTOR.construct_yaml_int(node))
    if node.tag == _BOOL:
        return text.lower() in {"true", "yes", "on", "y"}
    if node.tag == _TIMESTAMP:
        stamp = _CONSTRUCTOR.construct_yaml_timestamp(node)
        return stamp if isinstance(stamp, dt.date) else text
    return None if node.tag == _NULL else text


def _decimal(text: str, line: int, path: Path, document: YamlDocument) -> Decimal | None:
    """A YAML float as the Decimal its text spells (1.10 stays 1.10); inf and nan are refused."""
    try:
        value = Decimal(text.replace("_", ""))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        document.issues.append(YamlIssue(line, path, f"不是有效的数字：{text}"))
        return None
    return value
