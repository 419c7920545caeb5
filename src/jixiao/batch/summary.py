"""One summary row per scored project, built from the pipeline's values (pure).

A row is what the summary workbook, the rankings and the web dashboards show: who, which scheme, the
computed total and grade, what the form states, and how many findings of each severity.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from jixiao.model import Finding, Grade, Project, ScoredEvaluation, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence


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
    total: Decimal | None = None  # computed 总分
    grade: Grade | None = None  # computed 等级
    stated_total: Decimal | None = None
    stated_grade: str | None = None
    complete: bool = True
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form: Decimals as strings, the grade as its Chinese label."""
        data = asdict(self)
        for name in ("total", "stated_total"):
            data[name] = None if data[name] is None else format(data[name], "f")
        data["grade"] = None if self.grade is None else self.grade.value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SummaryRow:
        """Read the JSON form back."""
        values = dict(data)
        for name in ("total", "stated_total"):
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
        base = SummaryRow(
            key=f"{file}#{index + 1}",
            title=project.title,
            file=file,
            region=region,
            department=project.department.value or "",
            unit=project.unit.value or "",
            code=project.code.value or "",
            year=project.year.value,
            errors=counts[Severity.error],
            warnings=counts[Severity.warning],
            infos=counts[Severity.info],
        )
        own = [e for e in evaluations if e.project == project.title]
        if not own:
            rows.append(replace(base, complete=False))
        rows.extend(_with_evaluation(base, evaluation, len(own)) for evaluation in own)
    return rows


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
