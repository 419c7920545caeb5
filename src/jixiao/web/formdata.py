"""The Sichuan 自评表 as an HTML form: input names are model paths, values are raw cell text.

`project_from_form` parses a posted form into a `Project` (each typed value a `Stated` carrying its
raw text and a `Location(field=path)`, so findings point back at the input); `form_values` turns a
project back into the raw texts. Only parsing of the request lives here: no scoring, no rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from jixiao.api import Project
from jixiao.model import DIRECTION_SYMBOLS, FUND_SOURCE_LABELS, Direction, FundSource, Indicator, MoneyUnit

if TYPE_CHECKING:
    from collections.abc import Mapping

FORM = "self_eval_form"
BLANK_INDICATOR_ROWS = 2

# Header inputs on the project itself: (path, label, kind).
PROJECT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("name", "项目名称", "text"),
    ("code", "项目编码", "text"),
    ("year", "评价年度", "int"),
)
# Inputs of the form outside its tables.
TEXT_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("annual_goal", "项目年度目标", "textarea"),
    ("goal_outcome", "年度目标完成情况", "textarea"),
    ("implementation_summary", "项目实施内容及过程概述", "textarea"),
)
CLOSING_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("total_score", "合计得分", "decimal"),
    ("conclusion", "自评结论", "textarea"),
    ("problems", "存在问题", "textarea"),
    ("improvements", "改进措施", "textarea"),
    ("project_lead", "项目负责人", "text"),
    ("finance_lead", "财务负责人", "text"),
)
BUDGET_SOURCES: tuple[FundSource, ...] = tuple(FundSource)
BUDGET_MONEY = ("initial_budget", "adjusted_budget", "spent")
BUDGET_SCORED = ("weight", "score", "reason")  # only the 总额 row carries these on the form
INDICATOR_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("level1", "一级指标", "level1"),
    ("level2", "二级指标", "level2"),
    ("name", "三级指标", "text"),
    ("direction", "指标性质", "direction"),
    ("target", "指标值", "text"),
    ("unit_of_measure", "度量单位", "short"),
    ("actual", "完成值", "text"),
    ("weight", "权重", "decimal"),
    ("score", "得分", "decimal"),
    ("shortfall_reason", "未完成原因分析", "text"),
)
LEVEL1_CHOICES = ("产出指标", "效益指标", "满意度指标", "成本指标")
LEVEL2_CHOICES = (
    "数量指标", "质量指标", "时效指标", "成本指标", "经济成本指标", "社会成本指标", "生态环境成本指标",
    "经济效益指标", "社会效益指标", "生态效益指标", "可持续影响指标", "服务对象满意度指标",
)  # fmt: skip
DIRECTION_CHOICES: tuple[tuple[str, str], ...] = (
    ("at_least", "≥"),
    ("at_most", "≤"),
    ("equal", "="),
    ("more_than", ">"),
    ("less_than", "<"),
    ("qualitative", "定性"),
)
_INDICATOR_KEY = re.compile(rf"^{FORM}\.indicators\[(\d+)\]\.(\w+)$")
_KINDS = {name: kind for name, _, kind in (*TEXT_FIELDS, *CLOSING_FIELDS)}


@dataclass(frozen=True, slots=True)
class ParsedForm:
    """A posted form as a project, and which input row each indicator came from."""

    project: Project
    indicator_rows: tuple[int, ...]  # indicator position → input row index


def as_decimal(text: str) -> Decimal | None:
    """A typed number (thousands separators allowed), or None when it is not one."""
    cleaned = text.strip().replace(",", "").replace("，", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


def stated(raw: str, kind: str, path: str, money_unit: MoneyUnit = MoneyUnit.wan_yuan) -> dict[str, Any]:
    """A Stated dict for one input: interpreted value, raw text and the input's model path."""
    raw = raw.strip()
    value: Any = raw or None
    if kind in {"decimal", "int"}:
        number = as_decimal(raw)
        value = (
            None
            if number is None
            else (int(number) if kind == "int" and number == number.to_integral() else number)
        )
        if kind == "int" and not isinstance(value, int):
            value = None
    elif kind == "money":
        number = as_decimal(raw)
        value = None if number is None else {"amount": number, "unit": money_unit.value}
    elif kind == "direction":
        value = raw if raw in Direction.__members__ else None
        raw = DIRECTION_SYMBOLS[Direction(value)] if value else raw
    return {"value": value, "raw": raw, "location": {"field": path}}


def project_from_form(data: Mapping[str, str], base: Project, *, department: str, unit: str) -> ParsedForm:
    """Parse posted inputs into a project.

    What the form does not show is kept from `base`: the other documents, and within the 自评表 the
    stated execution rates, the money unit, the title and the indicators' 定性 outcome or 不适用.
    """
    fields = {name: stated(data.get(name, ""), kind, name) for name, _, kind in PROJECT_FIELDS}
    old = base.self_eval_form
    form: dict[str, Any] = old.model_dump(mode="python") if old else {}
    for name, _, kind in (*TEXT_FIELDS, *CLOSING_FIELDS):
        path = f"{FORM}.{name}"
        form[name] = stated(data.get(path, ""), "decimal" if kind == "decimal" else "text", path)
    if old is None or old.total_weight.is_blank:
        form["total_weight"] = {"value": Decimal(100), "raw": "100"}
    money_unit = old.budget.unit if old else MoneyUnit.wan_yuan
    form["budget"] = form.get("budget", {}) | {
        "unit": money_unit,
        "rows": _budget_rows(data, base, money_unit),
    }
    indicators, rows = _indicators(data, old.indicators if old else ())
    form["indicators"] = indicators
    payload = base.model_dump(mode="python", exclude={"self_eval_form", *fields})
    payload |= fields
    if not base.department.value:
        payload["department"] = {"value": department, "raw": department}
    if not base.unit.value:
        payload["unit"] = {"value": unit, "raw": unit}
    payload[FORM] = form
    return ParsedForm(Project.model_validate(payload), tuple(rows))


def money_unit_of(project: Project) -> MoneyUnit:
    """The unit the form's money inputs are in (万元 on the Sichuan form unless imported otherwise)."""
    return project.self_eval_form.budget.unit if project.self_eval_form else MoneyUnit.wan_yuan


def _budget_rows(data: Mapping[str, str], base: Project, money_unit: MoneyUnit) -> list[dict[str, Any]]:
    old = base.self_eval_form.budget if base.self_eval_form else None
    rows = []
    for index, source in enumerate(BUDGET_SOURCES):
        prefix = f"{FORM}.budget.rows[{index}]"
        previous = old.row(source) if old else None
        row: dict[str, Any] = previous.model_dump(mode="python") if previous else {"source": source.value}
        for name in BUDGET_MONEY:
            row[name] = stated(data.get(f"{prefix}.{name}", ""), "money", f"{prefix}.{name}", money_unit)
        if source is FundSource.total:
            row["weight"] = {"value": Decimal(10), "raw": "10", "location": {"field": f"{prefix}.weight"}}
            row["score"] = stated(data.get(f"{prefix}.score", ""), "decimal", f"{prefix}.score")
            row["reason"] = stated(data.get(f"{prefix}.reason", ""), "text", f"{prefix}.reason")
        rows.append(row)
    return rows


def _indicators(
    data: Mapping[str, str], old: tuple[Indicator, ...]
) -> tuple[list[dict[str, Any]], list[int]]:
    posted: dict[int, dict[str, str]] = {}
    for key, raw in data.items():
        match = _INDICATOR_KEY.match(key)
        if match:
            posted.setdefault(int(match[1]), {})[match[2]] = raw
    indicators: list[dict[str, Any]] = []
    rows: list[int] = []
    for index in sorted(posted):
        cells = posted[index]
        if not any(cells.get(name, "").strip() for name, _, _ in INDICATOR_COLUMNS if name != "direction"):
            continue
        prefix = f"{FORM}.indicators[{len(indicators)}]"  # the model path, after blank rows are dropped
        kinds = {"decimal": "decimal", "direction": "direction"}
        row: dict[str, Any] = {
            name: stated(cells.get(name, ""), kinds.get(kind, "text"), f"{prefix}.{name}")
            for name, _, kind in INDICATOR_COLUMNS
        }
        position = len(indicators)
        if position < len(old) and _raw(old[position].name) == row["name"]["raw"]:
            row |= {"qualitative_outcome": old[position].qualitative_outcome,
                    "not_applicable": old[position].not_applicable}  # fmt: skip
        indicators.append(row)
        rows.append(index)
    return indicators, rows


def _raw(stated: object) -> str:
    """The text to show in an input: what was written, else the value."""
    raw, value = getattr(stated, "raw", ""), getattr(stated, "value", None)
    if raw:
        return str(raw)
    if value is None:
        return ""
    if hasattr(value, "amount"):
        return format(value.amount, "f")
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(getattr(value, "value", value))


def form_values(project: Project) -> dict[str, str]:
    """Every input's text for a project (model path → raw text)."""
    values = {name: _raw(getattr(project, name)) for name, _, _ in PROJECT_FIELDS}
    form = project.self_eval_form
    if form is None:
        return values
    for name, _, _ in (*TEXT_FIELDS, *CLOSING_FIELDS):
        values[f"{FORM}.{name}"] = _raw(getattr(form, name))
    for index, source in enumerate(BUDGET_SOURCES):
        row = form.budget.row(source)
        for name in (*BUDGET_MONEY, *BUDGET_SCORED):
            values[f"{FORM}.budget.rows[{index}].{name}"] = _raw(getattr(row, name)) if row else ""
    for index, indicator in enumerate(form.indicators):
        for name, _, _ in INDICATOR_COLUMNS:
            stated = getattr(indicator, name)
            text = _raw(stated)
            if name == "direction":
                text = Direction(stated.value).value if stated.value is not None else ""
            values[f"{FORM}.indicators[{index}].{name}"] = text
    return values


def indicator_count(project: Project) -> int:
    """How many indicator rows the project has."""
    return len(project.self_eval_form.indicators) if project.self_eval_form else 0


FUND_LABELS = [FUND_SOURCE_LABELS[source] for source in BUDGET_SOURCES]
