"""bench/gen_forms.py's wrong_rate mistake reaches the file and rule G01 reports it (issue 7).

The renderer prints the execution rate it computes, so the generator overwrites the printed 执行率 of
the saved .docx/.xlsx afterwards, as a person would. A few generated forms with and without the
mistake go through what each batch worker runs (`analyze_file`): import, score, check.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from jixiao.batch.pipeline import analyze_file

if TYPE_CHECKING:
    from types import ModuleType

GEN_FORMS = Path(__file__).resolve().parents[2] / "bench" / "gen_forms.py"
SEED = 7


@pytest.fixture(scope="module")
def gen_forms() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_forms", GEN_FORMS)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def pick_indexes(gen_forms: ModuleType) -> tuple[list[int], list[int]]:
    """Two .docx and two .xlsx forms with the mistake, and one of each without it."""
    wanted = {("wrong_rate", 0): 2, ("wrong_rate", 1): 2, ("other", 0): 1, ("other", 1): 1}
    picked: dict[str, list[int]] = {"wrong_rate": [], "other": []}
    for index in range(2000):
        _, mistake = gen_forms.make_project(SEED, index)
        key = ("wrong_rate" if mistake == "wrong_rate" else "other", index % 2)
        if wanted.get(key, 0):
            wanted[key] -= 1
            picked[key[0]].append(index)
        if not any(wanted.values()):
            break
    assert not any(wanted.values())
    return picked["wrong_rate"], picked["other"]


def test_g01_fires_on_exactly_the_forms_with_an_edited_execution_rate(gen_forms, tmp_path):
    injected, others = pick_indexes(gen_forms)
    for index in injected + others:
        name, mistake = gen_forms.render_one((SEED, index, str(tmp_path)))
        assert (mistake == "wrong_rate") == (index in injected), name
    for index in injected + others:
        path = next(tmp_path.glob(f"form-{index:06d}.*"))
        analysis = analyze_file(path)
        assert not analysis.errors
        (project,) = analysis.projects
        form = project.self_eval_form
        assert form is not None
        stated = form.budget.rows[0].execution_rate
        source, _ = gen_forms.make_project(SEED, index)
        computed = source.self_eval_form.budget.rows[0].execution_rate.value  # spent / budget
        g01 = [finding for finding in analysis.findings if finding.rule == "G01"]
        if index in injected:
            assert stated.value == gen_forms.wrong_rate(SEED, index, source), path.name
            assert abs(stated.value - computed) >= 2 * gen_forms.TWO, path.name  # 2 points or more
            assert len(g01) == 1, path.name
            assert g01[0].locations[0].field == "self_eval_form.budget.rows[0].execution_rate"
            assert g01[0].locations[0].file == path.name
        else:
            assert stated.value == computed, path.name
            assert g01 == [], path.name
    assert {path.suffix for path in tmp_path.iterdir()} == {".docx", ".xlsx"}
