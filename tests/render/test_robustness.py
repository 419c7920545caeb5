"""Untrusted text and missing scores: control characters are dropped, stated values shown without scores."""

from __future__ import annotations

import pytest
from render_samples import load_sheet, sheet_texts

from jixiao.model import Project, Stated
from jixiao.render import render_form_docx, render_form_xlsx
from jixiao.render.report import render_report_docx


def _with_problem(project: Project, text: str) -> Project:
    form = project.self_eval_form
    assert form is not None
    return project.model_copy(
        update={"self_eval_form": form.model_copy(update={"problems": Stated(value=text, raw=text)})}
    )


def test_control_characters_from_imported_text_are_dropped(sichuan):
    project, evaluation = sichuan
    dirty = _with_problem(project, "培训\x01进度\x0b滞后\x00")
    texts = sheet_texts(load_sheet(render_form_xlsx(dirty, evaluation), "自评表"))
    assert "培训进度滞后" in texts
    assert render_form_docx(dirty, evaluation).startswith(b"PK")
    assert render_report_docx(dirty, [evaluation], chart=False).startswith(b"PK")


def test_without_an_evaluation_the_form_shows_the_stated_scores(sichuan):
    project, _ = sichuan
    sheet = load_sheet(render_form_xlsx(project), "自评表")
    total_row = next(cell.row for row in sheet.iter_rows() for cell in row if cell.value == "总额")
    assert sheet[f"H{total_row}"].value == 10  # as stated; scoring would give 9.55


def test_a_project_without_forms_cannot_be_rendered():
    with pytest.raises(ValueError, match="没有可输出的表格"):
        render_form_xlsx(Project(name="空项目"))
    with pytest.raises(ValueError, match="无法生成自评报告"):
        render_report_docx(Project(name="空项目"), [])
