"""Group recognized parts into projects: a form starts a project, tables and reports join it by name.

One file may hold several forms and their reports in another order (lizhou-2023-combined: four forms,
then the four reports). A report joins the form whose project name is closest (names differ a little:
"…维护费" in the form, "…维护费专项资金" in the report title); a report that matches no form is kept as a
project of its own and reported (I03). A 绩效目标完成情况表 joins the 计分表 before it.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from jixiao.model import Finding, Project, Stated
from jixiao.recognize.rules import CONFLICTING_VALUES, NAME_MISMATCH, UNPAIRED_REPORT
from jixiao.recognize.text import label_key

if TYPE_CHECKING:
    from jixiao.recognize.parts import Part

PRIMARY = ("self_eval_form", "score_sheet")
MIN_SIMILARITY = 0.6  # below this two names are different projects
_NOISE = ("专项资金", "项目", "经费", "支出", "绩效", "自评报告", "(", ")", "（", "）")
_FACTS = ("code", "year", "department", "unit", "unit_code", "project_type")
_FACT_LABELS = {
    "code": "项目编码",
    "year": "年度",
    "department": "主管部门",
    "unit": "预算单位",
    "unit_code": "预算单位编码",
    "project_type": "项目类型",
}


def assemble(file: str, parts: list[Part]) -> tuple[list[Project], list[Finding]]:
    """Return one project per form (or per unpaired report or table) and the pairing findings."""
    groups: list[list[Part]] = [[part] for part in parts if part.kind in PRIMARY]
    findings: list[Finding] = []
    for part in parts:
        if part.kind == "goal_table":
            _attach_table(groups, part)
    for part in (part for part in parts if part.kind == "report"):
        findings.extend(_attach_report(groups, part))
    groups.sort(key=lambda group: min(part.order for part in group))
    projects = [_project(file, group) for group in groups]
    for project, group in zip(projects, groups, strict=True):
        findings.extend(_conflicts(project.title, group))
    return projects, findings


def similarity(left: str, right: str) -> float:
    """Return how alike two project names are, 0–1, ignoring filler words (项目, 经费, 专项资金 …)."""
    a, b = _core(left), _core(right)
    if not a or not b:
        return 0.0
    if a in b or b in a:
        return 1.0
    return SequenceMatcher(None, a, b).ratio()


def _core(name: str) -> str:
    key = label_key(name)
    for word in _NOISE:
        key = key.replace(label_key(word), "")
    return key


def _name(group: list[Part]) -> str:
    return next((part.name.value for part in group if part.name.value), "")


def _attach_table(groups: list[list[Part]], part: Part) -> None:
    candidates = [g for g in groups if g[0].kind == "score_sheet" and not _has(g, "goal_table")]
    named = [(similarity(_name(g), part.name.value or ""), g) for g in candidates]
    best = max(named, key=lambda item: item[0], default=(0.0, []))
    if best[0] >= MIN_SIMILARITY:
        best[1].append(part)
        return
    before = [g for g in candidates if g[0].order < part.order]
    if before:
        before[-1].append(part)
        return
    groups.append([part])


def _attach_report(groups: list[list[Part]], part: Part) -> list[Finding]:
    report_name = part.name.value or ""
    free = [g for g in groups if not _has(g, "report") and g[0].kind in PRIMARY]
    scored = [(similarity(_name(g), report_name), g) for g in free]
    best_score, best = max(scored, key=lambda item: item[0], default=(0.0, []))
    if best and (best_score >= MIN_SIMILARITY or (len(groups) == 1 and len(free) == 1)):
        best.append(part)
        if best_score < 1.0:
            return [
                NAME_MISMATCH.finding(_name(best), part.name.location, report=report_name, form=_name(best))
            ]
        return []
    groups.append([part])
    return [UNPAIRED_REPORT.finding(report_name, part.name.location, report=report_name or "（无标题）")]


def _has(group: list[Part], kind: str) -> bool:
    return any(part.kind == kind for part in group)


def _project(file: str, group: list[Part]) -> Project:
    ordered = _name_order(group)
    name = _pick([part.name for part in ordered])
    facts: dict[str, Any] = {
        key: _pick([p.facts.get(key, Stated()) for p in _fact_order(group, key)]) for key in _FACTS
    }
    documents = {part.kind: part.value for part in group}
    return Project(name=name, source_files=(file,), **facts, **documents)


def _name_order(parts: list[Part]) -> list[Part]:
    """Prefer labelled cells (自评表, 完成情况表) over the lines above a 计分表 and over a report.

    A labelled cell is what every format keeps (an .xlsx has no lines outside its tables).
    """
    rank = {"self_eval_form": 0, "goal_table": 1, "score_sheet": 2, "report": 3}
    return sorted(parts, key=lambda part: rank.get(part.kind, 9))


def _fact_order(parts: list[Part], key: str) -> list[Part]:
    """The parts in the order their `key` fact is trusted.

    The year is the evaluated one: the title of the 自评表 or 计分表 wins over the 完成情况表, whose title
    is sometimes left at the year before (ziyang-2022-a03 prints 2021 there).
    """
    if key != "year":
        return _name_order(parts)
    rank = {"self_eval_form": 0, "score_sheet": 1, "goal_table": 2, "report": 3}
    return sorted(parts, key=lambda part: rank.get(part.kind, 9))


def _pick(values: list[Stated[Any]]) -> Stated[Any]:
    return next((value for value in values if value.value is not None), Stated())


def _conflicts(project: str, parts: list[Part]) -> list[Finding]:
    """Report a project fact stated differently by two of its documents (I08)."""
    out: list[Finding] = []
    for key in _FACTS:
        ordered = _fact_order(parts, key)
        stated = [p.facts[key] for p in ordered if key in p.facts and p.facts[key].value is not None]
        values = {str(s.value) for s in stated}
        if len(values) > 1:
            first, other = stated[0], next(s for s in stated if str(s.value) != str(stated[0].value))
            out.append(
                CONFLICTING_VALUES.finding(
                    project,
                    first.location,
                    label=_FACT_LABELS[key],
                    first=str(first.value),
                    second=str(other.value),
                )
            )
    return out
