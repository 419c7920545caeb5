"""Recognize the Sichuan 部门预算项目支出绩效自评表 (report 510000_0013zp; rules.md §B1).

Blocks found by label: 项目名称 / 主管部门 / 实施单位, 项目年度目标, 预算执行情况（10分） with the rows
总额 … 其他资金, 绩效指标（90分） with one row per third-level indicator, 合计, 自评结论 / 存在问题 /
改进措施 and the signatures. Values are matched to header columns by grid column; where a .txt dump
lost the spans (the 合计 row) they are taken in order.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from jixiao.model import (
    BudgetExecution,
    FundRow,
    FundSource,
    Indicator,
    MoneyUnit,
    SelfEvalForm,
    Stated,
)
from jixiao.recognize.cells import Cell, Sheet, first, right_of
from jixiao.recognize.common import (
    at_col,
    header_columns,
    header_lines,
    is_header_repeat,
    split_code,
    title_line,
    year_of,
)
from jixiao.recognize.parts import Part
from jixiao.recognize.rules import MISSING_LABEL
from jixiao.recognize.text import clean, flat, label_key, parse_direction

if TYPE_CHECKING:
    from decimal import Decimal

    from jixiao.read.document import Document, Table

FORM = "自评表"
_FUND_LABELS: tuple[tuple[str, FundSource], ...] = (
    ("总额", FundSource.total),
    ("财政专户", FundSource.special_account),
    ("财政资金", FundSource.fiscal),
    ("单位资金", FundSource.unit_funds),
    ("其他资金", FundSource.other_funds),
)
_BUDGET_COLUMNS = {
    "initial_budget": "年初预算",
    "adjusted_budget": "调整后预算",
    "spent": "预算执行数",
    "execution_rate": "预算执行率",
    "weight": "权重",
    "score": "自评得分",
    "reason": "原因",
}
_INDICATOR_COLUMNS = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "direction": "指标性质",
    "target": "指标值",
    "unit_of_measure": "度量单位",
    "actual": "完成值",
    "weight": "权重",
    "score": "自评得分",
    "shortfall_reason": "未完成原因",
}


def is_self_eval_form(table: Table) -> bool:
    """True when the table has the 绩效指标 block with 三级指标, 完成值 and 自评得分 columns."""
    keys = {label_key(text or "") for row in table.grid for text in row}
    return {"三级指标", "完成值", "自评得分"} <= keys


def recognize_self_eval_form(doc: Document, position: int, table: Table) -> Part:
    """Read one Sichuan self-evaluation form from `table` (block `position` of `doc`)."""
    sheet = Sheet(doc, table)
    rows = sheet.rows()
    title = _title(sheet, position)
    name_cell = right_of(_row_of(rows, "项目名称"), sheet.find("项目名称"))
    code, name = split_code(sheet.flat_text(name_cell, "项目名称", "name"))
    facts: dict[str, Stated[Any]] = {
        "code": code,
        "year": year_of(title),
        "department": sheet.flat_text(
            right_of(_row_of(rows, "主管部门"), sheet.find("主管部门")), "主管部门", "department"
        ),
        "unit": sheet.flat_text(
            right_of(_row_of(rows, "实施单位"), sheet.find("实施单位")), "实施单位", "unit"
        ),
    }
    form = SelfEvalForm(
        title=title,
        **_goals(sheet, rows),
        budget=_budget(sheet, rows),
        indicators=_indicators(sheet, rows),
        **_total(sheet, rows),
        **_closing(sheet, rows),
    )
    if name.value is None:
        sheet.findings.append(MISSING_LABEL.finding("", None, form=FORM, label="项目名称"))
    return Part("self_eval_form", position, name, form, facts, tuple(sheet.findings))


def _row_of(rows: list[list[Cell]], label: str) -> list[Cell]:
    key = label_key(label)
    return next((cells for cells in rows if any(cell.key.startswith(key) for cell in cells)), [])


def _title(sheet: Sheet, position: int) -> Stated[str]:
    """The title: a row above 项目名称 (a sheet or a Word table's first row) or a paragraph before."""
    anchor = sheet.find("项目名称")
    lines = header_lines(sheet, position, anchor.row if anchor else 0)
    title = title_line(lines, "自评表", "self_eval_form.title")
    return title.model_copy(update={"value": flat(title.raw)}) if title.value else title


def _goals(sheet: Sheet, rows: list[list[Cell]]) -> dict[str, Stated[str]]:
    header = sheet.find("项目年度目标")
    out: dict[str, Stated[str]] = {}
    if header is not None and header.row + 1 < len(rows):
        goal, outcome = _goal_cells(rows[header.row], rows[header.row + 1], header)
        if goal is not None:
            out["annual_goal"] = sheet.text(goal, "项目年度目标", "self_eval_form.annual_goal")
        if outcome is not None:
            out["goal_outcome"] = sheet.text(outcome, "年度目标完成情况", "self_eval_form.goal_outcome")
    summary = sheet.find("2.项目实施内容", "项目实施内容")
    if summary is not None:
        cell = right_of(rows[summary.row], summary)
        out["implementation_summary"] = sheet.text(
            cell, "项目实施内容及过程概述", "self_eval_form.implementation_summary"
        )
    return out


def _goal_cells(header: list[Cell], values: list[Cell], goal: Cell) -> tuple[Cell | None, Cell | None]:
    """The 项目年度目标 and 年度目标完成情况 value cells: under their headers, either may be blank.

    When the value row does not line up with the headers (a dump that dropped blank cells), the last two
    non-empty cells are taken.
    """
    outcome = next((c for c in header if c.col > goal.col and c.key.startswith("年度目标完成情况")), None)
    under = at_col(values, goal.col), at_col(values, outcome.col) if outcome else None
    if any(cell is not None for cell in under):
        return under
    filled = [cell for cell in values if cell.key]
    return (filled[-2], filled[-1]) if len(filled) >= 2 else (None, None)


def _budget(sheet: Sheet, rows: list[list[Cell]]) -> BudgetExecution:
    header = sheet.find("预算执行情况")
    if header is None:
        sheet.findings.append(MISSING_LABEL.finding("", None, form=FORM, label="预算执行情况"))
        return BudgetExecution()
    columns = header_columns(rows[header.row], _BUDGET_COLUMNS)
    found: list[FundRow] = []
    for cells in rows[header.row + 1 :]:
        if first(cells, "绩效指标") is not None:
            break
        for label, source in _FUND_LABELS:
            anchor = next((cell for cell in cells if label in cell.key), None)
            if anchor is not None:
                found.append(_fund_row(sheet, cells, anchor, source, columns))
                break
    return BudgetExecution(unit=MoneyUnit.wan_yuan, rows=tuple(found))


def _fund_row(
    sheet: Sheet, cells: list[Cell], anchor: Cell, source: FundSource, columns: dict[str, int]
) -> FundRow:
    path = f"self_eval_form.budget.{source.value}"
    values: dict[str, Any] = {}
    for key, col in columns.items():
        cell = at_col(cells, col, after=anchor.col)
        label = _BUDGET_COLUMNS[key]
        if key in {"initial_budget", "adjusted_budget", "spent"}:
            values[key] = sheet.money(cell, label, f"{path}.{key}", MoneyUnit.wan_yuan)
        elif key == "execution_rate":
            values[key] = sheet.percent(cell, label, f"{path}.{key}")
        elif key == "reason":
            values[key] = sheet.text(cell, label, f"{path}.{key}")
        else:
            values[key] = sheet.number(cell, label, f"{path}.{key}")
    return FundRow(source=source, **values)


def _indicators(sheet: Sheet, rows: list[list[Cell]]) -> tuple[Indicator, ...]:
    header = sheet.find("绩效指标")
    if header is None:
        sheet.findings.append(MISSING_LABEL.finding("", None, form=FORM, label="绩效指标"))
        return ()
    columns = header_columns(rows[header.row], _INDICATOR_COLUMNS)
    found: list[Indicator] = []
    previous: Indicator | None = None
    for cells in rows[header.row + 1 :]:
        if first(cells, "合计") is not None or first(cells, "自评结论", "评价结论") is not None:
            break
        if is_header_repeat(cells, ("一级指标", "三级指标")):
            continue
        name = at_col(cells, columns.get("name", -1))
        if name is None or not name.key:
            if found:  # a row split at a page break: its text continues the indicator above
                found[-1] = previous = _continue_indicator(found[-1], cells, columns)
            continue
        indicator = _indicator(sheet, cells, columns, f"self_eval_form.indicators[{len(found)}]", previous)
        found.append(indicator)
        previous = indicator
    return tuple(found)


_CONTINUED = ("target", "unit_of_measure", "actual", "shortfall_reason")


def _continue_indicator(indicator: Indicator, cells: list[Cell], columns: dict[str, int]) -> Indicator:
    """Append a pseudo-row's text cells to the indicator above (numbers are never continued)."""
    update: dict[str, Stated[str]] = {}
    for key in _CONTINUED:
        cell = at_col(cells, columns.get(key, -1))
        if cell is None or not cell.key:
            continue
        before: Stated[str] = getattr(indicator, key)
        raw = f"{before.raw}\n{cell.text}" if before.raw else cell.text
        update[key] = before.model_copy(update={"value": clean(raw) or None, "raw": raw})
    return indicator.model_copy(update=update) if update else indicator


def _indicator(
    sheet: Sheet, cells: list[Cell], columns: dict[str, int], path: str, previous: Indicator | None
) -> Indicator:
    values: dict[str, Any] = {}
    for key, col in columns.items():
        cell = at_col(cells, col)
        label = _INDICATOR_COLUMNS[key]
        if key in {"weight", "score"}:
            values[key] = sheet.number(cell, label, f"{path}.{key}")
        elif key == "direction":
            text = sheet.text(cell, label, f"{path}.{key}")
            values[key] = Stated(value=parse_direction(text.raw), raw=text.raw, location=text.location)
        elif key in {"level1", "level2", "name"}:
            values[key] = sheet.flat_text(cell, label, f"{path}.{key}")
        else:
            values[key] = sheet.text(cell, label, f"{path}.{key}")
    for key in ("level1", "level2"):
        if previous is not None and values[key].value is None:
            values[key] = getattr(previous, key)  # vertically merged: the value above
    values["not_applicable"] = "不适用" in label_key(values["score"].raw)
    return Indicator(**values)


def _total(sheet: Sheet, rows: list[list[Cell]]) -> dict[str, Stated[Decimal]]:
    anchor = sheet.find("合计")
    if anchor is None:
        sheet.findings.append(MISSING_LABEL.finding("", None, form=FORM, label="合计"))
        return {}
    numbers = [cell for cell in rows[anchor.row] if cell.col > anchor.col and cell.key]
    out: dict[str, Stated[Decimal]] = {}
    if len(numbers) >= 2:
        out["total_weight"] = sheet.number(numbers[0], "合计权重", "self_eval_form.total_weight")
    if numbers:
        out["total_score"] = sheet.number(
            numbers[-1] if len(numbers) < 3 else numbers[1], "合计", "self_eval_form.total_score"
        )
    return out


def _closing(sheet: Sheet, rows: list[list[Cell]]) -> dict[str, Stated[str]]:
    out: dict[str, Stated[str]] = {}
    for key, labels in (
        ("conclusion", ("自评结论", "评价结论")),
        ("problems", ("自评存在问题", "存在问题")),
        ("improvements", ("自评改进措施", "改进措施")),
    ):
        anchor = sheet.find(*labels)
        if anchor is not None:
            out[key] = sheet.text(right_of(rows[anchor.row], anchor), labels[0], f"self_eval_form.{key}")
    for key, label in (("project_lead", "项目负责人"), ("finance_lead", "财务负责人")):
        cell = next((c for cells in rows for c in cells if label in c.key), None)
        if cell is not None:
            stated = sheet.text(cell, label, f"self_eval_form.{key}")
            match = re.search(label + r"[:：]?\s*(\S*)", stated.value or "")
            out[key] = stated.model_copy(update={"value": match.group(1) or None if match else None})
    return out
