"""Spreadsheet 计分表 and 完成情况表 whose title and header lines are rows above the column header.

A workbook has no paragraphs: system exports (and jixiao's own .xlsx) print the title, （项目名称） and
预算单位名称/编码/自评等级 as sheet rows above 一级指标/三级指标. The fixtures' .xlsx lack those rows, so
they are added here, in the layouts found in the wild, and the facts must come back from them.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from dataclasses import replace
from typing import TYPE_CHECKING

import pytest
from tests.recognize.accuracy import actual_fields

from jixiao.read.dispatch import read_bytes
from jixiao.read.document import Document, Merge, Table
from jixiao.recognize import import_bytes, recognize_document

if TYPE_CHECKING:
    from pathlib import Path

    from jixiao.model import Project

TITLE = "2022年度市本级项目支出绩效自评计分表"
PROJECT = "（幸福资阳行慰问经费项目）"
UNIT_LINE = "预算单位名称：资阳市民政局\u3000\u3000预算单位编码：163001\u3000\u3000自评等级：优"
GOAL_TITLE = "2022年度市本级项目支出绩效目标完成情况表"
# Rows above the header, as the layouts print them (None: a blank cell).
LAYOUTS: dict[str, list[list[str | None]]] = {
    "one-cell-lines": [[TITLE], [PROJECT], [UNIT_LINE]],
    "label-value-cells": [
        [TITLE],
        [PROJECT],
        ["预算单位名称", "资阳市民政局", None, "预算单位编码：", "163001", "自评等级", "优"],
    ],
    "system-export": [
        [TITLE],
        ["项目名称：", "幸福资阳行慰问经费"],
        ["填报单位：资阳市民政局", None, None, "单位编码：", "163001"],
        ["自评等级：", "优"],
    ],
    "two-unit-lines-and-blanks": [
        [None],
        [TITLE],
        [None, PROJECT],
        ["预算单位名称：资阳市民政局", None, None, "预算单位编码：163001"],
        ["自评等级：优"],
        [None],
        [None],
    ],
}


def _with_rows_above(doc: Document, sheet: str, rows: list[list[str | None]]) -> Document:
    """Return `doc` with `rows` inserted above the grid of `sheet` (merges shifted down)."""
    blocks = []
    for block in doc.blocks:
        if isinstance(block, Table) and block.sheet == sheet:
            width = block.n_cols
            above = tuple(tuple(row + [None] * (width - len(row)))[:width] for row in rows)
            above = tuple(tuple("" if text is None else text for text in row) for row in above)
            shift = len(rows)
            merges = tuple(
                Merge(m.first_row + shift, m.first_col, m.last_row + shift, m.last_col) for m in block.merges
            )
            block = replace(block, grid=above + block.grid, merges=merges)  # noqa: PLW2901
        blocks.append(block)
    return replace(doc, blocks=tuple(blocks))


def _only(doc: Document) -> Project:
    projects, _ = recognize_document(doc)
    assert len(projects) == 1
    return projects[0]


@pytest.fixture(scope="module")
def a01_xlsx(fixtures_dir: Path) -> Document:
    return read_bytes("ziyang-2022-a01.xlsx", (fixtures_dir / "ziyang-2022-a01.xlsx").read_bytes())


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_score_sheet_header_rows_give_the_header_facts(a01_xlsx: Document, layout: str) -> None:
    plain = _only(a01_xlsx)
    project = _only(_with_rows_above(a01_xlsx, "表1", LAYOUTS[layout]))
    sheet = project.score_sheet
    assert sheet is not None
    assert sheet.title.value == TITLE
    assert sheet.stated_grade.value == "优"
    assert project.year.value == 2022
    assert (project.unit.value, project.unit_code.value) == ("资阳市民政局", "163001")
    # The rows above change nothing else: same items, scores and totals as the plain sheet.
    assert actual_fields(project) | {"year": None, "stated_grade": None} == actual_fields(plain) | {
        "year": None,
        "stated_grade": None,
    }
    assert sheet.title.location is not None
    assert sheet.title.location.sheet == "表1"
    assert sheet.title.location.row == LAYOUTS[layout].index([TITLE]) + 1
    assert sheet.stated_grade.location is not None
    assert sheet.stated_grade.location.file == "ziyang-2022-a01.xlsx"


@pytest.mark.parametrize("layout", ["one-cell-lines", "system-export"])
def test_score_sheet_project_line_names_an_unpaired_sheet(a01_xlsx: Document, layout: str) -> None:
    only_sheet = replace(a01_xlsx, blocks=a01_xlsx.blocks[:1])
    project = _only(_with_rows_above(only_sheet, "表1", LAYOUTS[layout]))
    assert project.name.value == "幸福资阳行慰问经费"
    assert project.name.location is not None
    assert project.name.location.row == 2


def test_header_far_down_is_still_found(a01_xlsx: Document) -> None:
    rows: list[list[str | None]] = [[None]] * 8 + [[TITLE]]
    project = _only(_with_rows_above(a01_xlsx, "表1", rows))
    assert project.score_sheet is not None
    assert len(project.score_sheet.items) == 20


def test_goal_table_title_row_gives_the_year(a01_xlsx: Document) -> None:
    goal_only = replace(a01_xlsx, blocks=a01_xlsx.blocks[1:])
    project = _only(_with_rows_above(goal_only, "表2", [[GOAL_TITLE]]))
    assert project.goal_table is not None
    assert project.goal_table.title.value == GOAL_TITLE
    assert project.year.value == 2022
    assert project.year.location is not None
    assert (project.year.location.sheet, project.year.location.row) == ("表2", 1)


def test_sheet_year_wins_over_a_stale_goal_table_year(a01_xlsx: Document) -> None:
    doc = _with_rows_above(a01_xlsx, "表1", LAYOUTS["one-cell-lines"])
    doc = _with_rows_above(doc, "表2", [["2021年度市本级项目支出绩效目标完成情况表"]])
    projects, findings = recognize_document(doc)
    assert projects[0].year.value == 2022
    assert any(f.rule == "I08" and f.values.get("second") == "2021" for f in findings)


def _xlsx_with_rows_above(fixture: Path) -> bytes:
    """Write the fixture's 计分表 sheet again with the three header lines as rows 1-3 (openpyxl)."""
    from openpyxl import Workbook, load_workbook  # noqa: PLC0415

    source = load_workbook(fixture)["表1"]
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "计分表"
    for number, text in enumerate((TITLE, PROJECT, UNIT_LINE), start=1):
        sheet.cell(row=number, column=1, value=text)
        sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=7)
    for row in source.iter_rows():
        for cell in row:
            if cell.value is not None and cell.row is not None and cell.column is not None:
                sheet.cell(row=cell.row + 3, column=cell.column, value=cell.value)
    for merged in source.merged_cells.ranges:
        sheet.merge_cells(
            start_row=merged.min_row + 3,
            start_column=merged.min_col,
            end_row=merged.max_row + 3,
            end_column=merged.max_col,
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _assert_header_facts(project: Project, file: str) -> None:
    assert project.score_sheet is not None
    assert len(project.score_sheet.items) == 20
    assert project.year.value == 2022
    assert project.score_sheet.stated_grade.value == "优"
    assert project.name.value == "幸福资阳行慰问经费"
    assert project.source_files == (file,)
    assert project.score_sheet.title.location is not None
    assert project.score_sheet.title.location.file == file


def test_xlsx_written_with_header_rows(fixtures_dir: Path) -> None:
    data = _xlsx_with_rows_above(fixtures_dir / "ziyang-2022-a01.xlsx")
    result = import_bytes("export.xlsx", data)
    assert result.errors == ()
    _assert_header_facts(result.projects[0], "export.xlsx")


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_xls_and_et_with_header_rows(fixtures_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "export.xlsx"
    source.write_bytes(_xlsx_with_rows_above(fixtures_dir / "ziyang-2022-a01.xlsx"))
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "xls",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data = (tmp_path / "export.xls").read_bytes()
    for name in ("export.xls", "export.et"):
        result = import_bytes(name, data)
        assert result.errors == ()
        _assert_header_facts(result.projects[0], name)
