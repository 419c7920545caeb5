"""Import golden files: every seed (.txt) and fixture (.docx .xlsx) against tests/read/golden (STYLE §5).

`pytest --update-golden` rewrites them, `--golden-clean` deletes goldens whose input is gone.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from jixiao.recognize import import_file

SHARED = Path(__file__).resolve().parents[3] / "shared"
GOLDEN = Path(__file__).parent / "golden"
INPUTS = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "fixtures").glob("*.*"))


def canonical(path: Path) -> str:
    """The canonical JSON of what import produces: projects, findings, errors."""
    result = import_file(path)
    payload: dict[str, Any] = {
        "projects": [p.model_dump(mode="json", exclude_defaults=True) for p in result.projects],
        "findings": [f.to_dict() for f in result.findings],
        "errors": list(result.errors),
    }
    return json.dumps(payload, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


@pytest.mark.parametrize("path", INPUTS, ids=[p.name for p in INPUTS])
def test_import_matches_golden(path: Path, update_golden: bool) -> None:
    golden = GOLDEN / f"{path.name}.json"
    actual = canonical(path)
    if update_golden or not golden.exists():
        golden.write_text(actual, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"golden file {golden.name} was missing and has been written; review it")
    assert actual == golden.read_text(encoding="utf-8"), f"{path.name} differs from {golden.name}"


def test_golden_files_have_inputs(request: pytest.FixtureRequest) -> None:
    names = {f"{p.name}.json" for p in INPUTS}
    orphans = [g for g in GOLDEN.glob("*.json") if g.name not in names]
    if request.config.getoption("--golden-clean"):
        for orphan in orphans:
            orphan.unlink()
        orphans = []
    assert not orphans, f"golden files without input (run --golden-clean): {[o.name for o in orphans]}"


FORM_PARTS = ("self_eval_form", "score_sheet", "goal_table")
# Differences allowed between formats, each with its reason:
# - location: positions differ by nature (line numbers, table grid, sheet cells);
# - raw: the .txt keeps line breaks and word splits inside cells, a .docx joins runs, calamine gives
#   the value text; the interpreted `value` must still agree;
# - title, stated_grade and the facts read from the lines above a table (year, unit_code, project
#   name of a 计分表): the .xlsx holds the tables only, those lines are paragraphs.
_DROP = {"location", "raw"}
_XLSX_DROP = {"title", "stated_grade"}


def _strip(value: Any, drop: set[str]) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v, drop) for k, v in value.items() if k not in drop}
    if isinstance(value, list):
        return [_strip(v, drop) for v in value]
    return value


def _form_parts(path: Path, drop: set[str]) -> list[dict[str, Any]]:
    projects = import_file(path).projects
    out = []
    for project in projects:
        dumped = project.model_dump(mode="json", exclude_defaults=True)
        parts = {key: _strip(dumped[key], drop) for key in FORM_PARTS if key in dumped}
        parts["name"] = dumped.get("name", {}).get("value")
        parts["unit"] = dumped.get("unit", {}).get("value")
        out.append(parts)
    return out


STEMS = sorted(p.stem for p in (SHARED / "fixtures").glob("*.docx"))


@pytest.mark.parametrize("stem", STEMS)
def test_txt_and_docx_give_the_same_project_data(stem: str) -> None:
    txt = _form_parts(SHARED / "seeds" / f"{stem}.txt", _DROP)
    docx = _form_parts(SHARED / "fixtures" / f"{stem}.docx", _DROP)
    assert txt == docx


@pytest.mark.parametrize("stem", STEMS)
def test_txt_and_xlsx_give_the_same_form_data(stem: str) -> None:
    txt = _form_parts(SHARED / "seeds" / f"{stem}.txt", _DROP | _XLSX_DROP)
    xlsx = _form_parts(SHARED / "fixtures" / f"{stem}.xlsx", _DROP | _XLSX_DROP)
    assert txt == xlsx
