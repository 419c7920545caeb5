"""The official forms as .docx: one table per form, gridSpan/vMerge merges, A4, East Asian fonts."""

from __future__ import annotations

import io
import zipfile

import docx
from lxml import etree

from jixiao.read.docx import read_docx
from jixiao.render import render_form_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def test_sichuan_docx_is_one_a4_table_with_merges(sichuan):
    data = render_form_docx(*sichuan)
    document = docx.Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    root = _xml(data)
    tables = root.findall(f".//{W}tbl")
    assert len(tables) == 1
    spans = [int(node.get(f"{W}val")) for node in root.iter(f"{W}gridSpan")]
    assert 11 in spans  # the title row spans the 11 columns
    restarts = [node for node in root.iter(f"{W}vMerge") if node.get(f"{W}val") == "restart"]
    assert len(restarts) >= 4  # 项目基本情况, 1.项目年度目标完成情况, 预算执行情况, 绩效指标
    fonts = {node.get(f"{W}eastAsia") for node in root.iter(f"{W}rFonts")}
    assert "宋体" in fonts
    assert "方正小标宋简体" in fonts


def test_sichuan_docx_grid_carries_labels_and_scores(sichuan):
    project, evaluation = sichuan
    document = read_docx("form.docx", render_form_docx(project, evaluation))
    table = document.tables[0]
    cells = [text for row in table.grid for text in row if text]
    assert "绩效指标（90分）" in cells
    assert "未完成原因分析" in cells
    assert "9.55" in cells
    assert "95.50%" in cells
    assert "两个乡镇因汛期推迟培训" in cells
    assert any(text.startswith("本项目2024年度自评得分98.55分") for text in cells)


def test_ziyang_docx_has_title_lines_and_two_tables(ziyang):
    project, evaluation = ziyang
    document = read_docx("sheet.docx", render_form_docx(project, evaluation))
    paragraphs = [block.text for block in document.blocks if not hasattr(block, "grid")]
    assert "2022年度市本级项目支出绩效自评计分表" in paragraphs
    assert "2022年度市本级项目支出绩效目标完成情况表" in paragraphs
    assert any("自评等级：优" in text for text in paragraphs)
    assert len(document.tables) == 2
    sheet = document.tables[0]
    assert sheet.grid[0][:3] == ("一级指标", "二级指标", "三级指标")
    assert any(m.first_col == 0 and m.last_row - m.first_row == 4 for m in sheet.merges)  # 投入: 5 items
