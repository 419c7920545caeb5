"""Chinese messages for pydantic validation errors, keyed by the error's key path.

Shared by the scheme loader and the CLI input reader, so that both say `path: 未知字段`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails

    from jixiao.schemes.yamlfile import Path

_SIMPLE = {
    "extra_forbidden": "未知字段",
    "decimal_parsing": "不是有效的数字",
    "decimal_type": "不是有效的数字",
    "decimal_whole_digits": "不是有效的数字",
    "finite_number": "不是有效的数字",
    "int_parsing": "不是有效的整数",
    "int_type": "不是有效的整数",
    "int_from_float": "不是有效的整数",
    "bool_parsing": "应为 true 或 false",
    "bool_type": "应为 true 或 false",
    "string_type": "应为文字",
    "model_type": "应为映射（键: 值）",
    "model_attributes_type": "应为映射（键: 值）",
    "dict_type": "应为映射（键: 值）",
    "tuple_type": "应为列表",
    "list_type": "应为列表",
    "date_parsing": "不是有效的日期（应为 YYYY-MM-DD）",
    "date_type": "不是有效的日期（应为 YYYY-MM-DD）",
    "date_from_datetime_parsing": "不是有效的日期（应为 YYYY-MM-DD）",
}


def validation_problems(error: ValidationError) -> list[tuple[Path, str]]:
    """Return `(key path, Chinese message)` for every error pydantic found, in its order."""
    problems: list[tuple[Path, str]] = []
    for detail in error.errors():
        path = _clean_path(tuple(detail["loc"]))
        problems.append((path, _message(detail)))
    return problems


def _clean_path(loc: tuple[Any, ...]) -> Path:
    # Tagged unions and `Stated` add synthetic steps ("function-before[...]", "value"); drop them so the
    # path is the one the author wrote.
    parts: list[str | int] = [part for part in loc if not (isinstance(part, str) and "[" in part)]
    if parts and parts[-1] == "value":
        parts.pop()
    return tuple(parts)


_BOUNDS = {
    "greater_than": ("必须大于", "gt"),
    "greater_than_equal": ("不能小于", "ge"),
    "less_than": ("必须小于", "lt"),
    "less_than_equal": ("不能大于", "le"),
}


def _message(detail: ErrorDetails) -> str:
    kind = str(detail["type"])
    context: dict[str, Any] = dict(detail.get("ctx") or {})
    loc = tuple(detail["loc"])
    if kind == "missing":
        source = bool(loc) and loc[-1] == "source"
        return "缺少 source：含数字的块必须注明来源" if source else "缺少必填字段"
    templates = {
        "literal_error": "取值无效，允许：{expected}",
        "enum": "取值无效，允许：{expected}",
        "string_pattern_mismatch": "格式不符（应匹配 {pattern}）",
        "too_short": "不能为空",
        "value_error": "{error}",
    }
    if kind in _BOUNDS:
        words, key = _BOUNDS[kind]
        return f"{words}{context.get(key, '')}"
    if kind in templates:
        return templates[kind].format_map({"expected": "", "pattern": "", "error": detail["msg"], **context})
    return _SIMPLE.get(kind, str(detail["msg"]))
