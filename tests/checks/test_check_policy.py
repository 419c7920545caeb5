"""The numbers rules compare against come from the scheme files, with rules.md §K defaults."""

from __future__ import annotations

from decimal import Decimal

from jixiao.checks.policy import DEFAULT_POLICY, policy_for
from jixiao.model import Grade, QualitativeOutcome


def test_sichuan_policy_reads_weights_bands_and_threshold_from_the_scheme() -> None:
    policy = policy_for("sichuan-project-2023")
    assert policy.scheme == "sichuan-project-2023"
    assert (policy.budget_weight, policy.indicator_weight, policy.total_weight) == (10, 90, 100)
    assert policy.reason_below_rate == Decimal("0.9")
    assert policy.over_achievement_ratio == Decimal("1.3")
    assert policy.qualitative_bands[QualitativeOutcome.partly_achieved] == (Decimal("0.6"), Decimal("0.8"))
    assert dict(policy.level1_split) == {"产出": 50, "效益": 30, "满意度": 10}


def test_ziyang_policy_grades_79_3_as_fair() -> None:
    policy = policy_for("common-2013-ziyang-2022")
    assert policy.grade_of(Decimal("79.3")) is Grade.fair
    assert policy.grade_of(Decimal("87.53")) is Grade.good
    assert policy.grade_of(Decimal(90)) is Grade.excellent


def test_unknown_scheme_falls_back_to_the_defaults() -> None:
    policy = policy_for("no-such-scheme")
    assert policy.grades == DEFAULT_POLICY.grades
    assert policy.indicator_weight == DEFAULT_POLICY.indicator_weight
