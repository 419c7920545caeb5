"""Tests for the lxml .docx reader: real fixtures and small synthetic documents."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from pathlib import Path

from jixiao.read.document import Merge, ReadError, Table
from jixiao.read.docx import read_docx

# Every test here runs under both body scanners (compiled and pure Python; see conftest.py).
pytestmark = pytest.mark.usefixtures("docx_scanner")

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def make_docx(body: str, namespace: str = W_NS) -> bytes:
    """Build a minimal .docx whose body is `body` (w: prefixed XML)."""
    document = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{namespace}" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        f"<w:body>{body}</w:body></w:document>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", document)
    return buffer.getvalue()


def p(text: str, style: str = "") -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    return f"<w:p>{properties}<w:r><w:t>{text}</w:t></w:r></w:p>"


def tc(content: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{content}</w:tc>"


def tbl(*rows: str, columns: int = 0) -> str:
    grid = "<w:tblGrid>" + '<w:gridCol w:w="100"/>' * columns + "</w:tblGrid>" if columns else ""
    return f"<w:tbl>{grid}{''.join(rows)}</w:tbl>"


def tr(*cells: str, properties: str = "") -> str:
    return f"<w:tr><w:trPr>{properties}</w:trPr>{''.join(cells)}</w:tr>"


def read(body: str):
    return read_docx("t.docx", make_docx(body))


# --- fixtures -------------------------------------------------------------------------------------


def test_fixture_first_table_holds_title_and_project_name(fixtures_dir: Path) -> None:
    document = read_docx("lizhou-2023-p1.docx", (fixtures_dir / "lizhou-2023-p1.docx").read_bytes())
    table = document.tables[0]
    assert table.index == 1
    assert table.text(1, 0) == "2023年部门预算项目支出绩效自评表"
    assert table.text(1, 7) == "2023年部门预算项目支出绩效自评表"  # covered by the title's gridSpan
    assert table.grid[1][7] is None
    assert table.text(2, 0) == "项目名称"
    assert table.text(2, 1) == "视频接访及视频会议维护经费"
    assert Merge(1, 0, 1, 10) in table.merges


def test_fixture_vertical_merge_covers_a_column_of_rows(fixtures_dir: Path) -> None:
    table = read_docx("p1.docx", (fixtures_dir / "lizhou-2023-p1.docx").read_bytes()).tables[0]
    assert Merge(4, 0, 6, 0) in table.merges
    assert table.grid[4][0] == "项目基本情况"
    assert table.grid[5][0] is None
    assert table.text(6, 0) == "项目基本情况"


def test_fixture_paragraphs_are_numbered_in_body_order(fixtures_dir: Path) -> None:
    document = read_docx("p1.docx", (fixtures_dir / "lizhou-2023-p1.docx").read_bytes())
    indexes = [paragraph.index for paragraph in document.paragraphs]
    assert indexes == sorted(indexes)
    assert any("绩效自评报告" in paragraph.text for paragraph in document.paragraphs)
    # paragraphs and tables keep body order: the form's table comes before the report's paragraphs
    assert isinstance(document.blocks[0], Table)


@pytest.mark.parametrize("stem", ["lizhou-2023-p2", "ziyang-2022-a01", "lizhou-2023-combined"])
def test_fixture_grids_are_rectangular_and_merges_cover_none(fixtures_dir: Path, stem: str) -> None:
    document = read_docx(f"{stem}.docx", (fixtures_dir / f"{stem}.docx").read_bytes())
    assert document.tables
    for table in document.tables:
        assert len({len(row) for row in table.grid}) == 1
        for merge in table.merges:
            assert table.grid[merge.first_row][merge.first_col] is not None
            assert table.grid[merge.last_row][merge.last_col] is None or merge.first_row == merge.last_row


# --- synthetic ------------------------------------------------------------------------------------


def test_grid_span_and_vmerge_restart_continue_and_bare_continue() -> None:
    document = read(
        tbl(
            tr(tc(p("A"), '<w:gridSpan w:val="2"/>'), tc(p("B"), '<w:vMerge w:val="restart"/>')),
            tr(tc(p("C")), tc(p("D")), tc(p(""), '<w:vMerge w:val="continue"/>')),
            tr(tc(p("E")), tc(p("F")), tc(p(""), "<w:vMerge/>")),
            tr(tc(p("G")), tc(p("H")), tc(p("I"))),
        )
    )
    table = document.tables[0]
    assert table.grid[0] == ("A", None, "B")
    assert table.merges == (Merge(0, 0, 0, 1), Merge(0, 2, 2, 2))
    assert table.grid[2] == ("E", "F", None)
    assert table.grid[3] == ("G", "H", "I")
    assert table.text(2, 2) == "B"


def test_grid_before_and_after_leave_empty_positions_and_rows_are_padded() -> None:
    document = read(
        tbl(
            tr(tc(p("x")), properties='<w:gridBefore w:val="2"/>'),
            tr(tc(p("a")), tc(p("b")), properties='<w:gridAfter w:val="1"/>'),
            columns=3,
        )
    )
    assert document.tables[0].grid == ((None, None, "x"), ("a", "b", None))
    assert document.tables[0].merges == ()


def test_nested_table_is_its_own_table_after_its_parent_and_not_in_the_parent_cell() -> None:
    inner = tbl(tr(tc(p("inner1")), tc(p("inner2"))))
    document = read(
        tbl(tr(tc(p("outer") + inner + "<w:p/>"), tc(p("right")))) + p("after") + tbl(tr(tc(p("t3"))))
    )
    tables = document.tables
    assert [table.index for table in tables] == [1, 2, 3]
    assert tables[0].grid == (("outer", "right"),)
    assert tables[1].grid == (("inner1", "inner2"),)
    assert tables[2].grid == (("t3",),)
    assert document.paragraphs[0].text == "after"


def test_content_controls_are_read_at_body_row_and_cell_level() -> None:
    def sdt(content: str) -> str:
        return f"<w:sdt><w:sdtPr/><w:sdtContent>{content}</w:sdtContent></w:sdt>"

    body = sdt(p("控件段落")) + tbl(
        sdt(tr(tc(p("a")), sdt(tc(p("b"))))),
        tr(tc(f"<w:p>{sdt('<w:r><w:t>c</w:t></w:r>')}</w:p>"), tc(p("d"))),
    )
    document = read(body)
    assert document.paragraphs[0].text == "控件段落"
    assert document.tables[0].grid == (("a", "b"), ("c", "d"))


def test_tracked_changes_are_read_as_accepted() -> None:
    paragraph = (
        "<w:p><w:r><w:t>预算</w:t></w:r>"
        "<w:del><w:r><w:delText>100</w:delText></w:r></w:del>"
        "<w:ins><w:r><w:t>120</w:t></w:r></w:ins>"
        "<w:moveFrom><w:r><w:t>旧位置</w:t></w:r></w:moveFrom>"
        "<w:r><w:t>万元</w:t></w:r></w:p>"
    )
    deleted_row = tr(tc(p("删除行")), properties="<w:del/>")
    document = read(paragraph + tbl(tr(tc(p("保留行"))), deleted_row))
    assert document.paragraphs[0].text == "预算120万元"
    assert document.tables[0].grid == (("保留行",),)
    assert document.warnings


def test_breaks_tabs_and_tab_stops() -> None:
    paragraph = (
        '<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr>'
        "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r></w:p>"
    )
    assert read(paragraph).paragraphs[0].text == "a\tb\nc"


def test_cell_paragraphs_join_with_newlines_and_style_is_kept() -> None:
    document = read(p("标题", style="Heading1") + tbl(tr(tc(p("一") + p("二") + "<w:p/>"))))
    assert document.paragraphs[0].style == "Heading1"
    assert document.tables[0].grid == (("一\n二",),)


def test_empty_paragraphs_count_but_are_not_emitted() -> None:
    document = read(
        "<w:p/>" + p("two") + "<w:p/>" + tbl(tr(tc(p("cell")))) + p("four", style="Title") + "<w:p/>"
    )
    assert [(x.index, x.text, x.style) for x in document.paragraphs] == [(2, "two", ""), (4, "four", "Title")]
    assert [type(block).__name__ for block in document.blocks] == ["Paragraph", "Table", "Paragraph"]


def test_text_box_paragraphs_are_part_of_their_paragraph_text() -> None:
    box = (
        '<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent>'
        '<w:p><w:pPr><w:pStyle w:val="Box"/></w:pPr><w:r><w:t>框内</w:t></w:r></w:p>'
        "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
        "<w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    document = read(f"<w:p><w:r><w:t>正文</w:t></w:r>{box}</w:p>" + p("next"))
    assert [(x.index, x.text, x.style) for x in document.paragraphs] == [(1, "正文框内", ""), (2, "next", "")]


def test_forged_huge_grid_span_is_bounded() -> None:
    document = read(tbl(tr(tc(p("x"), '<w:gridSpan w:val="999999999"/>'))))
    assert document.tables[0].n_cols <= 256


def test_missing_body_is_a_read_error() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", f'<w:document xmlns:w="{W_NS}"/>')
    with pytest.raises(ReadError):
        read_docx("x.docx", buffer.getvalue())


def test_strict_open_xml_namespace_is_read() -> None:
    data = make_docx(tbl(tr(tc(p("严格")))), namespace="http://purl.oclc.org/ooxml/wordprocessingml/main")
    assert read_docx("strict.docx", data).tables[0].grid == (("严格",),)
