"""Scoring schemes (评分方案) as data: one YAML file per form, year and place, with sources.

`load_scheme(id)` validates a shipped file with pydantic (unknown keys, duplicate keys, numbers
without a source and mismatched printed totals are errors, all reported at once with file:line and
key path). Imports `jixiao.model` only.
"""

from __future__ import annotations

from jixiao.schemes.loader import (
    SchemeError,
    SchemeIssue,
    UnknownSchemeError,
    list_schemes,
    load_scheme,
    load_scheme_file,
    parse_scheme,
    scheme_ids,
    scheme_json_schema,
)
from jixiao.schemes.model import Scheme

__all__ = [
    "Scheme",
    "SchemeError",
    "SchemeIssue",
    "UnknownSchemeError",
    "list_schemes",
    "load_scheme",
    "load_scheme_file",
    "parse_scheme",
    "scheme_ids",
    "scheme_json_schema",
]
