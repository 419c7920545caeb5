"""One summary row per scored project, built from the pipeline's values (pure).

A row is what the summary workbook, the rankings and the web dashboards show: who, which scheme, the
computed total and grade, what the form states, and how many findings of each severity.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from jixiao.model import Finding, Grade, Money, MoneyUnit, Project, ScoredEvaluation, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


DECIMAL_FIELDS = ("budget_wan", "spent_wan", "execution_rate", "total", "stated_total")
RATE_PLACES = Decimal("0.0001")


@dataclass(frozen=True, slots=True)
class SummaryRow:
    """A project's line in a summary (one per project and scheme it was scored under)."""

    key: str  # stable id within a batch: "<file>#<project index>"
    title: str  # 项目名称
    file: str = ""
    region: str = ""  # 地区: the batch's top-level folder, or what the caller assigns
    department: str = ""  # 主管部门
    unit: str = ""  # 实施单位
    code: str = ""
    year: int | None = None
    scheme: str = ""
    budget_wan: Decimal | None = None  # 预算数 (调整后, else 年初) in 万元
    spent_wan: Decimal | None = None  # 预算执行数 in 万元
    execution_rate: Decimal | None = None  # 执行数 / 预算数, a fraction, 4 decimals
    total: Decimal | None = None  # computed 总分
    grade: Grade | None = None  # computed 等级
    stated_total: Decimal | None = None
    stated_grade: str | None = None
    complete: bool = True
    main: bool = True  # the project's own scheme (first evaluation); rankings use only these rows
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form: Decimals as strings, the grade as its Chinese label."""
        data = asdict(self)
        for name in DECIMAL_FIELDS:
            data[name] = None if data[name] is None else format(data[name], "f")
        data["grade"] = None if self.grade is None else self.grade.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SummaryRow:
        """Read the JSON form back."""
        values = dict(data)
        for name in DECIMAL_FIELDS:
            values[name] = None if values.get(name) is None else Decimal(values[name])
        values["grade"] = None if values.get("grade") is None else Grade(values["grade"])
        return cls(**values)


def count_findings(findings: Iterable[Finding], project: str) -> dict[Severity, int]:
    """Count one project's findings by severity."""
    counts = dict.fromkeys(Severity, 0)
    for finding in findings:
        if finding.project == project:
            counts[finding.severity] += 1
    return counts


def summarize_projects(
    projects: Sequence[Project],
    evaluations: Sequence[ScoredEvaluation],
    findings: Sequence[Finding],
    *,
    file: str = "",
    region: str = "",
) -> list[SummaryRow]:
    """Return one row per project and evaluation; a project that could not be scored gets one row too."""
    rows: list[SummaryRow] = []
    for index, project in enumerate(projects):
        counts = count_findings(findings, project.title)
        budget, spent = project_money(project)
        base = SummaryRow(
            key=f"{file}#{index + 1}",
            title=project.title,
            file=file,
            region=region,
            department=project.department.value or "",
            unit=project.unit.value or "",
            code=project.code.value or "",
            year=project.year.value,
            budget_wan=budget,
            spent_wan=spent,
            execution_rate=_rate(budget, spent),
            errors=counts[Severity.error],
            warnings=counts[Severity.warning],
            infos=counts[Severity.info],
        )
        own = [e for e in evaluations if e.project == project.title]
        if not own:
            rows.append(replace(base, complete=False))
        rows.extend(
            replace(_with_evaluation(base, evaluation, len(own)), main=position == 0)
            for position, evaluation in enumerate(own)
        )
    return rows


def project_money(project: Project) -> tuple[Decimal | None, Decimal | None]:
    """Return the project's budget (调整后, else 年初) and spending in 万元, from whichever form has them."""
    form = project.self_eval_form
    total = form.budget.total if form is not None else None
    if total is not None:
        budget = total.adjusted_budget.value or total.initial_budget.value
        return _wan(budget), _wan(total.spent.value)
    table = project.goal_table
    row = next((row for row in table.funds if row.source == "total"), None) if table is not None else None
    if row is not None:
        return _wan(row.budget.value), _wan(row.spent.value)
    return None, None


def _wan(money: Money | None) -> Decimal | None:
    return None if money is None else money.to(MoneyUnit.wan_yuan).amount


def _rate(budget: Decimal | None, spent: Decimal | None) -> Decimal | None:
    """执行率 = 执行数 / 预算数 (rules.md §A11), half-up to 4 places; None without a positive budget."""
    if budget is None or spent is None or budget <= 0:
        return None
    return (spent / budget).quantize(RATE_PLACES, rounding=ROUND_HALF_UP)


def _with_evaluation(base: SummaryRow, evaluation: ScoredEvaluation, count: int) -> SummaryRow:
    key = base.key if count == 1 else f"{base.key}@{evaluation.scheme}"
    return replace(
        base,
        key=key,
        scheme=evaluation.scheme,
        total=evaluation.total,
        grade=evaluation.grade,
        stated_total=evaluation.stated_total,
        stated_grade=evaluation.stated_grade,
        complete=evaluation.complete,
    )
