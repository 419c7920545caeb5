"""Rule G26 on a project's 点位 table (rules.md §B7, §G26): findings of the one forced distribution."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from jixiao import api
from jixiao.checks.context import CheckOptions
from jixiao.checks.runner import check_project
from jixiao.model import Finding, Location, Project, Severity
from jixiao.model.report import AllocationPoint, Report, ReportKind


def project_with_points(*scores: str) -> Project:
    points = tuple(
        AllocationPoint(
            name=f"点位{index}",
            score={
                "value": score if score.isdigit() else None,
                "raw": score,
                "location": Location(file="r.docx", table=3, row=index + 1, col=3),
            },
        )
        for index, score in enumerate(scores, 1)
    )
    return Project(name="测试项目", report=Report(kind=ReportKind.sichuan_special, allocation_points=points))


def g26(project: Project) -> list[Finding]:
    return check_project(project, options=CheckOptions(strict=True, only=frozenset({"G26"})))


def test_project_without_allocation_table_yields_nothing():
    assert g26(Project(name="无点位")) == []


def test_single_point_is_one_unchecked_note_with_its_location():
    (finding,) = g26(project_with_points("98"))
    assert (finding.rule, finding.severity, finding.project) == ("G26", Severity.info, "测试项目")
    assert finding.values["unchecked"] == "true"
    assert finding.locations[0].row == 2
    assert finding.locations[0].field == "report.allocation_points[0].score"


def test_boundary_tie_is_one_warning_pointing_at_both_points():
    findings = g26(project_with_points("99", "98", "98", "97", "96", "95", "94", "93", "92", "91"))
    (warning,) = [f for f in findings if f.severity is Severity.warning]
    assert warning.values["kind"] == "boundary_tie"
    assert [loc.row for loc in warning.locations] == [3, 4]
    assert "「优」与「良」两个等级" in warning.message


def test_a_score_spanning_three_grades_is_one_finding_naming_all_three():
    # n = 10 → 优 2, 良 2, 中 5, 差 1: places 2-5 share 95 (优, 良 and 中).
    findings = g26(project_with_points("99", "95", "95", "95", "95", "90", "89", "88", "87", "80"))
    ties = [f for f in findings if f.values.get("kind") == "boundary_tie"]
    assert len(ties) == 1
    assert "「优」「良」「中」三个等级" in ties[0].message
    assert [loc.row for loc in ties[0].locations] == [3, 4, 5, 6]


def test_unreadable_score_is_noted_and_left_out():
    findings = g26(project_with_points("90", "无", "80"))
    assert [(f.severity, f.values.get("kind")) for f in findings] == [
        (Severity.info, None),
        (Severity.info, "quota_zero"),
    ]
    assert "点位2" in findings[0].message
    assert findings[0].locations[0].row == 3
    assert [loc.row for loc in findings[1].locations] == [2, 4]  # the two scored points, best first


@pytest.mark.parametrize("seed", range(30))
def test_findings_are_the_distribution_issues_one_to_one(seed):
    """G26 reports exactly what `api.allocation_distribution` (the dashboards) shows, nothing more."""
    rng = random.Random(seed)
    scores = [str(rng.choice(range(80, 101, 5))) for _ in range(rng.randint(2, 45))]
    project = project_with_points(*scores)
    distribution = api.allocation_distribution(project)
    assert distribution is not None
    findings = g26(project)
    assert [(f.severity, f.message) for f in findings] == [
        (Severity.warning if issue.is_violation else Severity.info, f"点位得分分布：{issue.message}")
        for issue in distribution.issues
    ]
    assert sum(f.severity is Severity.warning for f in findings) == len(distribution.violations)
    tied = {issue.score for issue in distribution.violations if issue.kind.value == "boundary_tie"}
    assert len(tied) == sum(f.values.get("kind") == "boundary_tie" for f in findings)
    assert all(Decimal(f.values["score"]) in tied for f in findings if f.values.get("kind") == "boundary_tie")
