"""Unit tests of the domain model: exact money, Stated scalars, locations, JSON round trips."""

from __future__ import annotations

from decimal import Decimal

import pytest
from pydantic import ValidationError

from jixiao.model import (
    BudgetExecution,
    Direction,
    FundRow,
    FundSource,
    Indicator,
    Location,
    Money,
    MoneyUnit,
    Project,
    SelfEvalForm,
    Stated,
)

D = Decimal
WAN, BAI, YI, YUAN = MoneyUnit.wan_yuan, MoneyUnit.hundred_yuan, MoneyUnit.yi_yuan, MoneyUnit.yuan


@pytest.mark.parametrize(
    ("amount", "unit", "target", "expected"),
    [
        ("45", WAN, BAI, "4500"),
        ("1", YI, WAN, "10000"),
        ("21.6", WAN, BAI, "2160"),
        ("2340", BAI, WAN, "23.4"),
        ("0.84", WAN, YUAN, "8400"),
        ("1.5", YI, YUAN, "150000000"),
        ("1", YUAN, YI, "0.00000001"),
        ("123.45", YUAN, BAI, "1.2345"),
    ],
)
def test_money_conversion_is_exact(amount: str, unit: MoneyUnit, target: MoneyUnit, expected: str) -> None:
    converted = Money(amount=D(amount), unit=unit).to(target)
    assert converted.unit is target
    assert converted.amount == D(expected)
    assert "E" not in format(converted.amount, "f")


@pytest.mark.parametrize("unit", list(MoneyUnit))
@pytest.mark.parametrize("amount", ["45", "21.6", "0.01", "1234567.89", "-3.5"])
def test_money_round_trip_returns_the_same_amount(amount: str, unit: MoneyUnit) -> None:
    money = Money(amount=D(amount), unit=WAN)
    assert money.to(unit).to(WAN) == money


def test_money_in_yuan_and_str() -> None:
    assert Money(amount=D("1.8"), unit=WAN).in_yuan() == D(18000)
    assert str(Money(amount=D("1.8"), unit=WAN)) == "1.8万元"
    assert str(Money(amount=D(4500), unit=BAI)) == "4500百元"


def test_money_is_frozen_and_rejects_unknown_units() -> None:
    money = Money(amount=D(1), unit=WAN)
    with pytest.raises(ValidationError):
        money.amount = D(2)  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Money.model_validate({"amount": "1", "unit": "千元"})


def test_stated_accepts_scalars() -> None:
    weight = Stated[Decimal].model_validate(D(10))
    assert weight.value == D(10)
    assert weight.raw == "10"
    assert weight.location is None
    assert Stated[str].model_validate("正常").raw == "正常"
    assert Stated[int].model_validate(2023).value == 2023
    blank = Stated[str].model_validate(None)
    assert blank.value is None
    assert blank.is_blank


def test_stated_scalar_inside_a_model() -> None:
    indicator = Indicator.model_validate(
        {"weight": 10, "score": "9.5", "target": "≥95%", "direction": "at_least"}
    )
    assert indicator.weight.value == D(10)
    assert indicator.score.value == D("9.5")
    assert indicator.target.value == "≥95%"
    assert indicator.direction.value is Direction.at_least


def test_stated_is_blank_only_when_nothing_was_written() -> None:
    assert Stated[Decimal](value=None, raw="").is_blank
    assert not Stated[Decimal](value=None, raw="1.2.3").is_blank
    assert not Stated[Decimal](value=D(0), raw="0").is_blank


@pytest.mark.parametrize(
    ("location", "expected"),
    [
        (Location(file="x.docx", table=1, row=23, col=3, label="合计"), "x.docx 表1 第23行 第3列「合计」"),
        (Location(file="x.xlsx", sheet="Sheet1", row=23, col=3), "x.xlsx 「Sheet1」!C23"),
        (Location(file="x.xlsx", sheet="自评表", row=5, col=27), "x.xlsx 「自评表」!AA5"),
        (Location(file="x.xlsx", sheet="Sheet1"), "x.xlsx 「Sheet1」"),
        (Location(file="r.docx", paragraph=12), "r.docx 第12段"),
        (Location(field="indicators[3].score"), "indicators[3].score"),
    ],
)
def test_location_describe(location: Location, expected: str) -> None:
    assert location.describe() == expected


def test_location_clips_quote_and_drops_empty_fields() -> None:
    location = Location(file="x.docx", quote="字" * 50)
    assert location.quote is not None
    assert len(location.quote) == 40
    assert location.quote.endswith("…")
    assert location.to_dict() == {"file": "x.docx", "quote": location.quote}
    assert location.with_field("title").field == "title"


def _located(value: object, raw: str, row: int, col: int) -> dict[str, object]:
    return {"value": value, "raw": raw, "location": {"file": "p.docx", "table": 1, "row": row, "col": col}}


def _sample_project() -> Project:
    budget = BudgetExecution(
        rows=(
            FundRow(
                source=FundSource.total,
                initial_budget=Stated[Money].model_validate(
                    _located(Money(amount=D(45), unit=WAN), "45", 5, 3),
                ),
                spent=Stated[Money].model_validate(Money(amount=D("21.6"), unit=WAN)),
                execution_rate=Stated[Decimal].model_validate(_located(D("0.4800"), "48.00%", 5, 6)),
                weight=Stated[Decimal].model_validate(D(10)),
                score=Stated[Decimal].model_validate(D("4.8")),
            ),
        ),
    )
    indicator = Indicator.model_validate(
        {
            "level1": "产出指标",
            "level2": "数量指标",
            "name": _located("培训人次", "培训人次", 12, 3),
            "direction": _located(Direction.at_least, "[bookmark: OLE_LINK7]≥", 12, 4),
            "target": "95%",
            "actual": "100%",
            "weight": 10,
            "score": "10",
        },
    )
    form = SelfEvalForm(
        budget=budget, indicators=(indicator,), total_score=Stated[Decimal].model_validate(D(90))
    )
    return Project(
        name=Stated[str].model_validate(_located("短信平台", "短信平台", 2, 2)),
        year=Stated[int].model_validate(2023),
        source_files=("p.docx",),
        self_eval_form=form,
    )


def test_project_json_round_trip() -> None:
    project = _sample_project()
    data = project.model_dump(mode="json")
    restored = Project.model_validate(data)
    assert restored == project
    assert restored.model_dump(mode="json") == data


def test_project_json_round_trip_through_text() -> None:
    project = _sample_project()
    restored = Project.model_validate_json(project.model_dump_json())
    assert restored == project
    assert restored.self_eval_form is not None
    total = restored.self_eval_form.budget.total
    assert total is not None
    assert total.initial_budget.location == Location(file="p.docx", table=1, row=5, col=3)
    assert total.initial_budget.value == Money(amount=D(45), unit=WAN)


def test_project_rejects_unknown_fields() -> None:
    with pytest.raises(ValidationError):
        Project.model_validate({"name": "x", "nmae": "y"})
