"""Tests for the calamine spreadsheet reader."""

from __future__ import annotations

import datetime as dt
import io
import resource
import shutil
import subprocess
from typing import TYPE_CHECKING

import openpyxl
import pytest

if TYPE_CHECKING:
    from pathlib import Path

from jixiao.read.dispatch import read_bytes
from jixiao.read.document import Merge, ReadError
from jixiao.read.docx import read_docx
from jixiao.read.sheet import format_float, format_value, read_sheet


def workbook_bytes(workbook: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_fixture_sheets_become_tables_with_names_and_merges(fixtures_dir: Path) -> None:
    document = read_sheet("lizhou-2023-p1.xlsx", (fixtures_dir / "lizhou-2023-p1.xlsx").read_bytes())
    table = document.tables[0]
    assert table.sheet == "表1"
    assert table.index == 1
    assert table.text(2, 0) == "项目名称"
    assert table.text(2, 1) == "视频接访及视频会议维护经费"
    assert Merge(4, 0, 6, 0) in table.merges
    assert table.grid[5][0] is None
    assert [t.sheet for t in document.tables] == ["表1", "表2", "表3"]


def test_fixture_xlsx_and_docx_give_the_same_first_grid(fixtures_dir: Path) -> None:
    sheet = read_sheet("a.xlsx", (fixtures_dir / "ziyang-2022-a01.xlsx").read_bytes()).tables[0]
    word = read_docx("a.docx", (fixtures_dir / "ziyang-2022-a01.docx").read_bytes()).tables[0]
    assert sheet.text(2, 1) == word.text(2, 1)
    assert sheet.n_rows == word.n_rows


def test_values_render_as_people_see_them() -> None:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["B2"] = "文本"
    sheet["C2"] = 12.0
    sheet["D2"] = 0.1 + 0.2
    sheet["E2"] = 95.5
    sheet["B3"] = dt.date(2023, 12, 31)
    sheet["C3"] = dt.datetime(2023, 1, 2, 3, 4, 5)  # noqa: DTZ001 (spreadsheets hold naive times)
    sheet["D3"] = True
    sheet["E3"] = 7
    sheet.merge_cells("B4:C5")
    sheet["B4"] = "合并"
    document = read_sheet("v.xlsx", workbook_bytes(workbook))
    table = document.tables[0]
    assert table.grid[0] == ("", "", "", "", "")  # absolute positions: row 1 is empty
    assert table.grid[1] == ("", "文本", "12", "0.3", "95.5")
    assert table.grid[2] == ("", "2023-12-31", "2023-01-02 03:04:05", "TRUE", "7")
    assert table.grid[3][1:3] == ("合并", None)
    assert table.merges == (Merge(3, 1, 4, 2),)


def test_empty_sheets_are_skipped_and_index_counts_tables() -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "空"
    workbook.create_sheet("数据")["A1"] = "x"
    document = read_sheet("e.xlsx", workbook_bytes(workbook))
    assert [(t.index, t.sheet) for t in document.tables] == [(1, "数据")]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (0.30000000000000004, "0.3"),
        (100.0, "100"),
        (1e-7, "0.0000001"),
        (1.5e20, "150000000000000000000"),
        (-2.25, "-2.25"),
        (123456.789, "123456.789"),
    ],
)
def test_format_float(value: float, text: str) -> None:
    assert format_float(value) == text


def test_format_value_of_time() -> None:
    assert format_value(dt.time(8, 30)) == "08:30:00"


def test_damaged_workbook_is_a_read_error() -> None:
    with pytest.raises(ReadError) as caught:
        read_sheet("bad.xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "损坏" in caught.value.message


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_xls_and_et_made_by_libreoffice_read_like_the_xlsx(fixtures_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "form.xlsx"
    source.write_bytes((fixtures_dir / "lizhou-2023-p1.xlsx").read_bytes())
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
    xls = (tmp_path / "form.xls").read_bytes()
    original = read_sheet("form.xlsx", source.read_bytes()).tables[0]
    for name in ("form.xls", "form.et"):
        table = read_sheet(name, xls).tables[0]
        assert table.text(2, 1) == original.text(2, 1) == "视频接访及视频会议维护经费"
        assert set(table.merges) == set(original.merges)
    assert read_bytes("form.et", xls).tables[0].text(2, 0) == "项目名称"  # OLE2 workbook sniffed by content


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")
def test_sparse_xls_is_refused_before_calamine_allocates_it(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "x"
    workbook.active["IV65536"] = 1  # the last cell of a BIFF8 sheet: 16.7 million cells apart
    (tmp_path / "sparse.xlsx").write_bytes(workbook_bytes(workbook))
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "xls",
            "--outdir",
            str(tmp_path),
            str(tmp_path / "sparse.xlsx"),
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    data = (tmp_path / "sparse.xls").read_bytes()
    assert len(data) < 64 * 1024
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with pytest.raises(ReadError) as caught:
        read_sheet("sparse.xls", data)
    assert "第1个" in caught.value.message
    assert "过大" in caught.value.message
    assert (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024 < 150  # MB
