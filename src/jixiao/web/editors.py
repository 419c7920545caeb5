"""Pick the browser form for a project (Sichuan 自评表 or Ziyang 计分表) and lay it out.

Both forms share one contract: parse posted inputs into a `Project`, give each input's text for a
project, and build the template context with the core's scores and findings beside the rows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jixiao.web import formdata, formview, sheetform

if TYPE_CHECKING:
    from collections.abc import Mapping

    from jixiao.api import Project
    from jixiao.web.formdata import ParsedForm
    from jixiao.web.models import ProjectRecord
    from jixiao.web.services import Evaluation

SELF_EVAL = "self_eval_form"
SCORE_SHEET = "score_sheet"
TEMPLATES = {SELF_EVAL: "jixiao/project_edit.html", SCORE_SHEET: "jixiao/sheet_edit.html"}


def kind_of(project: Project) -> str:
    """The form the browser edits: the 计分表 when that is the project's only form."""
    if project.score_sheet is not None and project.self_eval_form is None:
        return SCORE_SHEET
    return SELF_EVAL


def parse(project: Project, data: Mapping[str, str], record: ProjectRecord) -> ParsedForm:
    """Posted inputs as a project of the same kind."""
    if kind_of(project) == SCORE_SHEET:
        return sheetform.project_from_form(data, project, sheetform.scheme_for(project))
    unit = record.unit
    return formdata.project_from_form(data, project, department=unit.department.name, unit=unit.name)


def values(project: Project) -> dict[str, str]:
    """Each input's text."""
    if kind_of(project) == SCORE_SHEET:
        return sheetform.form_values(project, sheetform.scheme_for(project))
    return formdata.form_values(project)


def context(
    project: Project, posted: dict[str, str], evaluation: Evaluation | None, extra_rows: int = 0,
    rows: tuple[int, ...] = (),
) -> dict[str, Any]:  # fmt: skip
    """The editor's template context (also used for the live update's fragments)."""
    base = formview.build(posted, evaluation, extra_rows, rows)
    if kind_of(project) == SELF_EVAL:
        return base | {"template": TEMPLATES[SELF_EVAL], "money_unit": formdata.money_unit_of(project).value}
    return base | {"template": TEMPLATES[SCORE_SHEET], "sheet_rows": _sheet_rows(project, posted, base)}


def _sheet_rows(project: Project, posted: dict[str, str], base: dict[str, Any]) -> list[dict[str, Any]]:
    scored = base["scored_by_slot"]
    notes = base["notes_by_slot"]
    result: list[dict[str, Any]] = []
    for row in sheetform.rows(sheetform.scheme_for(project)):
        previous = result[-1]["row"] if result else None
        prefix, key = f"{sheetform.SHEET}.items[{row.index}]", f"sheet-{row.index}"
        item = scored.get(key)
        measure = f"{prefix}.measures.{row.measure}" if row.measure else ""
        result.append({
            "key": key, "row": row, "prefix": prefix, "notes": notes.get(key, []),
            "new_level1": previous is None or previous.level1 != row.level1,
            "new_level2": previous is None or previous.level2 != row.level2,
            "computed": "" if item is None or item.score is None else format(item.score, "f"),
            "explanation": item.explanation if item else "",
            "score": posted.get(f"{prefix}.score", ""), "basis": posted.get(f"{prefix}.basis", ""),
            "not_applicable": bool(posted.get(f"{prefix}.not_applicable")),
            "measure_name": measure, "measure_value": posted.get(measure, "") if measure else "",
            "measure_label": sheetform.MEASURE_LABELS.get(row.measure, ""),
        })  # fmt: skip
    return result
