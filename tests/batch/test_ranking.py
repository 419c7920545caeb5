"""Rankings by department and region: ties shared, unscored last, forced grades as a reference."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from jixiao.batch.ranking import UNKNOWN_GROUP, RankBy, rank_group, rank_rows
from jixiao.batch.summary import SummaryRow, summarize_projects
from jixiao.model import BudgetExecution, FundRow, FundSource, Grade, Money, Project, SelfEvalForm


def row(key: str, total: str | None, department: str = "教育局", region: str = "利州区") -> SummaryRow:
    return SummaryRow(
        key=key,
        title=f"项目{key}",
        department=department,
        region=region,
        total=None if total is None else Decimal(total),
    )


def test_equal_totals_share_a_rank_and_the_next_rank_is_skipped():
    group = rank_group("教育局", [row("a", "88"), row("b", "95.5"), row("c", "88"), row("d", "70")])
    assert [(r.row.key, r.rank) for r in group.rows] == [("b", 1), ("a", 2), ("c", 2), ("d", 4)]


def test_unscored_projects_come_last_without_a_rank():
    group = rank_group("教育局", [row("a", None), row("b", "60"), row("c", "61")])
    assert [(r.row.key, r.rank) for r in group.rows] == [("c", 1), ("b", 2), ("a", None)]
    assert group.ranked_count == 2


def test_rank_rows_groups_by_department_and_by_region():
    rows = [
        row("a", "90", "教育局", "利州区"),
        row("b", "80", "卫健局", "利州区"),
        row("c", "85", "教育局", "昭化区"),
        row("d", "99", "", "昭化区"),
    ]
    by_department = {g.name: [r.row.key for r in g.rows] for g in rank_rows(rows, RankBy.department)}
    assert by_department == {"卫健局": ["b"], "教育局": ["a", "c"], UNKNOWN_GROUP: ["d"]}
    by_region = {g.name: [(r.row.key, r.rank) for r in g.rows] for g in rank_rows(rows, RankBy.region)}
    assert by_region == {"利州区": [("a", 1), ("b", 2)], "昭化区": [("d", 1), ("c", 2)]}
    (everything,) = rank_rows(rows, RankBy.all)
    assert [r.row.key for r in everything.rows] == ["d", "a", "c", "b"]


def test_forced_grades_follow_the_ranking():
    rows = [row(str(i), str(100 - i)) for i in range(10)]  # n = 10 → 2/2/5/1
    group = rank_group("全部", rows)
    assert [r.forced_grade for r in group.rows] == (
        [Grade.excellent] * 2 + [Grade.good] * 2 + [Grade.fair] * 5 + [Grade.poor]
    )


def test_summary_row_round_trips_through_json():
    original = SummaryRow(key="x#1", title="项目", total=Decimal("87.53"), grade=Grade.good, year=2023)
    assert SummaryRow.from_dict(original.to_dict()) == original


def test_equal_totals_share_the_better_forced_grade():
    # n = 10 → 优 2: the 2nd and 3rd share 98 and both show 优, like their shared rank.
    rows = [
        row(str(i), total)
        for i, total in enumerate(["99", "98", "98", "97", "96", "95", "94", "93", "92", "91"])
    ]
    group = rank_group("全部", rows)
    assert [(r.rank, r.forced_grade) for r in group.rows[:4]] == [
        (1, Grade.excellent), (2, Grade.excellent), (2, Grade.excellent), (4, Grade.good),
    ]  # fmt: skip
    assert [issue.kind.value for issue in group.distribution.violations] == ["boundary_tie"]


def test_summary_rows_carry_budget_spending_and_execution_rate():
    total = FundRow(
        source=FundSource.total,
        initial_budget=Money(amount=Decimal(45)),
        adjusted_budget=Money(amount=Decimal(40)),
        spent=Money(amount=Decimal("37.24")),
    )
    project = Project(name="项目", self_eval_form=SelfEvalForm(budget=BudgetExecution(rows=(total,))))
    (summary,) = summarize_projects([project], [], [])
    assert (summary.budget_wan, summary.spent_wan, summary.execution_rate) == (
        Decimal(40), Decimal("37.24"), Decimal("0.9310"),
    )  # fmt: skip
    assert summary.complete is False  # no evaluation given


def test_only_the_main_row_of_a_project_is_ranked():
    rows = [row("a", "90"), replace(row("a@report", "70"), main=False), row("b", "80")]
    group = rank_group("全部", [r for r in rows if r.main])
    (ranked,) = rank_rows(rows, RankBy.all)
    assert [r.row.key for r in ranked.rows] == [r.row.key for r in group.rows] == ["a", "b"]
    assert ranked.distribution.issues[0].message.startswith("项目数2个")
