"""Rule G26 on one project's 点位 table: apply the forced distribution and report it as findings.

rules.md §B7, §G26: warning when the 20/20/55/5 % distribution or the 10 % tie limit is broken (only
when n ≥ 2); info when n = 1, when n is too small for every grade to get a place, or when a point's
score cannot be read. A project without a 点位 table yields nothing: the rule is Sichuan-report only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.batch.distribution import (
    DEFAULT_POLICY,
    DistributionIssue,
    DistributionPolicy,
    ScoredEntry,
    distribute,
)
from jixiao.model import Finding, Location, Project, Severity

if TYPE_CHECKING:
    from jixiao.batch.distribution import Distribution

RULE_ID = "G26"
RULE_NAME = "allocation-grade-distribution"


def allocation_entries(project: Project) -> tuple[list[ScoredEntry], list[Finding]]:
    """Return the scored 点位 of a project's report, and an info finding per unreadable score."""
    report = project.report
    if report is None:
        return [], []
    entries: list[ScoredEntry] = []
    notes: list[Finding] = []
    for index, point in enumerate(report.allocation_points):
        field = f"report.allocation_points[{index}].score"
        name = point.name.value or point.name.raw or f"第{index + 1}个点位"
        location = _with_field(point.score.location, field)
        if point.score.value is None:
            message = f"点位「{name}」的自评得分「{point.score.raw}」无法读取，未参与等级分布检查"
            notes.append(_finding(project, Severity.info, message, {"point": name}, (location,)))
            continue
        entries.append(ScoredEntry(name=name, score=point.score.value, location=location))
    return entries, notes


def allocation_distribution(
    project: Project, policy: DistributionPolicy = DEFAULT_POLICY
) -> Distribution | None:
    """Return the forced distribution of a project's 点位, or None when it has no 点位 table."""
    if project.report is None or not project.report.allocation_points:
        return None
    entries, _ = allocation_entries(project)
    return distribute(entries, policy)


def check_allocation_points(project: Project, policy: DistributionPolicy = DEFAULT_POLICY) -> list[Finding]:
    """Check a project's 点位 table against the forced distribution (rule G26)."""
    if project.report is None or not project.report.allocation_points:
        return []
    entries, findings = allocation_entries(project)
    distribution = distribute(entries, policy)
    findings.extend(_issue_finding(project, issue) for issue in distribution.issues)
    return findings


def _issue_finding(project: Project, issue: DistributionIssue) -> Finding:
    severity = Severity.warning if issue.is_violation else Severity.info
    locations = tuple(entry.location for entry in issue.entries if entry.location is not None)
    values = {"kind": issue.kind.value, **issue.values}
    return _finding(project, severity, issue.message, values, locations)


def _finding(
    project: Project,
    severity: Severity,
    message: str,
    values: dict[str, str],
    locations: tuple[Location, ...],
) -> Finding:
    return Finding(
        rule=RULE_ID,
        severity=severity,
        project=project.title,
        message=message,
        name=RULE_NAME,
        values=values,
        locations=locations,
    )


def _with_field(location: Location | None, field: str) -> Location:
    """Attach the model path to the reader's location (or make a field-only location)."""
    return Location(field=field) if location is None else location.with_field(field)
