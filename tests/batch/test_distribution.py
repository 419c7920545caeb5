"""点位 forced distribution (rules.md §B7, §K): hand-computed quotas, placements and issues."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from jixiao.distribution import (
    DistributionPolicy,
    IssueKind,
    ScoredEntry,
    distribute,
    distribute_counts,
    grade_quotas,
    shared_ranks,
    tie_limit,
)
from jixiao.model import Grade

E, G, F, P = Grade.excellent, Grade.good, Grade.fair, Grade.poor


def entries(*scores: str) -> list[ScoredEntry]:
    return [ScoredEntry(name=f"点位{index}", score=Decimal(score)) for index, score in enumerate(scores, 1)]


def kinds(distribution) -> list[IssueKind]:
    return [issue.kind for issue in distribution.issues]


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, {E: 0, G: 0, F: 1, P: 0}),  # 0.2 → 0, 0.05 → 0
        (2, {E: 0, G: 0, F: 2, P: 0}),  # 0.4 → 0
        (3, {E: 1, G: 1, F: 1, P: 0}),  # 0.6 → 1, 0.15 → 0
        (7, {E: 1, G: 1, F: 5, P: 0}),  # 1.4 → 1, 0.35 → 0, 7 − 2 = 5
        (10, {E: 2, G: 2, F: 5, P: 1}),  # 0.5 rounds half up → 1
        (20, {E: 4, G: 4, F: 11, P: 1}),
        (21, {E: 4, G: 4, F: 12, P: 1}),  # 4.2 → 4, 1.05 → 1, 21 − 9 = 12
        (33, {E: 7, G: 7, F: 17, P: 2}),  # 6.6 → 7, 1.65 → 2
    ],
)
def test_quotas_round_half_up_and_give_the_remainder_to_fair(count, expected):
    assert grade_quotas(count) == expected


@pytest.mark.parametrize(("count", "limit"), [(1, 1), (5, 1), (11, 1), (19, 1), (20, 2), (22, 2), (30, 3)])
def test_tie_limit_is_ten_percent_of_the_grade_but_at_least_one(count, limit):
    assert tie_limit(count) == limit


def test_shared_ranks_give_equal_scores_the_same_rank():
    assert shared_ranks([Decimal(100), Decimal(95), Decimal(95), Decimal(90)]) == [1, 2, 2, 4]


def test_single_point_is_not_applicable_and_gives_a_note():
    result = distribute(entries("98"))
    assert not result.applicable
    assert result.placements == ()
    assert kinds(result) == [IssueKind.single_point]
    assert result.violations == ()


def test_two_points_all_fall_into_fair_with_a_quota_note():
    result = distribute(entries("90", "85"))
    assert [p.grade for p in result.placements] == [F, F]
    assert kinds(result) == [IssueKind.quota_zero]
    assert result.issues[0].grades == (E, G, P)


def test_two_equal_points_break_the_tie_limit_of_fair():
    result = distribute(entries("90", "90"))
    assert [issue.kind for issue in result.violations] == [IssueKind.too_many_ties]
    assert result.violations[0].values["limit"] == "1"


def test_seven_points_rank_into_one_excellent_one_good_five_fair():
    result = distribute(entries("80", "95", "70", "92", "88", "85", "78"))
    placed = [(p.entry.score, p.grade) for p in result.placements]
    assert placed == [
        (Decimal(95), E), (Decimal(92), G), (Decimal(88), F), (Decimal(85), F),
        (Decimal(80), F), (Decimal(78), F), (Decimal(70), F),
    ]  # fmt: skip
    assert kinds(result) == [IssueKind.quota_zero]  # 差 gets no place at n = 7


def test_twenty_distinct_points_follow_4_4_11_1():
    result = distribute(entries(*[str(100 - i) for i in range(20)]))
    grades = [p.grade for p in result.placements]
    assert grades == [E] * 4 + [G] * 4 + [F] * 11 + [P]
    assert result.placements[-1].entry.score == Decimal(81)
    assert result.issues == ()


def test_twenty_one_points_give_the_extra_place_to_fair():
    result = distribute(entries(*[str(100 - i) for i in range(21)]))
    assert [p.grade for p in result.placements].count(F) == 12
    assert result.issues == ()


def test_equal_scores_across_a_boundary_are_reported_once():
    # n = 10 → 优 2: the 2nd and 3rd places share 98, one 优 and one 良.
    result = distribute(entries("99", "98", "98", "97", "96", "95", "94", "93", "92", "91"))
    assert [issue.kind for issue in result.violations] == [IssueKind.boundary_tie]
    issue = result.violations[0]
    assert issue.score == Decimal(98)
    assert issue.grades == (E, G)
    assert len(issue.entries) == 2
    assert [p.rank for p in result.placements[:4]] == [1, 2, 2, 4]


def test_a_pair_is_allowed_in_a_grade_of_twenty_two_but_a_triple_is_not():
    # n = 40 → 优 8, 良 8, 中 22, 差 2; 中 allows max(1, ⌊2.2⌋) = 2 identical scores.
    top = [str(200 - i) for i in range(16)]
    fair_pair = [*[str(150 - i) for i in range(20)], "100", "100"]
    low = ["10", "9"]
    assert distribute(entries(*top, *fair_pair, *low)).issues == ()
    fair_triple = [*[str(150 - i) for i in range(19)], "100", "100", "100"]
    result = distribute(entries(*top, *fair_triple, *low))
    assert [(i.kind, i.grades, i.values["tied"]) for i in result.violations] == [
        (IssueKind.too_many_ties, (F,), "3")
    ]


def test_the_policy_can_change_shares():
    policy = DistributionPolicy(
        shares=((E, Decimal("0.5")), (G, Decimal(0)), (F, Decimal("0.5")), (P, Decimal(0)))
    )
    result = distribute(entries("9", "8", "7", "6"), policy)
    assert [p.grade for p in result.placements] == [E, E, F, F]


def test_shares_that_round_past_n_drop_the_lowest_places():
    policy = DistributionPolicy(
        shares=((E, Decimal("0.5")), (G, Decimal("0.5")), (F, Decimal(0)), (P, Decimal("0.5")))
    )
    result = distribute(entries("9", "8", "7"), policy)  # 2 + 2 + 2 places for 3 entries
    assert [p.grade for p in result.placements] == [E, E, G]


def test_a_score_spanning_three_grades_is_one_issue_naming_them_all():
    # n = 10 → 优 2, 良 2, 中 5, 差 1: places 2-5 share 95.
    result = distribute(entries("99", "95", "95", "95", "95", "90", "89", "88", "87", "80"))
    (tie,) = [issue for issue in result.violations if issue.kind is IssueKind.boundary_tie]
    assert tie.grades == (E, G, F)
    assert [entry.name for entry in tie.entries] == ["点位2", "点位3", "点位4", "点位5"]
    assert "「优」「良」「中」三个等级" in tie.message
    assert result.shared_grades[Decimal(95)] is E


@pytest.mark.parametrize("seed", range(40))
def test_counting_scores_gives_the_same_distribution_as_listing_them(seed):
    rng = random.Random(seed)
    scores = [str(rng.randint(0, rng.randint(1, 8)) * 5) for _ in range(rng.randint(0, 50))]
    listed = distribute(entries(*scores))
    counted = distribute_counts([(Decimal(score), scores.count(score)) for score in set(scores)])
    assert (counted.count, counted.applicable, counted.quotas) == (
        listed.count,
        listed.applicable,
        listed.quotas,
    )
    assert [(i.kind, i.message, i.grades, i.values) for i in counted.issues] == [
        (i.kind, i.message, i.grades, i.values) for i in listed.issues
    ]
    assert counted.shared_grades == listed.shared_grades
    assert counted.placements == ()
    expected = {}
    for placement in listed.placements:
        expected.setdefault(placement.entry.score, placement.grade)
    assert listed.shared_grades == expected
