"""The Ziyang 计分表 as an HTML form: one row per scheme item, input names are model paths.

The rows come from the scoring scheme (labels, points, rubric or formula as printed), so the form
always lists every item in the scheme's order; `score_sheet.items[i]` is the i-th scheme item.
Completion rates are typed as percentages (96.5) and stored as fractions (0.965), as the model asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from jixiao import api
from jixiao.web.formdata import PROJECT_FIELDS, ParsedForm, as_decimal, stated
from jixiao.web.formview import SHEET_HEADER_FIELDS

if TYPE_CHECKING:
    from collections.abc import Mapping

    from jixiao.api import Project
    from jixiao.schemes.model import Scheme, SheetGroup, SheetItem

SHEET = "score_sheet"
HEADER_FIELDS = SHEET_HEADER_FIELDS
MEASURE_LABELS = {"rate": "完成率（%）", "quarters_on_time": "按时完成季度数"}
HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class SheetRow:
    """A scheme item with the groups it sits in."""

    index: int
    level1: str
    level2: str
    item: SheetItem

    @property
    def measure(self) -> str:
        """The formula's measure key (rate / quarters_on_time), or '' for rubric items."""
        return self.item.formula.measure if self.item.formula else ""

    @property
    def hint(self) -> str:
        """The rubric as printed, for the cell's tooltip."""
        return "；".join(f"{step.label}（{step.points}分）" for step in self.item.rubric)


def scheme_for(project: Project) -> Scheme:
    """The 计分表 scheme the project is scored under."""
    for scheme_id in api.select_schemes(project):
        scheme = api.load_scheme(scheme_id)
        if scheme.form == "score_sheet":
            return scheme
    return next(scheme for scheme in api.list_schemes() if scheme.form == "score_sheet")


def rows(scheme: Scheme) -> list[SheetRow]:
    """Every item of the scheme in printed order, with its first- and second-level labels."""
    found: list[SheetRow] = []

    def walk(group: SheetGroup, level1: str, level2: str) -> None:
        for item in group.items:
            found.append(SheetRow(len(found), level1, level2, item))
        for child in group.groups:
            walk(child, level1, f"{child.label}（{child.weight}分）")

    for top in scheme.groups:
        walk(top, f"{top.label}（{top.weight}分）", "")
    return found


def project_from_form(data: Mapping[str, str], base: Project, scheme: Scheme) -> ParsedForm:
    """Parse posted inputs into the project's 计分表; its other documents are kept from `base`."""
    items = []
    for row in rows(scheme):
        prefix = f"{SHEET}.items[{row.index}]"
        item: dict[str, Any] = {
            "id": row.item.id,
            "level1": row.level1, "level2": row.level2, "name": row.item.label,
            "points": {"value": row.item.points, "raw": format(row.item.points, "f")},
            "score": stated(data.get(f"{prefix}.score", ""), "decimal", f"{prefix}.score"),
            "basis": stated(data.get(f"{prefix}.basis", ""), "text", f"{prefix}.basis"),
            "not_applicable": bool(data.get(f"{prefix}.not_applicable")),
        }  # fmt: skip
        if row.measure:
            path = f"{prefix}.measures.{row.measure}"
            value = stated(data.get(path, ""), "decimal", path)
            if row.measure == "rate" and value["value"] is not None:
                value["value"] = value["value"] / HUNDRED
            item["measures"] = {row.measure: value} if value["raw"] else {}
        items.append(item)
    sheet = {
        name: stated(data.get(f"{SHEET}.{name}", ""), kind, f"{SHEET}.{name}")
        for name, _, kind in HEADER_FIELDS
    }
    old = base.score_sheet
    payload = base.model_dump(mode="python", exclude={SHEET, *(name for name, _, _ in PROJECT_FIELDS)})
    payload |= {name: stated(data.get(name, ""), kind, name) for name, _, kind in PROJECT_FIELDS}
    payload[SHEET] = {"title": old.title.model_dump() if old else {}, "groups": [], "items": items, **sheet}
    return ParsedForm(api.Project.model_validate(payload), ())


def form_values(project: Project, scheme: Scheme) -> dict[str, str]:
    """Every input's text for a project's 计分表 (model path in scheme order → raw text)."""
    values = {name: _text(getattr(project, name)) for name, _, _ in PROJECT_FIELDS}
    sheet = project.score_sheet
    if sheet is None:
        return values
    for name, _, _ in HEADER_FIELDS:
        values[f"{SHEET}.{name}"] = _text(getattr(sheet, name))
    by_id = {item.id: item for item in sheet.items}
    for row in rows(scheme):
        prefix, item = f"{SHEET}.items[{row.index}]", by_id.get(row.item.id)
        if item is None:
            continue
        values[f"{prefix}.score"] = _text(item.score)
        values[f"{prefix}.basis"] = _text(item.basis)
        values[f"{prefix}.not_applicable"] = "1" if item.not_applicable else ""
        measure = item.measures.get(row.measure) if row.measure else None
        if measure is not None and measure.value is not None:
            shown = measure.value * HUNDRED if row.measure == "rate" else measure.value
            values[f"{prefix}.measures.{row.measure}"] = format(shown.normalize(), "f")
    return values


def _text(value: object) -> str:
    raw, inner = getattr(value, "raw", ""), getattr(value, "value", None)
    if raw:
        return str(raw)
    if inner is None:
        return ""
    return format(inner, "f") if isinstance(inner, Decimal) else str(getattr(inner, "value", inner))


__all__ = [
    "MEASURE_LABELS",
    "SheetRow",
    "as_decimal",
    "form_values",
    "project_from_form",
    "rows",
    "scheme_for",
]
