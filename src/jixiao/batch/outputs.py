"""Write a batch's reports into its output folder (the only writer of user-facing batch files).

`summary.xlsx` (汇总, rankings by 主管部门 and 地区, failed files), `findings.json`, `findings.xlsx` and
`findings.html`, `errors.txt`, and `rows.json` (the summary rows, which `jixiao rank` and the web
dashboards read).
Workbooks are written with XlsxWriter in constant-memory mode (3x openpyxl's streaming mode: a
province-sized batch has hundreds of thousands of findings).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import xlsxwriter  # type: ignore[import-untyped]

from jixiao.batch.crosscheck import duplicate_projects
from jixiao.batch.ranking import RANK_BY_LABELS, RankBy, RankGroup, rank_rows
from jixiao.batch.store import write_json

if TYPE_CHECKING:
    from collections.abc import Collection, Iterable, Sequence

    from jixiao.batch.outcome import FileOutcome, RunResult
    from jixiao.batch.summary import SummaryRow
    from jixiao.model import Finding

SUMMARY_HEADER = (
    "序号", "地区", "主管部门", "实施单位", "项目名称", "项目编码", "年度", "评分方案", "预算数（万元）",
    "执行数（万元）", "预算执行率", "计算总分", "计算等级", "表中总分", "表中等级", "错误", "警告", "提示",
    "评分完整", "文件",
)  # fmt: skip
RANK_HEADER = ("分组", "名次", "项目名称", "实施单位", "计算总分", "计算等级", "强制分布等级（参考）", "文件")
FORMATS = ("xlsx", "json", "html")  # summary + findings workbooks, findings.json, findings.html
HTML_LIMIT = 20_000  # findings in one page; a province-sized batch leaves out the info notes
FINDING_HEADER = ("文件", "项目", "规则", "名称", "级别", "位置", "说明", "原文")


def write_outputs(out_dir: Path, result: RunResult, formats: Collection[str] = FORMATS) -> dict[str, Path]:
    """Write the reports of a run in `formats` (xlsx, json, html); errors.txt and rows.json always.

    The findings reports add the checks across files (`crosscheck`) to each file's own findings.
    """
    unknown = set(formats) - set(FORMATS)
    if unknown:
        message = f"未知的输出格式：{'、'.join(sorted(unknown))}（可选 {'、'.join(FORMATS)}）"
        raise ValueError(message)
    rows = result.rows
    findings = [*result.findings, *duplicate_projects(result.path_rows)]
    paths = {"errors": out_dir / "errors.txt", "rows": out_dir / "rows.json"}
    paths["errors"].write_text(errors_text(result.outcomes), encoding="utf-8")
    write_json(paths["rows"], {"rows": [row.to_dict() for row in rows]})
    if "xlsx" in formats:
        paths["summary"] = out_dir / "summary.xlsx"
        groups = {by: rank_rows(rows, by) for by in (RankBy.department, RankBy.region)}
        write_summary_workbook(paths["summary"], rows, groups, result.failed)
        paths["findings_xlsx"] = out_dir / "findings.xlsx"
        write_findings_workbook(paths["findings_xlsx"], findings)
    if "json" in formats:
        paths["findings_json"] = out_dir / "findings.json"
        write_json(paths["findings_json"], findings_json(findings))
    if "html" in formats:
        paths["findings_html"] = out_dir / "findings.html"
        paths["findings_html"].write_bytes(findings_html([finding for _, finding in findings]))
    return paths


def write_summary_workbook(
    path: Path,
    rows: Sequence[SummaryRow],
    groups: dict[RankBy, tuple[RankGroup, ...]],
    failed: Sequence[FileOutcome] = (),
) -> None:
    """Write 汇总, one ranking sheet per grouping and 失败文件."""
    with _workbook(path) as book:
        _sheet(book, "汇总", SUMMARY_HEADER, (summary_cells(i, row) for i, row in enumerate(rows, start=1)))
        for by, ranked in groups.items():
            cells = (line for group in ranked for line in rank_cells(group))
            _sheet(book, f"{RANK_BY_LABELS[by]}排名", RANK_HEADER, cells)
        _sheet(book, "失败文件", ("文件", "原因"), ([outcome.path, outcome.error] for outcome in failed))


def summary_cells(index: int, row: SummaryRow) -> list[Any]:
    """Return the 汇总 sheet's cells for one row (numbers stay numbers: Decimal → float for Excel)."""
    return [
        index, row.region, row.department, row.unit, row.title, row.code, row.year, row.scheme,
        _number(row.budget_wan), _number(row.spent_wan), _number(row.execution_rate), _number(row.total),
        row.grade.value if row.grade else "", _number(row.stated_total), row.stated_grade or "",
        row.errors, row.warnings, row.infos, "是" if row.complete else "否", row.file,
    ]  # fmt: skip


def rank_cells(group: RankGroup) -> list[list[Any]]:
    """Return one ranking group's rows for a sheet."""
    return [
        [
            group.name,
            ranked.rank if ranked.rank is not None else "未评分",
            ranked.row.title,
            ranked.row.unit,
            _number(ranked.row.total),
            ranked.row.grade.value if ranked.row.grade else "",
            ranked.forced_grade.value if ranked.forced_grade else "",
            ranked.row.file,
        ]
        for ranked in group.rows
    ]


def findings_json(findings: Iterable[tuple[str, Finding]]) -> dict[str, Any]:
    """Return the findings report as JSON: each finding with the file it came from."""
    return {"findings": [{"path": path, **finding.to_dict()} for path, finding in findings]}


def write_findings_workbook(path: Path, findings: Iterable[tuple[str, Finding]]) -> None:
    """Write findings, errors first, one line per finding with its first location."""
    ordered = sorted(findings, key=lambda item: (item[1].severity.rank, item[0], item[1].rule))
    with _workbook(path) as book:
        _sheet(book, "审核发现", FINDING_HEADER, (_finding_cells(file, finding) for file, finding in ordered))


def _finding_cells(file_path: str, finding: Finding) -> list[Any]:
    first = finding.locations[0] if finding.locations else None
    return [
        Path(file_path).name,
        finding.project,
        finding.rule,
        finding.name,
        finding.severity.label,
        first.describe() if first else "",
        finding.message,
        (first.quote or "") if first else "",
    ]


def _workbook(path: Path) -> xlsxwriter.Workbook:
    """Open a streaming workbook; cell text is never read as a formula or a link (untrusted input)."""
    options = {"constant_memory": True, "strings_to_formulas": False, "strings_to_urls": False}
    return xlsxwriter.Workbook(str(path), options)


def _sheet(
    book: xlsxwriter.Workbook, name: str, header: Sequence[str], rows: Iterable[Sequence[Any]]
) -> None:
    sheet = book.add_worksheet(name)
    sheet.write_row(0, 0, header, book.add_format({"bold": True}))
    for index, cells in enumerate(rows, start=1):
        sheet.write_row(index, 0, cells)


def findings_html(findings: Sequence[Finding]) -> bytes:
    """The reviewer's HTML page (the check CLI's writer): errors and warnings only when there are many."""
    from jixiao.api import render_findings  # noqa: PLC0415

    if len(findings) > HTML_LIMIT:
        findings = [finding for finding in findings if finding.severity.rank < 2][:HTML_LIMIT]
    return render_findings(findings, "html")


def errors_text(outcomes: Iterable[FileOutcome]) -> str:
    """Return errors.txt: one line per failed file, then the non-fatal problems of processed files."""
    lines = [f"{outcome.path}\t{outcome.error}" for outcome in outcomes if outcome.error]
    lines += [
        f"{outcome.path}\t{problem}"
        for outcome in outcomes
        if not outcome.error
        for problem in outcome.problems
    ]
    return "".join(f"{line}\n" for line in lines)


def read_rows_json(path: Path) -> list[SummaryRow]:
    """Read the rows a batch wrote (rows.json)."""
    from jixiao.batch.summary import SummaryRow  # noqa: PLC0415

    data = json.loads(path.read_text(encoding="utf-8"))
    return [SummaryRow.from_dict(item) for item in data.get("rows", [])]


def _number(value: object) -> float | None:
    """Excel stores numbers as binary floats; exact Decimals are converted only at this boundary."""
    return None if value is None else float(str(value))
