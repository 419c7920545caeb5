"""The same project in several files of one batch (B02 across files)."""

from __future__ import annotations

from decimal import Decimal

from jixiao.batch.crosscheck import duplicate_projects, project_identity
from jixiao.batch.summary import SummaryRow
from jixiao.model import Severity


def row(title: str, code: str = "", *, main: bool = True) -> SummaryRow:
    return SummaryRow(key=title, title=title, code=code, total=Decimal(90), main=main)


def test_names_match_without_spaces_and_punctuation_and_codes_win():
    assert project_identity(row("视频接访（维护）经费")) == project_identity(row("视频接访 维护 经费"))
    assert project_identity(row("甲", code="51R1")) != project_identity(row("甲", code="51R2"))
    assert project_identity(row("（未命名项目）")) == ""


def test_a_project_in_two_files_warns_in_both():
    rows = [
        ("/in/a.docx", row("农村道路建设")),
        ("/in/a.xlsx", row("农村道路 建设")),
        ("/in/b.docx", row("校舍维修")),
        ("/in/c.docx", row("校舍维修", main=False)),  # a second scheme's row does not count
    ]
    found = duplicate_projects(rows)
    assert [(path, f.rule, f.severity, f.values["files"]) for path, f in found] == [
        ("/in/a.docx", "B02", Severity.warning, "a.xlsx"),
        ("/in/a.xlsx", "B02", Severity.warning, "a.docx"),
    ]


def test_duplicates_inside_one_file_are_left_to_the_catalogue():
    assert duplicate_projects([("/in/a.docx", row("甲项目")), ("/in/a.docx", row("甲项目"))]) == []
