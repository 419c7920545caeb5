"""项目年度目标 and 年度目标完成情况 are read under their own headers, so either may be blank."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import pytest

from jixiao.read.dispatch import read_bytes
from jixiao.read.document import Document, Table
from jixiao.recognize import recognize_document

if TYPE_CHECKING:
    from pathlib import Path

    from jixiao.model import SelfEvalForm


def _blanked(doc: Document, column: str) -> Document:
    """Blank the value under the header `column` of the 项目年度目标 row."""
    table = doc.tables[0]
    header = next(n for n, row in enumerate(table.grid) if "项目年度目标" in row)
    col = table.grid[header].index(column)
    grid = [list(row) for row in table.grid]
    grid[header + 1][col] = ""
    blanked = replace(table, grid=tuple(tuple(row) for row in grid))
    return replace(doc, blocks=tuple(blanked if b is table else b for b in doc.blocks))


def _form(doc: Document) -> SelfEvalForm:
    projects, _ = recognize_document(doc)
    form = projects[0].self_eval_form
    assert form is not None
    return form


@pytest.mark.parametrize("suffix", [".docx", ".xlsx", ".txt"])
def test_blank_outcome_keeps_the_goal(shared_dir: Path, suffix: str) -> None:
    folder = "seeds" if suffix == ".txt" else "fixtures"
    path = shared_dir / folder / f"lizhou-2023-p1{suffix}"
    doc = read_bytes(path.name, path.read_bytes())
    assert isinstance(doc.tables[0], Table)
    plain = _form(doc)
    assert plain.annual_goal.value
    assert plain.goal_outcome.value
    no_outcome = _form(_blanked(doc, "年度目标完成情况"))
    assert no_outcome.annual_goal.value == plain.annual_goal.value
    assert no_outcome.goal_outcome.value is None
    no_goal = _form(_blanked(doc, "项目年度目标"))
    assert no_goal.annual_goal.value is None
    assert no_goal.goal_outcome.value == plain.goal_outcome.value
