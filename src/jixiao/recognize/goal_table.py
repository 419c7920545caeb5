"""Recognize the Ziyang 市本级项目支出绩效目标完成情况表 (rules.md §C7; money in 百元).

Blocks: 项目名称, 项目类型 (the ticked box: "√" or "(" as the seeds print a Wingdings tick; "□" is
empty), 部门（单位）名称 / 预算单位编码, 预算执行情况 (合计 / 财政拨款 / 其他资金), 财政拨款结构,
年度总体目标 and 年度绩效指标.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jixiao.model import (
    CompletionFundRow,
    GoalCompletionTable,
    GoalIndicatorRow,
    MoneyUnit,
    ProjectType,
    Stated,
)
from jixiao.recognize.cells import Cell, Sheet, first, right_of
from jixiao.recognize.common import (
    at_col,
    header_columns,
    header_lines,
    is_header_repeat,
    title_line,
    year_of,
)
from jixiao.recognize.parts import Part
from jixiao.recognize.rules import AMBIGUOUS_CHOICE
from jixiao.recognize.text import clean, label_key

if TYPE_CHECKING:
    from jixiao.read.document import Document, Table

UNIT = MoneyUnit.hundred_yuan
TICKS = frozenset({"√", "(", "✓", "✔", "☑", "■", "v", "V"})
_TYPES = {
    "产业发展": ProjectType.industry,
    "民生保障": ProjectType.livelihood,
    "基础设施": ProjectType.infrastructure,
    "行政运行": ProjectType.administration,
    "行政运转": ProjectType.administration,
}
_FUND_COLUMNS = {
    "budget": "预算额",
    "spent": "执行额",
    "carryover": "当年结转结余额",
    "carryover_rate": "结转结余率",
    "carryover_change_rate": "结转结余变动率",
}
_FUND_ROWS = (("合计", "total"), ("财政拨款", "fiscal"), ("其他资金", "other_funds"))
_STRUCTURE = {
    "general": "一般公共预算",
    "fund": "政府性基金",
    "capital": "国有资本经营",
    "social": "社保基金",
}
_GOAL_COLUMNS = {
    "annual_goal": "预算总体目标",
    "goal_result": "预算总体目标执行结果",
    "goal_deviation": "预算总体目标与",
}
_INDICATOR_COLUMNS = {
    "level1": "一级指标",
    "level2": "二级指标",
    "name": "三级指标",
    "target": "预算指标值(",
    "result": "预算指标值执行结果",
    "deviation": "预算指标值与",
}


def is_goal_table(table: Table) -> bool:
    """True when the table has 项目名称, 项目类型 and money columns in 百元."""
    keys = {label_key(text or "") for row in table.grid for text in row}
    return "项目名称" in keys and "项目类型" in keys and any(k.startswith("预算额") for k in keys)


def recognize_goal_table(doc: Document, position: int, table: Table) -> Part:
    """Read one 绩效目标完成情况表."""
    sheet = Sheet(doc, table)
    rows = sheet.rows()
    name_anchor = sheet.find("项目名称")
    name = sheet.flat_text(right_of(_row(rows, name_anchor), name_anchor), "项目名称", "name")
    unit_anchor = sheet.find("部门(单位)名称", "部门（单位）名称", "单位名称")
    code_anchor = sheet.find("预算单位编码")
    project_type = _project_type(sheet, rows)
    lines = header_lines(sheet, position, name_anchor.row if name_anchor else 0)
    title = title_line(lines, "完成情况表", "goal_table.title")
    facts: dict[str, Stated[Any]] = {
        "year": _year(title),
        "unit": sheet.flat_text(right_of(_row(rows, unit_anchor), unit_anchor), "部门（单位）名称", "unit"),
        "unit_code": sheet.flat_text(
            right_of(_row(rows, code_anchor), code_anchor), "预算单位编码", "unit_code"
        ),
        "project_type": project_type,
    }
    value = GoalCompletionTable(
        title=title,
        project_type=project_type,
        funds=_funds(sheet, rows),
        fiscal_structure=_structure(sheet, rows),
        **_goals(sheet, rows),
        indicators=_indicators(sheet, rows),
    )
    return Part("goal_table", position, name, value, facts, tuple(sheet.findings))


def _year(title: Stated[str]) -> Stated[int]:
    year = year_of(title)
    location = title.location.with_field("year") if title.location else None
    return year.model_copy(update={"location": location})


def _row(rows: list[list[Cell]], anchor: Cell | None) -> list[Cell]:
    return [] if anchor is None else rows[anchor.row]


def _project_type(sheet: Sheet, rows: list[list[Cell]]) -> Stated[ProjectType]:
    anchor = sheet.find("项目类型")
    if anchor is None or anchor.row + 1 >= len(rows):
        return Stated()
    ticked: list[tuple[ProjectType, Cell, Cell]] = []
    for label_cell in rows[anchor.row]:
        kind = _TYPES.get(label_cell.key)
        tick = at_col(rows[anchor.row + 1], label_cell.col)
        if kind is not None and tick is not None and label_key(tick.text) in TICKS:
            ticked.append((kind, label_cell, tick))
    if not ticked:
        return Stated()
    raw = " ".join(f"{label.key}{tick.text}" for _, label, tick in ticked)
    location = sheet.location(ticked[0][2], ticked[0][1].key, "project_type")
    if len(ticked) > 1:  # ziyang-2022-a01 ticks two boxes: keep the text, state no type
        choices = "、".join(label.key for _, label, _ in ticked)
        sheet.findings.append(AMBIGUOUS_CHOICE.finding("", location, label="项目类型", choices=choices))
        return Stated(value=None, raw=raw, location=location)
    return Stated(value=ticked[0][0], raw=raw, location=location)


def _funds(sheet: Sheet, rows: list[list[Cell]]) -> tuple[CompletionFundRow, ...]:
    header = sheet.find("预算执行情况")
    if header is None:
        return ()
    columns = header_columns(rows[header.row], _FUND_COLUMNS)
    out: list[CompletionFundRow] = []
    for cells in rows[header.row + 1 :]:
        if first(cells, "财政拨款结构") is not None:
            break
        label = next(((key, source) for key, source in _FUND_ROWS if first(cells, key) is not None), None)
        if label is None:
            continue
        path = f"goal_table.funds[{len(out)}]"
        values: dict[str, Any] = {}
        for field, col in columns.items():
            cell, text = at_col(cells, col), _FUND_COLUMNS[field]
            if field == "carryover_rate":
                values[field] = sheet.percent(cell, text, f"{path}.{field}")
            elif field == "carryover_change_rate":
                values[field] = sheet.text(cell, text, f"{path}.{field}")
            else:
                values[field] = sheet.money(cell, text, f"{path}.{field}", UNIT)
        out.append(CompletionFundRow(source=label[1], **values))
    return tuple(out)


def _structure(sheet: Sheet, rows: list[list[Cell]]) -> dict[str, Stated[Any]]:
    header = sheet.find("财政拨款结构")
    if header is None:
        return {}
    budget_row = next((cells for cells in rows[header.row + 1 :] if first(cells, "预算额")), None)
    if budget_row is None:
        return {}
    columns = header_columns(rows[header.row], _STRUCTURE)
    return {
        key: sheet.money(at_col(budget_row, col), _STRUCTURE[key], f"goal_table.fiscal_structure.{key}", UNIT)
        for key, col in columns.items()
    }


def _goals(sheet: Sheet, rows: list[list[Cell]]) -> dict[str, Stated[str]]:
    header = sheet.find("年度总体目标")
    if header is None or header.row + 1 >= len(rows):
        return {}
    columns = header_columns(rows[header.row], _GOAL_COLUMNS)
    values = rows[header.row + 1]
    return {
        key: sheet.text(at_col(values, col), _GOAL_COLUMNS[key], f"goal_table.{key}")
        for key, col in columns.items()
    }


def _indicators(sheet: Sheet, rows: list[list[Cell]]) -> tuple[GoalIndicatorRow, ...]:
    header = sheet.find("年度绩效指标", "年度绩")
    if header is None:
        return ()
    columns = header_columns(rows[header.row], _INDICATOR_COLUMNS)
    out: list[GoalIndicatorRow] = []
    for cells in rows[header.row + 1 :]:
        values = {key: at_col(cells, col) for key, col in columns.items()}
        if is_header_repeat(cells, ("一级指标", "三级指标")) or not any(
            cell is not None and cell.key for key, cell in values.items() if key not in {"level1", "level2"}
        ):
            continue
        if out and not any(_has_text(values.get(key)) for key in ("level1", "level2", "name")):
            out[-1] = _continue_row(out[-1], values)  # a row split at a page break
            continue
        out.append(
            _indicator_row(sheet, values, f"goal_table.indicators[{len(out)}]", out[-1] if out else None)
        )
    return tuple(out)


def _indicator_row(
    sheet: Sheet, values: dict[str, Cell | None], path: str, previous: GoalIndicatorRow | None
) -> GoalIndicatorRow:
    stated: dict[str, Stated[str]] = {}
    for key, cell in values.items():
        label = _INDICATOR_COLUMNS[key]
        if key in {"level1", "level2", "name"}:
            stated[key] = sheet.flat_text(cell, label, f"{path}.{key}")
        else:
            stated[key] = sheet.text(cell, label, f"{path}.{key}")
    for key in ("level1", "level2"):
        if stated[key].value is None and previous is not None:
            stated[key] = getattr(previous, key)  # vertically merged: the value above
    return GoalIndicatorRow(**stated)


def _continue_row(row: GoalIndicatorRow, values: dict[str, Cell | None]) -> GoalIndicatorRow:
    update: dict[str, Stated[str]] = {}
    for key in ("target", "result", "deviation"):
        cell = values.get(key)
        if cell is None or not cell.key:
            continue
        before: Stated[str] = getattr(row, key)
        raw = f"{before.raw}\n{cell.text}" if before.raw else cell.text
        update[key] = before.model_copy(update={"value": clean(raw) or None, "raw": raw})
    return row.model_copy(update=update)


def _has_text(cell: Cell | None) -> bool:
    return cell is not None and bool(cell.key)
