"""Score the shared seed documents end to end (import → score) and compare with hand-checked numbers.

The numbers are worked out by hand in spec/rules.md (§C2, §C3, §H-1, §H-2, §H-4, §A8); each test
names the seed project it comes from.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

import pytest

from jixiao import api

if TYPE_CHECKING:
    from pathlib import Path


def _evaluations(seeds_dir: Path, name: str, project_prefix: str) -> dict[str, api.ScoredEvaluation]:
    result = api.import_file(seeds_dir / name)
    projects = [project for project in result.projects if project.title.startswith(project_prefix)]
    assert projects, f"{name}: no project named {project_prefix}…"
    return {evaluation.scheme: evaluation for evaluation in api.score_project(projects[0])}


def test_rent_79_3_is_graded_fair_not_good(seeds_dir: Path) -> None:
    """资阳2022 老年大学房屋租赁费: 合计79.3，表中写「良」，按90/80/60应为「中」(rules.md §H-1)."""
    evaluation = _evaluations(seeds_dir, "ziyang-2022-a05.txt", "资阳市老年大学房屋租赁费")[
        "common-2013-ziyang-2022"
    ]
    assert (evaluation.total, evaluation.grade.value) == (Decimal("79.3"), "中")
    assert evaluation.stated_grade == "良"
    clarity = next(item for item in evaluation.items if item.id == "indicator_clarity")
    assert "off_rubric" in clarity.flags  # 5.4 is not reachable by the rubric (rules.md §C4)


def test_welfare_park_rescales_over_85_applicable_points(seeds_dir: Path) -> None:
    """资阳2022 民政福利园区: 三项效益不适用，适用满分85分，按适用得分折算为百分制 (rules.md §C3)."""
    evaluation = _evaluations(seeds_dir, "ziyang-2022-a02.txt", "民政福利园区")["common-2013-ziyang-2022"]
    assert evaluation.rescaled
    assert evaluation.applicable_max == Decimal(85)
    assert evaluation.stated_total == Decimal("87.53")
    assert [item.id for item in evaluation.items if item.not_applicable] == [
        "economic_benefit",
        "ecological_benefit",
        "sustainable_impact",
    ]


def test_running_costs_items_add_up_to_95_4_not_96_96(seeds_dir: Path) -> None:
    """资阳2022 老年大学运行经费: 计分表各项合计95.4，表中合计96.96 (rules.md §H-2)."""
    evaluation = _evaluations(seeds_dir, "ziyang-2022-a04.txt", "资阳市老年大学运行经费")[
        "common-2013-ziyang-2022"
    ]
    assert evaluation.total == Decimal("95.4")
    assert evaluation.stated_total == Decimal("96.96")


@pytest.mark.parametrize("name", ["lizhou-2023-p5.txt", "lizhou-2023-combined.txt"])
def test_investment_project_budget_cut_costs_no_points_and_missing_actual_is_caught(
    seeds_dir: Path, name: str
) -> None:
    """利州2023 投融资: 调减后执行率100%应得10分（表中8分），满意度完成值只写「%」不能计分 (§H-4, §A8)."""
    evaluations = _evaluations(seeds_dir, name, "投融资")
    form = evaluations["sichuan-project-2023"]
    budget = next(item for item in form.items if item.id == "budget_execution")
    assert (budget.score, budget.stated_score) == (Decimal(10), Decimal(8))
    assert "budget_adjusted" in budget.flags
    assert any("missing_actual" in item.flags for item in form.items)
    assert not form.complete
    assert evaluations["sichuan-special-report"].total == Decimal(98)


def test_sms_platform_total_row_says_90_but_items_give_100(seeds_dir: Path) -> None:
    """利州2023 短信平台: 合计行写90，预算执行10分+指标90分=100 (STYLE §4 example)."""
    form = _evaluations(seeds_dir, "lizhou-2023-p2.txt", "区社情民意短信平台")["sichuan-project-2023"]
    assert (form.total, form.stated_total) == (Decimal(100), Decimal(90))
