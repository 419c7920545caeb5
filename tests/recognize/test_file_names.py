"""Every project and every location names the file it came from, in every format.

The checks point their findings at these locations; one without a file name leaves the reader guessing
which of a unit's uploads is meant.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from jixiao.model import Location
from jixiao.recognize import import_bytes

SHARED = Path(__file__).resolve().parents[3] / "shared"
INPUTS = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "fixtures").glob("*.*"))


def locations(value: Any) -> list[Location]:
    """Every Location inside a model value (projects, findings), depth first."""
    if isinstance(value, Location):
        return [value]
    if isinstance(value, BaseModel):
        return [loc for name in type(value).model_fields for loc in locations(getattr(value, name))]
    if isinstance(value, dict):
        return [loc for item in value.values() for loc in locations(item)]
    if isinstance(value, (list, tuple)):
        return [loc for item in value for loc in locations(item)]
    return []


def _assert_named(name: str, data: bytes) -> None:
    result = import_bytes(name, data)
    assert result.errors == ()
    assert result.projects
    for project in result.projects:
        assert project.source_files == (name,)
        found = locations(project)
        assert found
        assert {location.file for location in found} == {name}
    for finding in result.findings:
        assert finding.locations, finding
        assert {location.file for location in finding.locations} == {name}, finding


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_every_location_names_the_file(path: Path) -> None:
    _assert_named(path.name, path.read_bytes())


def test_folders_are_dropped_from_the_name() -> None:
    data = (SHARED / "fixtures" / "ziyang-2022-a01.xlsx").read_bytes()
    result = import_bytes("uploads/2022/资阳.xlsx", data)
    assert result.projects[0].source_files == ("资阳.xlsx",)
    result = import_bytes("C:\\单位\\资阳.xlsx", data)
    assert result.projects[0].source_files == ("资阳.xlsx",)


def test_findings_without_a_cell_point_at_the_form_table() -> None:
    """A 计分表 with its 合计 row cut off: I04 names the file and the sheet."""
    import io  # noqa: PLC0415

    from openpyxl import load_workbook  # noqa: PLC0415

    book = load_workbook(SHARED / "fixtures" / "ziyang-2022-a01.xlsx")
    sheet = book["表1"]
    total = next(row[0].row for row in sheet.iter_rows() if any(c.value == "合计" for c in row))
    sheet.delete_rows(total, sheet.max_row - total + 1)
    out = io.BytesIO()
    book.save(out)
    result = import_bytes("cut.xlsx", out.getvalue())
    missing = [f for f in result.findings if f.rule == "I04"]
    assert missing
    assert missing[0].locations[0].file == "cut.xlsx"
    assert missing[0].locations[0].sheet == "表1"


def test_unknown_layout_names_the_file() -> None:
    result = import_bytes("note.txt", "这是一份会议纪要。\n没有表格。\n".encode())
    assert [f.rule for f in result.findings] == ["I02"]
    assert result.findings[0].locations[0].file == "note.txt"
