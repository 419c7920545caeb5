"""Recognize the Lizhou 专项预算项目绩效自评报告 (rules.md §B6).

Title "2023年专项预算项目绩效自评报告", then the project in parentheses (sometimes over two lines).
States: the 绩效目标设置 table (`target_table`), the budget, spending and indicator-count figures
(`figures`, see `report_figures.LIZHOU_FIGURES`), the 通用 group scores 项目决策 / 项目管理 / 项目实施 /
项目结果 and the 专用 score (`group_scores` keys decision/management/implementation/result/special),
综合得分 and 评估等级, 存在问题, 改进建议 and the 点位 table (`allocation_points`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from jixiao.model import AllocationPoint, Report, ReportKind, Stated, TargetRow
from jixiao.recognize.cells import Cell, Sheet, first
from jixiao.recognize.common import at_col, header_columns, year_of
from jixiao.recognize.parts import Part
from jixiao.recognize.report_figures import LIZHOU_FIGURES, extract_figures
from jixiao.recognize.report_text import (
    search_grade,
    search_number,
    section,
    span_paragraphs,
    span_tables,
    stated_paragraphs,
)
from jixiao.recognize.text import flat, label_key, parse_direction

if TYPE_CHECKING:
    from decimal import Decimal

    from jixiao.read.document import Document, Paragraph, Table

TITLE_SUFFIX = "专项预算项目绩效自评报告"
_GROUPS = (
    ("项目决策", "decision"),
    ("项目管理", "management"),
    ("项目实施", "implementation"),
    ("项目结果", "result"),
)
_SCORE = re.compile(r"自评得分[为:：]?(\d+(?:\.\d+)?)分")
_TOTAL = re.compile(r"综合得分[为是:：]?(\d+(?:\.\d+)?)分")
_TARGET_COLUMNS = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "direction": "指标性质",
    "target": "指标值",
    "unit_of_measure": "度量单位",
}


def is_lizhou_report_title(paragraph: Paragraph) -> bool:
    """True for the title paragraph of a 专项预算项目绩效自评报告."""
    key = label_key(paragraph.text)
    return key.endswith(TITLE_SUFFIX) and len(key) <= 30


def recognize_lizhou_report(doc: Document, start: int, end: int) -> Part:
    """Read the report in blocks [start, end)."""
    paragraphs = span_paragraphs(doc, start, end)
    title = paragraphs[0]
    stated_title: Stated[str] = Stated(
        value=flat(title.text),
        raw=title.text,
        location=doc.paragraph_location(title).with_field("report.title"),
    )
    name = _project_name(doc, paragraphs[1:4])
    sheets = [(i, Sheet(doc, t)) for i, t in span_tables(doc, start, end)]
    report = Report(
        kind=ReportKind.sichuan_special,
        title=stated_title,
        project_name=name,
        year=year_of(stated_title),
        paragraphs=stated_paragraphs(doc, paragraphs),
        stated_total=search_number(doc, paragraphs, _TOTAL, "report.stated_total"),
        stated_grade=search_grade(doc, paragraphs, "report.stated_grade"),
        group_scores=_group_scores(doc, paragraphs),
        figures=extract_figures(doc, paragraphs, LIZHOU_FIGURES, every=True),
        target_table=_targets(next((s for _, s in sheets if _is_target_table(s.table)), None)),
        problems=section(doc, paragraphs, ("存在", "问题"), "report.problems"),
        suggestions=section(doc, paragraphs, ("建议",), "report.suggestions"),
        allocation_points=_points(next((s for _, s in sheets if s.find("项目资金末端分配点位")), None)),
    )
    findings = tuple(f for _, s in sheets for f in s.findings)
    return Part("report", start, name, report, {}, findings)


def _project_name(doc: Document, paragraphs: list[Paragraph]) -> Stated[str]:
    """Join "（…" … "…）" lines after the title and drop the brackets and 专项资金."""
    lines: list[Paragraph] = []
    for paragraph in paragraphs:
        key = label_key(paragraph.text)
        if not lines and not key.startswith("("):
            break
        lines.append(paragraph)
        if key.endswith(")"):
            break
    if not lines:
        return Stated()
    raw = "\n".join(p.text for p in lines)
    value = re.sub(r"^[(（]|[)）]$", "", flat(raw))
    return Stated(
        value=value or None,
        raw=raw,
        location=doc.paragraph_location(lines[0]).with_field("report.project_name"),
    )


def _group_scores(doc: Document, paragraphs: list[Paragraph]) -> dict[str, Stated[Decimal]]:
    out: dict[str, Stated[Decimal]] = {}
    for index, paragraph in enumerate(paragraphs):
        key = label_key(paragraph.text)
        group = next((gid for word, gid in _GROUPS if re.match(r"^\d[、.．]" + word, key)), None)
        if group is None and "专用指标" in key:
            group = "special"
        if group is None or group in out:
            continue
        found = search_number(
            doc, _until_next_heading(paragraphs, index), _SCORE, f"report.group_scores.{group}"
        )
        if found.value is not None:
            out[group] = found
    return out


def _until_next_heading(paragraphs: list[Paragraph], index: int) -> list[Paragraph]:
    """The paragraph and its continuation lines (a sentence broken over two lines), up to 4 more."""
    out = [paragraphs[index]]
    for following in paragraphs[index + 1 : index + 6]:
        key = label_key(following.text)
        if re.match(r"^[一二三四五六七八九十]+、|^[(（][一二三四五六七八九十]+[)）]", key):
            break
        out.append(following)
    return out


def _is_target_table(table: Table) -> bool:
    keys = {label_key(text or "") for row in table.grid[:2] for text in row}
    return "三级指标" in keys and "指标值" in keys and "完成值" not in keys


def _targets(sheet: Sheet | None) -> tuple[TargetRow, ...]:
    if sheet is None:
        return ()
    rows = sheet.rows()
    header = next((cells for cells in rows if first(cells, "三级指标")), [])
    columns = header_columns(header, _TARGET_COLUMNS)
    out: list[TargetRow] = []
    for cells in rows[header[0].row + 1 if header else 0 :]:
        name = at_col(cells, columns.get("name", -1))
        if name is None or not name.key or name.key == "三级指标":
            continue
        out.append(
            _target(sheet, cells, columns, f"report.target_table[{len(out)}]", out[-1] if out else None)
        )
    return tuple(out)


def _target(
    sheet: Sheet, cells: list[Cell], columns: dict[str, int], path: str, previous: TargetRow | None
) -> TargetRow:
    values: dict[str, Any] = {}
    for key, col in columns.items():
        stated = sheet.flat_text(at_col(cells, col), _TARGET_COLUMNS[key], f"{path}.{key}")
        if key == "direction":
            stated = Stated(value=parse_direction(stated.raw), raw=stated.raw, location=stated.location)
        values[key] = stated
    for key in ("level1", "level2"):
        if previous is not None and values[key].value is None:
            values[key] = getattr(previous, key)
    return TargetRow(**values)


def _points(sheet: Sheet | None) -> tuple[AllocationPoint, ...]:
    if sheet is None:
        return ()
    rows = sheet.rows()
    header = next((cells for cells in rows if first(cells, "项目资金末端分配点位")), [])
    columns = header_columns(header, {"name": "项目资金末端分配点位", "score": "自评得分", "remark": "备注"})
    out: list[AllocationPoint] = []
    for cells in rows[header[0].row + 1 if header else 0 :]:
        name = at_col(cells, columns.get("name", -1))
        if name is None or not name.key:
            continue
        path = f"report.allocation_points[{len(out)}]"
        score = at_col(cells, columns.get("score", -1))
        out.append(
            AllocationPoint(
                name=sheet.flat_text(name, "项目资金末端分配点位", f"{path}.name"),
                score=sheet.number(score, "自评得分（百分制）", f"{path}.score"),
                remark=sheet.text(at_col(cells, columns.get("remark", -1)), "备注", f"{path}.remark"),
            )
        )
    return tuple(out)
