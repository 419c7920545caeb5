"""Render → import → the same data back, for every form kind and both formats (issue 5, item 4).

Each test compares what the printed form carries (names, budget numbers, indicators, weights, scores,
totals, grade) once locations and raw text are dropped. Scores on paper are the computed ones, so the
expected side takes them from the evaluation.
"""

from __future__ import annotations

import pytest
import roundtrip

from jixiao.api import read_projects
from jixiao.model import Project
from jixiao.recognize import import_bytes
from jixiao.render import render_form_docx, render_form_xlsx
from jixiao.scoring import score_project

RENDERERS = {"xlsx": render_form_xlsx, "docx": render_form_docx}
SICHUAN_EXAMPLES = [
    "sichuan-community-reading.json",
    "sichuan-river-patrol.json",
    "sichuan-special-culture.json",
]


def _imported(name: str, data: bytes) -> Project:
    result = import_bytes(name, data)
    assert result.errors == ()
    assert len(result.projects) == 1
    return result.projects[0]


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_sichuan_form_round_trip(sichuan, fmt):
    project, evaluation = sichuan
    back = _imported(f"form.{fmt}", RENDERERS[fmt](project, evaluation))
    assert roundtrip.self_eval_form(back) == roundtrip.self_eval_form(project, evaluation)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
@pytest.mark.parametrize("example", SICHUAN_EXAMPLES)
def test_sichuan_examples_round_trip(examples_dir, example, fmt):
    project = Project.model_validate_json((examples_dir / example).read_text("utf-8"))
    evaluation = next(e for e in score_project(project) if e.scheme != "sichuan-special-report")
    back = _imported(f"form.{fmt}", RENDERERS[fmt](project, evaluation))
    assert roundtrip.self_eval_form(back) == roundtrip.self_eval_form(project, evaluation)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_score_sheet_round_trip(ziyang, fmt):
    project, evaluation = ziyang
    back = _imported(f"sheet.{fmt}", RENDERERS[fmt](project, evaluation))
    assert back.score_sheet is not None
    assert roundtrip.score_sheet(back) == roundtrip.score_sheet(project, evaluation)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
@pytest.mark.parametrize("example", ["ziyang-care-center.json", "ziyang-farmland-survey.yaml"])
def test_score_sheet_example_round_trip(examples_dir, example, fmt):
    path = examples_dir / example
    project = read_projects(path.read_text("utf-8"), path.name)[0]
    evaluation = score_project(project)[0]
    back = _imported(f"sheet.{fmt}", RENDERERS[fmt](project, evaluation))
    assert back.score_sheet is not None
    assert roundtrip.score_sheet(back) == roundtrip.score_sheet(project, evaluation)


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_goal_table_round_trip(ziyang, fmt):
    project, evaluation = ziyang
    back = _imported(f"sheet.{fmt}", RENDERERS[fmt](project, evaluation))
    assert back.goal_table is not None
    if fmt == "xlsx":  # the year is checked by test_goal_table_xlsx_year_round_trip
        back = back.model_copy(update={"year": project.year})
    assert roundtrip.goal_table(back) == roundtrip.goal_table(project)


def test_goal_table_xlsx_year_round_trip(ziyang):
    project, evaluation = ziyang
    back = _imported("sheet.xlsx", render_form_xlsx(project, evaluation))
    assert back.year.value == project.year.value
