"""The .txt dump reader: cells, rows, multi-line cells, glued titles, encodings, line numbers."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.read.document import Paragraph, ReadError, Table
from jixiao.read.docx import read_docx
from jixiao.read.text import read_text

SHARED = Path(__file__).resolve().parents[3] / "shared"


def _read(text: str, encoding: str = "utf-8") -> list[Paragraph | Table]:
    return list(read_text("t.txt", text.encode(encoding)).blocks)


def test_tabbed_lines_are_cells_and_blank_lines_separate_rows() -> None:
    blocks = _read("标题\n\t项目名称\n\t某项目\n\n\t主管部门\n\t\n")
    assert isinstance(blocks[0], Paragraph)
    assert blocks[0].index == 1
    table = blocks[1]
    assert isinstance(table, Table)
    assert table.grid == (("项目名称", "某项目"), ("主管部门", ""))
    assert table.row_lines == (2, 5)
    assert table.first_line == 2


def test_cell_keeps_single_blank_lines_and_continuation_lines() -> None:
    blocks = _read("\t投入\n\n（25\n\n分）\n\t项目\n\n\t实施单位\n（盖章）\n\tX局\n")
    table = blocks[0]
    assert isinstance(table, Table)
    assert table.grid == (("投入\n\n（25\n\n分）", "项目"), ("实施单位\n（盖章）", "X局"))


def test_title_glued_to_the_last_cell_starts_a_paragraph_and_a_new_table() -> None:
    blocks = _read("\t合计\n\t　98\n 2022年度市本级项目支出绩效目标完成情况表\n\n\t项目名称\n\t某项目\n")
    kinds = [type(block).__name__ for block in blocks]
    assert kinds == ["Table", "Paragraph", "Table"]
    assert blocks[0].grid == (("合计", "　98"),)  # type: ignore[union-attr]
    assert blocks[1].index == 3  # type: ignore[union-attr]


def test_two_blank_lines_then_text_end_the_table() -> None:
    blocks = _read("\t1、报表说明\n2、取数口径\n\n\n\n附件2\n正文\n")
    assert isinstance(blocks[0], Table)
    assert blocks[0].grid == (("1、报表说明\n2、取数口径",),)
    assert [b.text for b in blocks[1:] if isinstance(b, Paragraph)] == ["附件2", "正文"]
    assert blocks[1].index == 6


def test_gb18030_and_bom_are_decoded() -> None:
    assert _read("项目名称\n", "gb18030")[0].text == "项目名称"  # type: ignore[union-attr]
    assert _read("\ufeff项目名称\n")[0].text == "项目名称"  # type: ignore[union-attr]


def test_binary_data_is_a_read_error_naming_the_file() -> None:
    with pytest.raises(ReadError) as error:
        read_text("x.txt", b"PK\x03\x04\x00\x00binary")
    assert error.value.file == "x.txt"


def test_crlf_line_ends_give_the_same_document() -> None:
    assert _read("\tA\r\n\tB\r\n") == _read("\tA\n\tB\n")


STEMS = sorted(p.stem for p in (SHARED / "fixtures").glob("*.docx"))


@pytest.mark.parametrize("stem", STEMS)
def test_seed_tables_have_the_rows_of_the_docx_fixture(stem: str) -> None:
    txt = read_text(f"{stem}.txt", (SHARED / "seeds" / f"{stem}.txt").read_bytes())
    docx = read_docx(f"{stem}.docx", (SHARED / "fixtures" / f"{stem}.docx").read_bytes())
    assert [t.n_rows for t in txt.tables] == [t.n_rows for t in docx.tables]
