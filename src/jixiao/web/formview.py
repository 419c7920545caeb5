"""Lay out the 自评表 editor for templates: rows of cells, note slots and the core's results per row.

Findings are attached to the slot of the input they concern (Finding.locations[].field) so they show
beside the cell; findings with no field go to the general panel.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from jixiao.api import Location, Severity
from jixiao.web import formdata as fd

if TYPE_CHECKING:
    from jixiao.api import Finding, ScoredItem
    from jixiao.web.services import Evaluation

_ROW = re.compile(r"^(?:self_eval_form\.(indicators|budget\.rows)|score_sheet\.(items))\[(\d+)\]")


def slug(path: str) -> str:
    """An HTML id for a model path."""
    return re.sub(r"[^A-Za-z0-9]+", "-", path).strip("-")


@dataclass(slots=True)
class Cell:
    """One input."""

    name: str
    label: str
    kind: str
    value: str

    @property
    def slug(self) -> str:
        """The input's HTML id."""
        return slug(self.name)


@dataclass(slots=True)
class Row:
    """A table row with its note slot and the score the core computed for it."""

    key: str  # note slot id, e.g. ind-3 or budget-0
    label: str
    cells: list[Cell]
    computed: str = ""
    explanation: str = ""
    notes: list[dict[str, Any]] = field(default_factory=list)


def slot_for(path: str, indicator_rows: tuple[int, ...] = ()) -> str:
    """The note slot a model path belongs to (row-level paths use the posted row index)."""
    match = _ROW.match(path)
    if match is None:
        return f"f-{slug(path)}" if path in _SINGLE_INPUTS else "general"
    kind, index = match[1] or match[2], int(match[3])
    if kind == "items":
        return f"sheet-{index}"
    if kind == "indicators":
        return f"ind-{indicator_rows[index] if index < len(indicator_rows) else index}"
    return f"budget-{index}"


_SINGLE_INPUTS = (
    {name for name, _, _ in fd.PROJECT_FIELDS}
    | {f"{fd.FORM}.{name}" for name, _, _ in (*fd.TEXT_FIELDS, *fd.CLOSING_FIELDS)}
    | {f"score_sheet.{name}" for name in ("stated_grade", "total_score", "rescaled_total")}
)


def notes_by_slot(
    findings: tuple[Finding, ...], rows: tuple[int, ...] = ()
) -> dict[str, list[dict[str, Any]]]:
    """Findings grouped by note slot; a finding with several fields shows at each of them."""
    slots: dict[str, list[dict[str, Any]]] = {}
    for finding in findings:
        if finding.severity is Severity.info:
            continue  # notes beside cells are for errors and warnings; infos stay in the panel
        fields = {location.field for location in finding.locations if location.field}
        keys = {slot_for(path, rows) for path in fields} or {"general"}
        note = {
            "rule": finding.rule,
            "severity": finding.severity.value,
            "severity_label": finding.severity.label,
            "message": finding.message,
            "fields": sorted(fields),
        }
        for key in sorted(keys):
            slots.setdefault(key, []).append(note)
    return slots


def _computed(evaluation: Evaluation | None, rows: tuple[int, ...]) -> dict[str, ScoredItem]:
    """Scored items by the slot of the row they score."""
    if evaluation is None or evaluation.main is None:
        return {}
    return {slot_for(item.field, rows): item for item in evaluation.main.items if item.field}


def build(
    values: dict[str, str], evaluation: Evaluation | None, extra_rows: int, rows: tuple[int, ...] = ()
) -> dict[str, Any]:
    """The editor's template context; `rows` maps indicator positions to posted row indices."""
    notes = notes_by_slot(evaluation.findings, rows) if evaluation else {}
    scored = _computed(evaluation, rows)
    budget_rows = []
    for index, label in enumerate(fd.FUND_LABELS):
        prefix = f"{fd.FORM}.budget.rows[{index}]"
        names = fd.BUDGET_MONEY + (("score", "reason") if index == 0 else ())
        cells = [
            Cell(f"{prefix}.{name}", name, "decimal", values.get(f"{prefix}.{name}", "")) for name in names
        ]
        budget_rows.append(_row(f"budget-{index}", label, cells, scored, notes))
    count = sum(1 for key in values if key.startswith(f"{fd.FORM}.indicators[") and key.endswith(".name"))
    indicator_rows = []
    for index in range(count + extra_rows):
        prefix = f"{fd.FORM}.indicators[{index}]"
        cells = [
            Cell(f"{prefix}.{name}", label, kind, values.get(f"{prefix}.{name}", ""))
            for name, label, kind in fd.INDICATOR_COLUMNS
        ]
        indicator_rows.append(_row(f"ind-{index}", str(index + 1), cells, scored, notes))

    def single(specs: tuple[tuple[str, str, str], ...], prefix: str) -> list[Row]:
        rows = []
        for name, label, kind in specs:
            path = f"{prefix}{name}"
            rows.append(
                _row(f"f-{slug(path)}", label, [Cell(path, label, kind, values.get(path, ""))], {}, notes)
            )
        return rows

    main = evaluation.main if evaluation else None
    return {
        "header_rows": single(fd.PROJECT_FIELDS, ""),
        "sheet_header_rows": single(SHEET_HEADER_FIELDS, "score_sheet."),
        "scored_by_slot": scored,
        "notes_by_slot": notes,
        "text_rows": single(fd.TEXT_FIELDS, f"{fd.FORM}."),
        "closing_rows": single(fd.CLOSING_FIELDS, f"{fd.FORM}."),
        "budget_rows": budget_rows,
        "indicator_rows": indicator_rows,
        "indicator_columns": fd.INDICATOR_COLUMNS,
        "level1_choices": fd.LEVEL1_CHOICES,
        "level2_choices": fd.LEVEL2_CHOICES,
        "direction_choices": fd.DIRECTION_CHOICES,
        "general_notes": notes.get("general", []),
        "evaluation": evaluation,
        "main": main,
        "error_count": evaluation.count(Severity.error) if evaluation else 0,
        "warning_count": evaluation.count(Severity.warning) if evaluation else 0,
        "info_count": evaluation.count(Severity.info) if evaluation else 0,
    }


SHEET_HEADER_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("stated_grade", "自评等级", "text"),
    ("total_score", "合计", "decimal"),
    ("rescaled_total", "合计（折算得分）", "decimal"),
)


def _row(
    key: str,
    label: str,
    cells: list[Cell],
    scored: dict[str, ScoredItem],
    notes: dict[str, list[dict[str, Any]]],
) -> Row:
    item = scored.get(key)
    computed = "" if item is None or item.score is None else format(item.score, "f")
    return Row(key, label, cells, computed, item.explanation if item else "", notes.get(key, []))


_LABELS = {name: label for name, label, _ in fd.PROJECT_FIELDS} | {
    f"{fd.FORM}.{name}": label for name, label, _ in (*fd.TEXT_FIELDS, *fd.CLOSING_FIELDS)
} | {f"score_sheet.{name}": label for name, label, _ in SHEET_HEADER_FIELDS}  # fmt: skip
_COLUMN_LABELS = {name: label for name, label, _ in fd.INDICATOR_COLUMNS} | {
    "initial_budget": "年初预算", "adjusted_budget": "调整后预算数", "spent": "预算执行数",
    "execution_rate": "预算执行率", "reason": "原因", "basis": "自评依据", "not_applicable": "不适用",
    "measures": "计量",
}  # fmt: skip
_PATH = re.compile(
    r"^(self_eval_form\.indicators|self_eval_form\.budget\.rows|score_sheet\.items)\[(\d+)\]\.?(\w*)"
)


def describe(location: dict[str, Any]) -> str:
    """Where a finding points, for people: the file position if imported, else the form's cell."""
    if location.get("file") or location.get("sheet") or location.get("table"):
        return Location(**location).describe()
    path = str(location.get("field") or "")
    if path in _LABELS:
        return f"「{_LABELS[path]}」"
    match = _PATH.match(path)
    if match is None:
        return path
    kind, index, column = match[1], int(match[2]), _COLUMN_LABELS.get(match[3], match[3])
    if kind.endswith("indicators"):
        where = f"绩效指标第{index + 1}行"
    elif kind.endswith("rows"):
        where = (
            f"预算执行「{fd.FUND_LABELS[index]}」行"
            if index < len(fd.FUND_LABELS)
            else f"预算执行第{index + 1}行"
        )
    else:
        where = f"计分表第{index + 1}项"
    return f"{where}「{column}」" if column else where
