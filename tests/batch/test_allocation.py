"""Rule G26 on a project's 点位 table (rules.md §B7, §G26)."""

from __future__ import annotations

from jixiao.batch.allocation import check_allocation_points
from jixiao.model import Location, Project, Severity
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
    report = Report(kind=ReportKind.sichuan_special, allocation_points=points)
    return Project(name="测试项目", report=report)


def test_project_without_allocation_table_yields_nothing():
    assert check_allocation_points(Project(name="无点位")) == []


def test_single_point_gives_one_info_finding_with_its_location():
    (finding,) = check_allocation_points(project_with_points("98"))
    assert (finding.rule, finding.severity, finding.project) == ("G26", Severity.info, "测试项目")
    assert finding.locations[0].row == 2
    assert finding.locations[0].field == "report.allocation_points[0].score"


def test_boundary_tie_is_a_warning_pointing_at_both_points():
    findings = check_allocation_points(
        project_with_points("99", "98", "98", "97", "96", "95", "94", "93", "92", "91")
    )
    warnings = [f for f in findings if f.severity is Severity.warning]
    assert [f.values["kind"] for f in warnings] == ["boundary_tie"]
    assert [loc.row for loc in warnings[0].locations] == [3, 4]


def test_unreadable_score_is_noted_and_left_out():
    findings = check_allocation_points(project_with_points("90", "无", "80"))
    assert [(f.severity, f.values.get("kind")) for f in findings] == [
        (Severity.info, None),
        (Severity.info, "quota_zero"),
    ]
    assert findings[0].values["point"] == "点位2"
