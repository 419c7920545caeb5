"""The checker on every shared seed and fixture: specific findings on specific projects, by location.

Assertions use the rule id, the project and the evidence location (table/row/column, sheet cell or
paragraph), never the message wording. Every file is checked in strict mode, so a rule that raises
on a real document fails here.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest

from jixiao.api import import_file
from jixiao.checks.context import CheckOptions
from jixiao.checks.runner import check_projects
from jixiao.model import Finding, Severity

SHARED = Path(__file__).resolve().parents[3] / "shared"
FILES = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "fixtures").glob("*.*"))

P2 = "区社情民意短信平台（信访稳控系统平台）人员和建设维护费"
P4 = "解决社会治理联席会议群众工作组办公经费"
P5 = "投融资理财非法集资问题处置经费"
P1 = "视频接访及视频会议维护经费"


@cache
def _checked(name: str) -> tuple[Finding, ...]:
    """Import findings plus check findings (strict: a rule exception fails the test)."""
    path = SHARED / name
    result = import_file(path)
    assert not result.errors, result.errors
    return result.findings + tuple(check_projects(result.projects, CheckOptions(strict=True)))


def _find(name: str, rule: str, project: str, **where: Any) -> Finding:
    """The finding of `rule` on `project` with one location matching every `where` attribute."""
    candidates = [f for f in _checked(name) if f.rule == rule and f.project == project]
    for finding in candidates:
        for location in finding.locations:
            if all(getattr(location, key) == value for key, value in where.items()):
                return finding
    shown = [(f.rule, f.project, [loc.to_dict() for loc in f.locations]) for f in candidates]
    pytest.fail(f"{name}: no {rule} on {project} at {where}; candidates: {shown}")


def _rules(name: str, project: str) -> set[str]:
    return {f.rule for f in _checked(name) if f.project == project and f.severity is not Severity.info}


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_every_seed_and_fixture_is_checked_without_a_rule_failing(path: Path) -> None:
    findings = _checked(f"{path.parent.name}/{path.name}")
    assert findings, "every seed has at least one finding"
    assert all(f.locations or f.severity is Severity.info for f in findings), "evidence needs a location"


# --- Lizhou 2023 (Sichuan 自评表 10 + 90 and 专项 report) ---------------------------------------------


@pytest.mark.parametrize("name", ["fixtures/lizhou-2023-p2.docx", "seeds/lizhou-2023-p2.txt"])
def test_sms_platform_total_row_says_90(name: str) -> None:
    finding = _find(name, "G12", P2, table=1, row=23, col=3, field="self_eval_form.total_score")
    assert finding.severity is Severity.error
    assert finding.values["stated"] == "90"
    assert finding.values["computed"] == "100"
    _find(name, "G04", P2, table=1, row=23, field="self_eval_form.total_weight")


def test_sms_platform_total_row_in_the_spreadsheet_export() -> None:
    _find("fixtures/lizhou-2023-p2.xlsx", "G12", P2, sheet="表1", row=23, col=3)


def test_sms_platform_form_of_2023_says_2022_in_its_conclusion() -> None:
    finding = _find(
        "fixtures/lizhou-2023-p2.docx", "R06", P2, table=1, row=24, field="self_eval_form.conclusion"
    )
    assert finding.values["stated"] == "2022"
    assert finding.values["year"] == "2023"


def test_sms_platform_report_target_table_differs_from_the_form() -> None:
    name = "fixtures/lizhou-2023-p2.docx"
    _find(name, "G22", P2, table=2, quote="使用成本")
    _find(name, "G22", P2, table=1, quote="全年人员及维护费用多少元？")
    _find(name, "R04", P2, paragraph=31)
    _find(name, "G24", P2, table=1, row=13, quote="保障多少名人员经费")


@pytest.mark.parametrize("project", [P1, P2, P4, P5])
def test_every_lizhou_form_says_no_problems_while_the_report_lists_two(project: str) -> None:
    name = "fixtures/lizhou-2023-combined.docx"
    finding = _find(name, "G25", project, field="self_eval_form.problems")
    assert any(loc.field == "report.problems" for loc in finding.locations)
    _find(name, "G33", project, field="self_eval_form.conclusion")  # 「预算编制情况得分90分」


@pytest.mark.parametrize("name", ["fixtures/lizhou-2023-p5.docx", "fixtures/lizhou-2023-p5.xlsx"])
def test_investment_fraud_budget_execution_scores_8_at_100_percent(name: str) -> None:
    finding = _find(name, "G02", P5, row=7, field="self_eval_form.budget.rows[0].score")
    assert finding.values["expected"] == "10"
    assert finding.values["stated"] == "8"


def test_investment_fraud_full_marks_for_a_blank_satisfaction_actual() -> None:
    name = "fixtures/lizhou-2023-p5.docx"
    finding = _find(name, "G09", P5, table=1, row=20, col=8)
    assert finding.values["actual"] == "%"
    _find(name, "G12", P5, table=1, row=22, col=3)  # 合计 100 while 8 + 90 = 98
    _find(name, "G12", P5, table=1, row=23, field="self_eval_form.conclusion")


def test_joint_meeting_monthly_count_contradicts_the_report_total() -> None:
    name = "fixtures/lizhou-2023-p4.docx"
    _find(name, "R08", P4, table=1, row=15, col=8)
    _find(name, "R08", P4, quote="共638件")
    _find(name, "G23", P4, table=2, row=3, col=3)  # 二级「效果指标」 under 产出指标


def test_combined_file_sms_report_names_the_investment_fraud_project() -> None:
    name = "fixtures/lizhou-2023-combined.docx"
    finding = _find(name, "B03", P2, paragraph=93)
    assert finding.values["other"] == P5
    _find(name, "G02", P5, table=4, row=7, col=8)
    _find(name, "G12", P2, table=2, row=23, col=3)


def test_video_project_all_full_marks_is_only_an_info() -> None:
    finding = _find("fixtures/lizhou-2023-p1.docx", "G30", P1, table=1, row=23)
    assert finding.severity is Severity.info
    assert "G12" not in _rules("fixtures/lizhou-2023-p1.docx", P1)


# --- Ziyang 2022 (计分表 25/25/20/30, 完成情况表 and report) -------------------------------------------

RENT = "资阳市老年大学房屋租赁费项目"
RUNNING = "资阳市老年大学运行经费项目"
VIDEO = "视频会议网络（移动办公）费"
PROPERTY = "资阳市老年大学物业费项目"
TEACHING = "资阳市老年大学教学经费项目"
WELFARE = "民政福利园区公共区域管理项目"
VISITS = "幸福资阳行慰问经费"


@pytest.mark.parametrize("name", ["fixtures/ziyang-2022-a05.docx", "seeds/ziyang-2022-a05.txt"])
def test_rent_project_grades_79_3_as_good(name: str) -> None:
    finding = _find(name, "G14", RENT, field="score_sheet.stated_grade")
    assert finding.values["score"] == "79.3"
    assert finding.values["expected"] == "中"
    _find(name, "G14", RENT, field="report.stated_grade")


def test_rent_project_report_group_points_differ_from_the_sheet() -> None:
    name = "fixtures/ziyang-2022-a05.docx"
    assert _find(name, "R02", RENT, paragraph=22).values["computed"] == "14.4"
    _find(name, "R02", RENT, paragraph=28)
    _find(name, "G29", RENT, table=1, row=4, col=6)  # 绩效指标明确性 5.4
    _find(name, "G20", RENT, table=2, row=7, col=5)  # 财政拨款 20000 − 20000 ≠ 22600


def test_running_costs_items_add_to_95_4_not_96_96() -> None:
    name = "fixtures/ziyang-2022-a04.docx"
    finding = _find(name, "G12", RUNNING, table=1, row=22, col=2)
    assert (finding.values["stated"], finding.values["computed"]) == ("96.96", "95.4")
    _find(name, "R01", RUNNING, field="report.stated_total")
    _find(name, "G20", RUNNING, table=2, row=6, col=5)  # 2000 − 3420.1 ≠ 220.72


def test_video_network_timeliness_off_grid_and_title_of_2021() -> None:
    name = "fixtures/ziyang-2022-a03.docx"
    _find(name, "G17", VIDEO, table=1, row=14, col=6)
    assert _find(name, "R05", VIDEO, paragraph=35).values["stated"] == "2021"
    _find(name, "R01", VIDEO, table=1, row=22, col=2)
    _find(name, "I08", VIDEO, table=2, label="预算单位编码")


def test_property_report_says_100_while_items_add_to_95() -> None:
    name = "fixtures/ziyang-2022-a06.docx"
    assert _find(name, "R01", PROPERTY, field="report.stated_total").values["computed"] == "95"
    _find(name, "R03", PROPERTY, field="goal_table.funds[0].spent")


def test_teaching_arrival_rate_miscomputed_and_deviation_claims_match() -> None:
    name = "fixtures/ziyang-2022-a07.docx"
    _find(name, "G21", TEACHING, paragraph=6)
    _find(name, "G32", TEACHING, table=2, row=18, col=7)


def test_welfare_park_quality_score_and_report_budget() -> None:
    name = "seeds/ziyang-2022-a02.txt"
    _find(name, "G16", WELFARE, table=1, row=20, col=6)
    assert "G31" not in _rules(name, WELFARE), "the report justifies each 不适用"
    assert "R09" not in _rules(name, WELFARE)


def test_visits_report_writes_yuan_for_wan_yuan() -> None:
    name = "fixtures/ziyang-2022-a01.docx"
    _find(name, "R03", VISITS, field="report.figures[3]")
    _find(name, "I07", VISITS)


def test_visits_completion_table_says_380_while_the_report_says_360() -> None:
    name = "fixtures/ziyang-2022-a01.docx"
    finding = _find(name, "R11", VISITS, table=2, row=16, col=3)
    assert (finding.values["result"], finding.values["text"]) == ("380名", "360名")


# --- One or more located findings for every other seed and fixture (the .txt dumps and .xlsx exports) ---

EXPECTED_ELSEWHERE: list[tuple[str, str, str, dict[str, Any]]] = [
    ("fixtures/lizhou-2023-combined.xlsx", "G02", P5, {"sheet": "表4", "row": 7, "col": 8}),
    ("fixtures/lizhou-2023-combined.xlsx", "G12", P2, {"sheet": "表2", "row": 23, "col": 3}),
    ("seeds/lizhou-2023-combined.txt", "B03", P2, {"field": "report.paragraphs[30]"}),
    ("seeds/lizhou-2023-combined.txt", "R08", P4, {"table": 3, "row": 15, "col": 8}),
    ("seeds/lizhou-2023-combined.txt", "R06", P2, {"table": 2, "row": 24, "col": 2}),
    ("fixtures/lizhou-2023-p1.xlsx", "G33", P1, {"sheet": "表1", "row": 24, "col": 2}),
    ("seeds/lizhou-2023-p1.txt", "G25", P1, {"table": 1, "row": 25, "col": 2}),
    ("fixtures/lizhou-2023-p4.xlsx", "G12", P4, {"sheet": "表1", "row": 20, "col": 3}),
    ("seeds/lizhou-2023-p4.txt", "R08", P4, {"table": 1, "row": 15, "col": 8}),
    ("seeds/lizhou-2023-p4.txt", "G23", P4, {"table": 2, "row": 3, "col": 3}),
    ("seeds/lizhou-2023-p5.txt", "G02", P5, {"table": 1, "row": 7, "col": 8}),
    ("seeds/lizhou-2023-p5.txt", "G09", P5, {"table": 1, "row": 20, "col": 8}),
    ("fixtures/ziyang-2022-a01.xlsx", "I07", VISITS, {"sheet": "表2", "field": "project_type"}),
    ("seeds/ziyang-2022-a01.txt", "R11", VISITS, {"table": 2, "row": 16, "col": 3}),
    ("seeds/ziyang-2022-a02.txt", "R03", WELFARE, {"field": "report.figures[0]"}),
    ("fixtures/ziyang-2022-a03.xlsx", "G17", VIDEO, {"sheet": "表1", "row": 14, "col": 6}),
    ("seeds/ziyang-2022-a03.txt", "R05", VIDEO, {"field": "goal_table.title"}),
    ("seeds/ziyang-2022-a04.txt", "G12", RUNNING, {"table": 1, "row": 22, "col": 2}),
    ("fixtures/ziyang-2022-a04.xlsx", "G20", RUNNING, {"sheet": "表2", "row": 6, "col": 5}),
    ("fixtures/ziyang-2022-a05.xlsx", "G29", RENT, {"sheet": "表1", "row": 4, "col": 6}),
    ("fixtures/ziyang-2022-a05.xlsx", "G20", RENT, {"sheet": "表2", "row": 7, "col": 5}),
    ("seeds/ziyang-2022-a06.txt", "R01", PROPERTY, {"field": "report.stated_total"}),
    ("fixtures/ziyang-2022-a06.xlsx", "G32", PROPERTY, {"sheet": "表2", "row": 16, "col": 4}),
    ("seeds/ziyang-2022-a07.txt", "G21", TEACHING, {"field": "report.figures[2]"}),
    ("fixtures/ziyang-2022-a07.xlsx", "G32", TEACHING, {"sheet": "表2", "row": 18, "col": 7}),
]


@pytest.mark.parametrize(("name", "rule", "project", "where"), EXPECTED_ELSEWHERE, ids=lambda v: str(v)[:30])
def test_located_finding_in_each_dump_and_export(
    name: str, rule: str, project: str, where: dict[str, Any]
) -> None:
    _find(name, rule, project, **where)


def test_every_file_has_a_located_expectation() -> None:
    covered = {name for name, *_ in EXPECTED_ELSEWHERE} | {
        "fixtures/lizhou-2023-p2.docx", "fixtures/lizhou-2023-p2.xlsx", "seeds/lizhou-2023-p2.txt",
        "fixtures/lizhou-2023-p4.docx", "fixtures/lizhou-2023-p5.docx", "fixtures/lizhou-2023-p5.xlsx",
        "fixtures/lizhou-2023-p1.docx", "fixtures/lizhou-2023-combined.docx", "fixtures/ziyang-2022-a01.docx",
        "fixtures/ziyang-2022-a03.docx", "fixtures/ziyang-2022-a04.docx", "fixtures/ziyang-2022-a05.docx",
        "seeds/ziyang-2022-a05.txt", "fixtures/ziyang-2022-a06.docx", "fixtures/ziyang-2022-a07.docx",
    }  # fmt: skip
    assert {f"{path.parent.name}/{path.name}" for path in FILES} <= covered
