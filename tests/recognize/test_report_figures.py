"""Figures of the narrative reports (`Report.figures`), which the checks G21 and R03 compare."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from jixiao.checks.runner import check_project
from jixiao.read.document import Document, Paragraph
from jixiao.recognize import import_bytes, import_file
from jixiao.recognize.report_figures import LIZHOU_FIGURES, extract_figures

if TYPE_CHECKING:
    from jixiao.model import Project

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
LIZHOU = ["lizhou-2023-p1", "lizhou-2023-p2", "lizhou-2023-p4", "lizhou-2023-p5"]


def _figures(project: Project) -> list[tuple[str, Decimal | None, str]]:
    assert project.report is not None
    return [(f.key, f.value.value, f.unit) for f in project.report.figures]


def _only(name: str, data: bytes) -> Project:
    result = import_bytes(name, data)
    assert len(result.projects) == 1
    return result.projects[0]


def test_lizhou_p5_states_initial_and_adjusted_budget() -> None:
    project = import_file(SEEDS / "lizhou-2023-p5.txt").projects[0]
    figures = _figures(project)
    assert ("budget", Decimal("6.51"), "万元") in figures  # 区财政预算安排…经费6.51万元
    assert ("initial_budget", Decimal(10), "万元") in figures  # 年初预算金额10万元
    assert ("adjusted_budget", Decimal("6.51"), "万元") in figures  # 调整预算金额6.51万元
    assert ("funds_arrived", Decimal("6.51"), "万元") in figures  # 下达财政资金6.51万元
    assert [value for key, value, _ in figures if key == "spent"] == [Decimal("6.51")] * 2
    assert ("spending_rate", Decimal(1), "%") in figures  # 年初预算执行率为100%
    counts = [(key, value) for key, value, unit in figures if unit == "个"]
    assert counts == [("level1_count", 3), ("level2_count", 8), ("level3_count", 8)]


@pytest.mark.parametrize("stem", LIZHOU)
def test_lizhou_budget_and_spending_match_the_form(stem: str) -> None:
    """The seeds' reports agree with their forms: the figures must be read, and read right."""
    project = import_file(SEEDS / f"{stem}.txt").projects[0]
    assert project.self_eval_form is not None
    total = project.self_eval_form.budget.total
    assert total is not None
    figures = {key: value for key, value, _ in _figures(project)}
    budget = total.adjusted_budget.value or total.initial_budget.value
    assert budget is not None
    assert total.spent.value is not None
    assert figures["budget"] == budget.amount
    assert figures["spent"] == total.spent.value.amount
    report = project.report
    assert report is not None
    for index, figure in enumerate(report.figures):
        assert figure.value.location is not None
        assert figure.value.location.file == f"{stem}.txt"
        assert figure.value.location.field == f"report.figures[{index}]"
        assert figure.value.location.paragraph is not None


def test_lizhou_figures_feed_the_report_checks() -> None:
    """A report whose spending differs from the form gets R03; stated twice differently, G21."""
    text = (SEEDS / "lizhou-2023-p1.txt").read_text("utf-8")
    assert "实际支出金额1.8万元" in text
    project = _only("p1.txt", text.replace("实际支出金额1.8万元", "实际支出金额1.5万元").encode())
    rules = {finding.rule: finding for finding in check_project(project)}
    assert "R03" in rules
    assert "1.5万元" in rules["R03"].message
    assert "G21" in rules  # 实际支出金额1.5万元 here, 单位执行1.8万元 further on
    assert rules["R03"].locations[0].file == "p1.txt"


def test_lizhou_figures_in_reading_order_and_units() -> None:
    doc = Document(
        file="r.txt",
        blocks=(
            Paragraph(1, "区财政预算安排我局某某经费 12,000 元。"),
            Paragraph(2, "项目年初预算 3 万元，调整后预算2.5万元，单位执行2.4万元，预算执行率为96%。"),
            Paragraph(3, "资金到位率为100％。"),
        ),
    )
    figures = extract_figures(doc, list(doc.paragraphs), LIZHOU_FIGURES, every=True)
    assert [(f.key, f.value.value, f.unit) for f in figures] == [
        ("budget", Decimal(12000), "元"),
        ("initial_budget", Decimal(3), "万元"),
        ("adjusted_budget", Decimal("2.5"), "万元"),
        ("spent", Decimal("2.4"), "万元"),
        ("spending_rate", Decimal("0.96"), "%"),
        ("funds_arrival_rate", Decimal("1.00"), "%"),
    ]


def test_ziyang_figures_unchanged() -> None:
    project = import_file(SEEDS / "ziyang-2022-a01.txt").projects[0]
    assert _figures(project) == [
        ("budget", Decimal(45), "万元"),
        ("funds_arrived", Decimal(45), "万元"),
        ("funds_arrival_rate", Decimal("1.00"), "%"),
        ("spent", Decimal("21.6"), "元"),
        ("spending_rate", Decimal("0.48"), "%"),
    ]
