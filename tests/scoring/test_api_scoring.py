"""The scoring wrappers of `jixiao.api` that the web app calls for live, per-row scoring."""

from __future__ import annotations

from decimal import Decimal

from jixiao import api
from jixiao.model import BudgetExecution, Indicator, MoneyUnit, ScoreSheetItem


def test_live_row_scoring_through_the_api() -> None:
    indicator = Indicator.model_validate(
        {"direction": "at_least", "target": "100", "unit_of_measure": "%", "actual": "47%", "weight": 4}
    )
    assert api.score_indicator(indicator, "sichuan-project-2023").score == Decimal("1.88")
    row = {
        "source": "total",
        "initial_budget": {"value": {"amount": 10, "unit": "万元"}},
        "spent": {"value": {"amount": 10, "unit": "万元"}},
    }
    budget = BudgetExecution.model_validate({"rows": [row]})
    assert api.score_budget_execution(budget, "sichuan-project-2023").score == Decimal(10)
    item = ScoreSheetItem.model_validate(
        {"id": "actual_completion_rate", "measures": {"rate": Decimal("0.47")}}
    )
    assert api.score_sheet_item(item, api.load_scheme("common-2013-ziyang-2022")).score == Decimal("1.9")
    assert api.grade_for(Decimal("79.3"), "common-2013-ziyang-2022") is api.Grade.fair


def test_select_schemes_and_carryover_rate() -> None:
    project = api.Project.model_validate({"name": "甲", "score_sheet": {}, "self_eval_form": {}})
    assert api.select_schemes(project) == ["sichuan-project-2023", "common-2013-ziyang-2022"]
    chosen = api.Project.model_validate(
        {"name": "乙", "scheme": "national-project-2020", "self_eval_form": {}}
    )
    assert api.select_schemes(chosen) == ["national-project-2020"]
    rate = api.carryover_rate(
        api.Money(amount=Decimal(4500), unit=MoneyUnit.hundred_yuan),
        api.Money(amount=Decimal(2340), unit=MoneyUnit.hundred_yuan),
    )
    assert rate == Decimal("0.52")


def test_scheme_listing_and_input_schema() -> None:
    assert [scheme.id for scheme in api.list_schemes()][:1] == ["common-2013-ziyang-2022"]
    assert "score_sheet" in api.input_json_schema()["properties"]
