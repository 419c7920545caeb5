"""Invariants of the scoring engine (STYLE §5): bounds, monotonicity, re-scaled totals."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.model import BudgetExecution, Indicator, Project
from jixiao.schemes import load_scheme, load_scheme_file
from jixiao.scoring import formulas, score_budget_execution, score_indicator, score_project

if TYPE_CHECKING:
    from collections.abc import Callable

    from jixiao.schemes import Scheme

SICHUAN = load_scheme("sichuan-project-2023")
LINEAR = load_scheme_file(Path(__file__).resolve().parent / "schemes" / "linear-test-2023.yaml")
ZIYANG = load_scheme("common-2013-ziyang-2022")

amounts = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False, allow_infinity=False)
actuals = st.decimals(min_value=-1000, max_value=200000, places=2, allow_nan=False, allow_infinity=False)
weights = st.decimals(min_value=Decimal("0.5"), max_value=60, places=1, allow_nan=False, allow_infinity=False)
rates = st.decimals(min_value=-5, max_value=2, places=4, allow_nan=False, allow_infinity=False)
directions = st.sampled_from(["at_least", "more_than", "at_most", "less_than", "equal"])


def _score(
    direction: str, target: Decimal, actual: Decimal, weight: Decimal, scheme: Scheme = SICHUAN
) -> Decimal:
    indicator = Indicator.model_validate(
        {
            "direction": direction,
            "target": format(target, "f"),
            "unit_of_measure": "个",
            "actual": format(actual, "f"),
            "weight": weight,
        }
    )
    scored = score_indicator(indicator, scheme)
    assert scored.score is not None, scored.explanation
    return scored.score


@given(directions, amounts, actuals, weights)
def test_indicator_score_is_never_negative_and_never_above_its_weight(
    direction: str, target: Decimal, actual: Decimal, weight: Decimal
) -> None:
    for scheme in (SICHUAN, LINEAR):
        assert Decimal(0) <= _score(direction, target, actual, weight, scheme) <= weight


@given(directions, actuals, actuals, weights)
def test_any_target_gives_a_bounded_score_or_none(
    direction: str, target: Decimal, actual: Decimal, weight: Decimal
) -> None:
    indicator = Indicator.model_validate(
        {
            "direction": direction,
            "target": format(target, "f"),
            "actual": format(actual, "f"),
            "weight": weight,
        }
    )
    for scheme in (SICHUAN, LINEAR):
        score = score_indicator(indicator, scheme).score
        assert score is None or Decimal(0) <= score <= weight


@given(amounts, actuals, actuals, weights)
def test_forward_indicator_is_monotone_in_the_actual(
    target: Decimal, first: Decimal, second: Decimal, weight: Decimal
) -> None:
    low, high = sorted((first, second))
    assert _score("at_least", target, low, weight) <= _score("at_least", target, high, weight)


@given(amounts, actuals, actuals, weights)
def test_reverse_indicator_is_antitone_in_the_actual_under_both_formulas(
    target: Decimal, first: Decimal, second: Decimal, weight: Decimal
) -> None:
    low, high = sorted((first, second))
    for scheme in (SICHUAN, LINEAR):
        assert _score("at_most", target, low, weight, scheme) >= _score(
            "at_most", target, high, weight, scheme
        )


@given(amounts.filter(lambda value: value > 0), amounts, amounts)
def test_budget_execution_is_within_weight_and_monotone_in_spending(
    budget: Decimal, first: Decimal, second: Decimal
) -> None:
    def score(spent: Decimal) -> Decimal:
        row = {
            "source": "total",
            "initial_budget": {"value": {"amount": budget, "unit": "万元"}},
            "spent": {"value": {"amount": spent, "unit": "万元"}},
        }
        scored = score_budget_execution(BudgetExecution.model_validate({"rows": [row]}), SICHUAN)
        assert scored.score is not None
        return scored.score

    low, high = sorted((first, second))
    assert Decimal(0) <= score(low) <= score(high) <= 10


@given(rates, rates)
def test_sheet_formulas_stay_within_points_and_are_monotone(first: Decimal, second: Decimal) -> None:
    low, high = sorted((first, second))
    points = Decimal(5)
    candidates: list[Callable[[Decimal], Decimal]] = [
        lambda rate: formulas.shortfall_points(rate, points, Decimal(100), Decimal(1), "proportional"),
        lambda rate: formulas.shortfall_points(rate, points, Decimal(100), Decimal(1), "round_up"),
        lambda rate: formulas.rate_times_points(rate, points),
        lambda rate: formulas.saving_or_proportional(rate, points),
    ]
    for formula in candidates:
        assert Decimal(0) <= formula(low) <= formula(high) <= points


ITEM_IDS = [item.id for _, item in ZIYANG.walk_items()]


@settings(max_examples=60)
@given(
    st.lists(st.decimals(min_value=-2, max_value=12, places=1), min_size=20, max_size=20),
    st.lists(st.booleans(), min_size=20, max_size=20).filter(lambda flags: not all(flags)),
)
def test_rescaled_sheet_total_stays_within_zero_and_one_hundred(
    scores: list[Decimal], skipped: list[bool]
) -> None:
    items = [
        {"id": item_id, "score": score, "not_applicable": skip}
        for item_id, score, skip in zip(ITEM_IDS, scores, skipped, strict=True)
    ]
    project = Project.model_validate({"name": "性质测试", "score_sheet": {"items": items}})
    evaluation = score_project(project, "common-2013-ziyang-2022")[0]
    assert Decimal(0) <= evaluation.total <= 100
    assert evaluation.rescaled == any(skipped)
