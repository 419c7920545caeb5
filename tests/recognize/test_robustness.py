"""The same documents, disturbed the way real files are: the recognized values must not change.

Disturbances: labels split by spaces ("项 目 名 称") with Word bookmark residue in front, and the
reports of a combined file moved before the forms.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from jixiao.recognize import import_bytes

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
LABELS = {
    "项目名称",
    "主管部门",
    "合计",
    "一级指标",
    "二级指标",
    "三级指标",
    "指标性质",
    "指标值",
    "度量单位",
    "完成值",
    "权重",
    "自评得分",
    "未完成原因分析",
    "年初预算",
    "调整后预算数",
    "预算执行数",
    "预算执行率",
    "总额",
    "其他资金",
    "自评结论",
    "指标解释",
    "预算额(百元)",
    "执行额(百元)",
    "财政拨款",
    "部门（单位）名称",
    "预算单位编码",
}


def _values(value: Any) -> Any:
    """Drop raw text and locations: what is compared is what the documents state."""
    if isinstance(value, dict):
        return {k: _values(v) for k, v in value.items() if k not in {"raw", "location"}}
    if isinstance(value, list):
        return [_values(v) for v in value]
    return value


def _projects(name: str, data: bytes) -> list[Any]:
    result = import_bytes(name, data)
    return [_values(p.model_dump(mode="json", exclude={"source_files"})) for p in result.projects]


def _spaced(line: str) -> str:
    if not line.startswith("\t") or line[1:].strip() not in LABELS:
        return line
    return "\t[bookmark: OLE_LINK3]" + " ".join(line[1:].strip())


@pytest.mark.parametrize("seed", sorted(p.name for p in SEEDS.glob("*.txt")))
def test_labels_split_by_spaces_with_bookmarks_give_the_same_values(seed: str) -> None:
    text = (SEEDS / seed).read_text(encoding="utf-8")
    disturbed = "\n".join(_spaced(line) for line in text.split("\n"))
    assert disturbed != text
    assert _projects(seed, disturbed.encode()) == _projects(seed, text.encode())


def test_reports_before_their_forms_are_paired_all_the_same() -> None:
    lines = (SEEDS / "lizhou-2023-combined.txt").read_text(encoding="utf-8").split("\n")
    start = next(i for i, line in enumerate(lines) if line.strip() == "附件2")
    moved = "\n".join([*lines[start:], "", "", "", *lines[:start]])
    original = _projects("c.txt", "\n".join(lines).encode())
    reordered = _projects("c.txt", moved.encode())
    assert len(reordered) == 4
    key = lambda project: project["name"]["value"]  # noqa: E731
    assert sorted(reordered, key=key) == sorted(original, key=key)
