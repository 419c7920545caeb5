"""Field-level accuracy of import against hand-checked expectations (tests/recognize/expected/*.json)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao.recognize import import_file

if TYPE_CHECKING:
    from jixiao.model import Project, Stated

EXPECTED = Path(__file__).parent / "expected"
SHARED = Path(__file__).resolve().parents[3] / "shared"
# Fields the .xlsx cannot hold: it has the tables only (titles, header lines and reports are paragraphs).
NOT_IN_SHEETS = ("year", "stated_grade", "report")


def text(stated: Stated[Any] | None) -> str | None:
    """The comparable text of a stated value: Decimal as plain string, Money as its amount."""
    if stated is None or stated.value is None:
        return None
    value = stated.value
    if hasattr(value, "amount"):
        value = value.amount
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")  # 1.0000 and 1 state the same rate
    return str(value)


def actual_fields(project: Project) -> dict[str, Any]:
    """Flatten a project into the keys the expectation files use."""
    out: dict[str, Any] = {"name": text(project.name), "unit": text(project.unit), "year": project.year.value}
    out["unit_code"] = text(project.unit_code)
    out["project_type"] = text(project.project_type)
    form = project.self_eval_form
    if form is not None:
        total = form.budget.total
        keys = ("initial_budget", "adjusted_budget", "spent", "execution_rate", "weight", "score")
        out["budget_total"] = {k: text(getattr(total, k)) for k in keys} if total else {}
        out["indicators"] = [
            [
                text(i.name),
                text(i.direction),
                text(i.target),
                text(i.unit_of_measure),
                text(i.actual),
                text(i.weight),
                text(i.score),
            ]
            for i in form.indicators
        ]
        out["total_weight"], out["total_score"] = text(form.total_weight), text(form.total_score)
    sheet = project.score_sheet
    if sheet is not None:
        out["items"] = [[item.id, text(item.score)] for item in sheet.items]
        out["total_score"] = text(sheet.total_score) or text(sheet.rescaled_total)
        out["stated_grade"] = text(sheet.stated_grade)
    table = project.goal_table
    if table is not None and table.funds:
        row = table.funds[0]
        keys = ("budget", "spent", "carryover", "carryover_rate")
        out["funds_total"] = {k: text(getattr(row, k)) for k in keys}
        out["goal_indicator_count"] = len(table.indicators)
    report = project.report
    if report is not None:
        groups = {k: text(v) for k, v in report.group_scores.items()}
        out["report"] = {
            "stated_total": text(report.stated_total),
            "stated_grade": text(report.stated_grade),
            "group_scores": groups,
        }
    return out


def compare(expected: Any, actual: Any) -> tuple[int, int]:
    """Return (fields right, fields expected), walking dicts and lists leaf by leaf."""
    if isinstance(expected, dict):
        pairs = [
            compare(v, (actual or {}).get(k) if isinstance(actual, dict) else None)
            for k, v in expected.items()
        ]
        return sum(p[0] for p in pairs), sum(p[1] for p in pairs)
    if isinstance(expected, list):
        items = actual if isinstance(actual, list) else []
        pairs = [compare(v, items[i] if i < len(items) else None) for i, v in enumerate(expected)]
        return sum(p[0] for p in pairs), sum(p[1] for p in pairs)
    return int(expected == actual), 1


def accuracy(stem: str, suffix: str) -> tuple[int, int]:
    """Score the import of one document in one format against its expectation file."""
    expected = json.loads((EXPECTED / f"{stem}.json").read_text(encoding="utf-8"))
    folder = "seeds" if suffix == ".txt" else "fixtures"
    projects = import_file(SHARED / folder / f"{stem}{suffix}").projects
    if suffix == ".xlsx":
        expected = {k: v for k, v in expected.items() if k not in NOT_IN_SHEETS}
    actual = actual_fields(projects[0]) if projects else {}
    return compare(expected, actual)
