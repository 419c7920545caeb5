"""Find every form and report in a document, in any order, and assemble them into projects."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from jixiao.model import Location
from jixiao.read.document import Document, Paragraph, Table
from jixiao.recognize.assemble import assemble
from jixiao.recognize.goal_table import is_goal_table, recognize_goal_table
from jixiao.recognize.lizhou_report import is_lizhou_report_title, recognize_lizhou_report
from jixiao.recognize.rules import UNKNOWN_LAYOUT
from jixiao.recognize.score_sheet import is_score_sheet, recognize_score_sheet
from jixiao.recognize.segments import first_row, split_stacked
from jixiao.recognize.sichuan_form import is_self_eval_form, recognize_self_eval_form
from jixiao.recognize.text import label_key
from jixiao.recognize.ziyang_report import is_ziyang_report_title, recognize_ziyang_report

if TYPE_CHECKING:
    from jixiao.model import Finding, Project
    from jixiao.recognize.parts import Part

_FORM_TITLES = ("计分表", "完成情况表", "自评表")


def recognize_document(doc: Document) -> tuple[list[Project], list[Finding]]:
    """Return the projects the document states and the import findings (I-rules)."""
    parts = find_parts(doc)
    projects, findings = assemble(doc.file, parts)
    for part in parts:
        project = next((p.title for p in projects if _holds(p, part)), part.name.value or "")
        where = _block_location(doc, part.position)
        findings.extend(
            _located(replace(finding, project=finding.project or project), where) for finding in part.findings
        )
    if not parts:
        findings.append(
            UNKNOWN_LAYOUT.finding(
                "", Location(file=doc.file), detail=f"{doc.file} 中没有找到自评表、计分表或自评报告"
            )
        )
    return projects, [_located(finding, Location(file=doc.file)) for finding in findings]


def find_parts(doc: Document) -> list[Part]:
    """Return the forms and reports of a document in body order."""
    parts: list[Part] = []
    for position, block in enumerate(doc.blocks):
        if isinstance(block, Table):
            found = [_segment_form(doc, position, segment) for segment in split_stacked(block)]
        else:
            found = [_report(doc, position, block)]
        parts.extend(part for part in found if part is not None)
    return parts


def report_end(doc: Document, start: int) -> int:
    """Return the block index where the report starting at `start` ends (exclusive)."""
    for position in range(start + 1, len(doc.blocks)):
        block = doc.blocks[position]
        if isinstance(block, Table):
            if is_self_eval_form(block) or is_score_sheet(block) or is_goal_table(block):
                return position
            continue
        if is_lizhou_report_title(block) or is_ziyang_report_title(block):
            return position
        key = label_key(block.text)
        if key.endswith(_FORM_TITLES) and not key.startswith("附"):
            return position
    return len(doc.blocks)


def _segment_form(doc: Document, position: int, table: Table) -> Part | None:
    part = _form(doc, position, table)
    return None if part is None else replace(part, row=first_row(table))


def _form(doc: Document, position: int, table: Table) -> Part | None:
    if is_self_eval_form(table):
        return recognize_self_eval_form(doc, position, table)
    if is_score_sheet(table):
        return recognize_score_sheet(doc, position, table)
    if is_goal_table(table):
        return recognize_goal_table(doc, position, table)
    return None


def _report(doc: Document, position: int, paragraph: Paragraph) -> Part | None:
    if is_lizhou_report_title(paragraph):
        return recognize_lizhou_report(doc, position, report_end(doc, position))
    if is_ziyang_report_title(paragraph):
        return recognize_ziyang_report(doc, position, report_end(doc, position))
    return None


def _block_location(doc: Document, position: int) -> Location:
    """Where a part starts: its table or sheet, or its first paragraph."""
    block = doc.blocks[position]
    if isinstance(block, Table):
        return Location(file=doc.file, sheet=block.sheet, table=None if block.sheet else block.index)
    return doc.paragraph_location(block)


def _located(finding: Finding, where: Location) -> Finding:
    """Give a finding at least the file (and the form's table) it comes from."""
    if not finding.locations:
        return replace(finding, locations=(where,))
    if all(location.file for location in finding.locations):
        return finding
    fixed = tuple(
        location if location.file else replace(location, file=where.file) for location in finding.locations
    )
    return replace(finding, locations=fixed)


def _holds(project: Project, part: Part) -> bool:
    return getattr(project, part.kind, None) is part.value
