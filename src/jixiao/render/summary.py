"""The department summary workbook: one row per project with budget, execution, score, grade, findings.

Amounts are shown in 万元 (the Ziyang 完成情况表's 百元 are converted exactly). The 合计 row sums
budgets, spending and findings, gives the overall execution rate (Σ执行 / Σ预算) and the mean score.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from jixiao.model import FundSource, MoneyUnit, Severity
from jixiao.render.goal_table import fund_numbers
from jixiao.render.values import execution_rate, money_amount, printable, round_half_up, stated_text
from jixiao.render.ziyang_forms import load_scheme_or_none

if TYPE_CHECKING:
    from collections.abc import Sequence

    from openpyxl.worksheet.worksheet import Worksheet

    from jixiao.model import Finding, Project, ScoredEvaluation

HEADERS = (
    ("预算单位", 24),
    ("项目名称", 34),
    ("预算数（万元）", 14),
    ("执行数（万元）", 14),
    ("预算执行率", 12),
    ("自评总分", 10),
    ("等级", 8),
    ("错误", 8),
    ("警告", 8),
    ("提示", 8),
)
THIN = Side(style="thin", color="000000")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
FONT = "宋体"


@dataclass(frozen=True, slots=True)
class SummaryLine:
    """One project's figures as the summary prints them."""

    unit: str
    project: str
    budget: Decimal | None  # 万元
    spent: Decimal | None  # 万元
    rate: Decimal | None  # fraction
    total: Decimal | None
    grade: str
    counts: tuple[int, int, int]  # errors, warnings, infos


def summary_line(
    project: Project, evaluations: Sequence[ScoredEvaluation], findings: Sequence[Finding]
) -> SummaryLine:
    """Collect one project's row: its form evaluation and its findings by severity."""
    budget, spent, rate = _money(project)
    own = [e for e in evaluations if e.project == project.title]
    main = next((e for e in own if _is_form_scheme(e.scheme)), own[0] if own else None)
    mine = [f for f in findings if f.project == project.title]
    counts = tuple(sum(1 for f in mine if f.severity is severity) for severity in Severity)
    return SummaryLine(
        unit=stated_text(project.unit),
        project=project.title,
        budget=budget,
        spent=spent,
        rate=rate,
        total=main.total if main is not None else None,
        grade=main.grade.value if main is not None else "",
        counts=(counts[0], counts[1], counts[2]),
    )


def _is_form_scheme(scheme_id: str) -> bool:
    scheme = load_scheme_or_none(scheme_id)
    return scheme is None or scheme.form != "report"


def _money(project: Project) -> tuple[Decimal | None, Decimal | None, Decimal | None]:
    """Budget, spent (万元) and the execution rate from the 自评表, else the 完成情况表."""
    form = project.self_eval_form
    total = form.budget.row(FundSource.total) if form is not None else None
    if total is not None:
        basis = total.adjusted_budget.value or total.initial_budget.value
        return (
            money_amount(basis, MoneyUnit.wan_yuan),
            money_amount(total.spent.value, MoneyUnit.wan_yuan),
            execution_rate(total),
        )
    if project.goal_table is not None:
        funds = {row.source: row for row in project.goal_table.funds}
        budget, spent, _ = fund_numbers(funds.get("total") or funds.get("fiscal"))
        hundred = Decimal(100)
        budget_wan = budget / hundred if budget is not None else None
        spent_wan = spent / hundred if spent is not None else None
        rate = round_half_up(spent / budget, 4) if budget and spent is not None else None
        return budget_wan, spent_wan, rate
    return None, None, None


def render_summary(
    projects: Sequence[Project], evaluations: Sequence[ScoredEvaluation], findings: Sequence[Finding] = ()
) -> bytes:
    """The summary workbook (.xlsx bytes): a header, one row per project, a 合计 row."""
    lines = [summary_line(project, evaluations, findings) for project in projects]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "项目汇总"
    _header(sheet)
    for row, line in enumerate(lines, start=2):
        _write_row(sheet, row, _values(line), bold=False)
    _write_row(sheet, len(lines) + 2, _totals(lines), bold=True)
    last_col = get_column_letter(len(HEADERS))
    sheet.auto_filter.ref = f"A1:{last_col}{len(lines) + 1}"
    sheet.freeze_panes = "C2"
    sheet.page_setup.paperSize = 9
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _header(sheet: Worksheet) -> None:
    for col, (label, width) in enumerate(HEADERS, start=1):
        cell = sheet.cell(row=1, column=col, value=label)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        sheet.column_dimensions[get_column_letter(col)].width = width


def _values(line: SummaryLine) -> list[object]:
    return [line.unit, line.project, line.budget, line.spent, line.rate, line.total, line.grade, *line.counts]


def _totals(lines: list[SummaryLine]) -> list[object]:
    budgets = [line.budget for line in lines if line.budget is not None]
    spent = [line.spent for line in lines if line.spent is not None]
    totals = [line.total for line in lines if line.total is not None]
    budget_sum = sum(budgets, Decimal(0))
    spent_sum = sum(spent, Decimal(0))
    rate = round_half_up(spent_sum / budget_sum, 4) if budget_sum else None
    mean = round_half_up(sum(totals, Decimal(0)) / len(totals), 2) if totals else None
    counts = [sum(line.counts[index] for line in lines) for index in range(3)]
    return ["合计", f"{len(lines)}个项目（总分为平均分）", budget_sum, spent_sum, rate, mean, "", *counts]


def _write_row(sheet: Worksheet, row: int, values: list[object], *, bold: bool) -> None:
    formats = {3: "#,##0.00", 4: "#,##0.00", 5: "0.00%", 6: "0.00"}
    for col, value in enumerate(values, start=1):
        cell = sheet.cell(row=row, column=col, value=printable(value) if isinstance(value, str) else value)
        cell.font = Font(name=FONT, bold=bold)
        cell.border = BORDER
        cell.alignment = Alignment(
            vertical="center", wrap_text=col <= 2, horizontal="left" if col <= 2 else "center"
        )
        if col in formats:
            cell.number_format = formats[col]
