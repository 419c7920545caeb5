"""Findings as a reviewer reads them: editor-style text, JSON, a standalone HTML page and an .xlsx sheet.

Text is grouped by project and sorted by severity, location first and the quote below (STYLE §4).
HTML and xlsx carry an empty 复核意见 column for the reviewer's notes.
"""

from __future__ import annotations

import html
import io
import json
from collections import Counter
from itertools import groupby
from typing import TYPE_CHECKING

from jixiao.model import Finding, Location, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

FORMATS = ("text", "json", "html", "xlsx")
NO_LOCATION = "（无位置）"
NOTE_HINT = "「复核意见」一栏可直接填写。"


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Group by project (first-seen order), then errors before warnings before infos, stable."""
    order: dict[str, int] = {}
    for finding in findings:
        order.setdefault(finding.project, len(order))
    return sorted(findings, key=lambda f: (order[f.project], f.severity.rank))


def place(location: Location | None) -> str:
    """A location as an editor shows it, or a field path when no reader location exists."""
    if location is None:
        return NO_LOCATION
    text = location.describe()
    return text or location.field or NO_LOCATION


def counts(findings: Iterable[Finding]) -> str:
    """`错误 2，警告 1，提示 0`."""
    tally = Counter(finding.severity for finding in findings)
    return "，".join(f"{severity.label} {tally[severity]}" for severity in Severity)


def render_text(findings: Sequence[Finding]) -> str:
    """Editor style: `file 表1 第23行 第3列「合计」 G12 错误 message`, then `    > quote` lines."""
    lines: list[str] = []
    for project, group in groupby(sort_findings(findings), key=lambda f: f.project):
        items = list(group)
        lines.append(f"== {project}（{counts(items)}）")
        for finding in items:
            first = finding.locations[0] if finding.locations else None
            lines.append(f"{place(first)} {finding.rule} {finding.severity.label} {finding.message}")
            lines.extend(_evidence_lines(finding))
        lines.append("")
    lines.append(f"共 {len(findings)} 条：{counts(findings)}")
    return "\n".join(lines) + "\n"


def _evidence_lines(finding: Finding) -> list[str]:
    lines: list[str] = []
    for index, location in enumerate(finding.locations):
        prefix = "    " if index == 0 else f"    另见 {place(location)}"
        if location.quote:
            lines.append(f"{prefix} > {location.quote}" if index else f"{prefix}> {location.quote}")
        elif index:
            lines.append(prefix)
    return lines


def render_json(findings: Sequence[Finding]) -> str:
    """A JSON list of findings: rule, name, severity, project, message, values and locations."""
    return json.dumps(
        [finding.to_dict() for finding in sort_findings(findings)], ensure_ascii=False, indent=2
    )


_STYLE = """
body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
h1{font-size:1.5em}h2{font-size:1.15em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%;font-size:.92em}
th,td{border:1px solid #ccc;padding:.35em .5em;vertical-align:top;text-align:left}
th{background:#f3f3f3;position:sticky;top:0}
tr.error td.sev{color:#b00020;font-weight:bold}tr.warning td.sev{color:#a15c00}tr.info td.sev{color:#555}
td.note{min-width:12em;background:#fffbe6}td.sev,th{white-space:nowrap}
button{margin:0 0 1em 0;padding:.3em 1em}blockquote{margin:.2em 0;color:#555;font-size:.9em}
.loc{color:#035;white-space:nowrap}.summary{margin:.5em 0 1em}
"""


# Notes survive a reload (localStorage, keyed by page and row) and can be exported as CSV.
_SCRIPT = """
const store = "jixiao-notes:" + location.pathname;
const saved = JSON.parse(localStorage.getItem(store) || "{}");
document.querySelectorAll("td.note").forEach((cell, index) => {
  cell.textContent = saved[index] || "";
  cell.addEventListener("input", () => {
    saved[index] = cell.textContent;
    localStorage.setItem(store, JSON.stringify(saved));
  });
});
function exportNotes() {
  const quote = (text) => '"' + text.replace(/"/g, '""') + '"';
  const rows = [["项目", "级别", "规则", "说明", "复核意见"].map(quote).join(",")];
  document.querySelectorAll("tr[data-project]").forEach((row) => {
    const cells = row.querySelectorAll("td");
    const values = [row.dataset.project, cells[0].innerText, row.dataset.rule, cells[3].innerText];
    rows.push([...values, cells[4].innerText].map(quote).join(","));
  });
  const link = document.createElement("a");
  link.href = URL.createObjectURL(new Blob(["\\ufeff" + rows.join("\\n")], {type: "text/csv"}));
  link.download = "复核意见.csv";
  link.click();
}
"""


def render_html(findings: Sequence[Finding], title: str = "绩效自评审核报告") -> str:
    """A standalone Chinese page: one table per project, with an editable 复核意见 column."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        f"<title>{html.escape(title)}</title><style>{_STYLE}</style></head><body>",
        f"<h1>{html.escape(title)}</h1>",
        f'<p class="summary">共 {len(findings)} 条：{html.escape(counts(findings))}。{NOTE_HINT}</p>',
        '<button type="button" onclick="exportNotes()">导出复核意见（CSV）</button>',
    ]
    for project, group in groupby(sort_findings(findings), key=lambda f: f.project):
        items = list(group)
        parts.append(f"<h2>{html.escape(project)}（{html.escape(counts(items))}）</h2>")
        parts.append("<table><tr><th>级别</th><th>规则</th><th>位置</th><th>说明</th><th>复核意见</th></tr>")
        parts.extend(_html_row(finding) for finding in items)
        parts.append("</table>")
    parts.append(f"<script>{_SCRIPT}</script></body></html>")
    return "\n".join(parts)


def _html_row(finding: Finding) -> str:
    where = "".join(
        f'<div class="loc">{html.escape(place(location))}</div>'
        + (f"<blockquote>{html.escape(location.quote)}</blockquote>" if location.quote else "")
        for location in finding.locations
    )
    return (
        f'<tr class="{finding.severity.value}" data-project="{html.escape(finding.project)}" '
        f'data-rule="{finding.rule}"><td class="sev">{finding.severity.label}</td>'
        f"<td>{finding.rule}<br><small>{html.escape(finding.name)}</small></td>"
        f"<td>{where or NO_LOCATION}</td><td>{html.escape(finding.message)}</td>"
        '<td class="note" contenteditable="true"></td></tr>'
    )


XLSX_COLUMNS = (
    ("项目", 28),
    ("级别", 6),
    ("规则", 6),
    ("规则名称", 22),
    ("说明", 60),
    ("文件", 24),
    ("工作表", 10),
    ("表格", 6),
    ("行", 5),
    ("列", 5),
    ("段落", 6),
    ("栏目", 12),
    ("原文", 30),
    ("字段", 28),
    ("其他位置", 40),
    ("复核意见", 30),
)


def render_xlsx(findings: Sequence[Finding]) -> bytes:
    """One row per finding with location columns and an empty 复核意见 column; autofilter, frozen header."""
    from openpyxl import Workbook  # noqa: PLC0415  (only this format needs it)
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    sheet.title = "审核发现"
    sheet.append([name for name, _ in XLSX_COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for finding in sort_findings(findings):
        sheet.append(_xlsx_row(finding))
    for index, (_, width) in enumerate(XLSX_COLUMNS, start=1):
        sheet.column_dimensions[sheet.cell(row=1, column=index).column_letter].width = width
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _xlsx_row(finding: Finding) -> list[object]:
    first = finding.locations[0] if finding.locations else Location()
    others = "；".join(f"{place(loc)} {loc.quote or ''}".strip() for loc in finding.locations[1:])
    return [
        finding.project,
        finding.severity.label,
        finding.rule,
        finding.name,
        finding.message,
        first.file,
        first.sheet,
        first.table,
        first.row,
        first.col,
        first.paragraph,
        first.label,
        first.quote,
        first.field,
        others,
        None,
    ]


def render_findings(findings: Sequence[Finding], output_format: str) -> bytes:
    """Render in one of `FORMATS`; text formats are UTF-8 encoded."""
    if output_format == "xlsx":
        return render_xlsx(findings)
    renderers = {"text": render_text, "json": render_json, "html": render_html}
    if output_format not in renderers:
        msg = f"未知的输出格式：{output_format}（可选 {'、'.join(FORMATS)}）"
        raise ValueError(msg)
    return renderers[output_format](findings).encode("utf-8")
