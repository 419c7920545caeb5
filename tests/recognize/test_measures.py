"""Measures read from a 计分表 row's 自评依据 text (rates as fractions, quarters on time)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.model import Location, Stated
from jixiao.recognize.measures import extract_measures


def _basis(text: str) -> Stated[str]:
    return Stated(
        value=text, raw=text, location=Location(file="a.txt", paragraph=9, field="score_sheet.items[3].basis")
    )


@pytest.mark.parametrize(
    ("item", "text", "rate"),
    [
        ("funds_in_place_rate", "预算资金45万元，到位45万元，到位率100%", Decimal(1)),
        ("funds_in_place_rate", "预算资 金 70 万元， 到位 70 万元， 到位率\n100%", Decimal(1)),
        ("satisfaction", "94.25%", Decimal("0.9425")),
        ("quality_rate", "质量达 标率 90%", Decimal("0.9")),
        ("cost_saving_rate", "成本节约率为-362%", Decimal("-3.62")),
        (
            "funds_timely_rate",
            "应到位70万元，及时到位50万元，到位及时率为71.43%，资金到位率100%",
            Decimal("0.7143"),
        ),
    ],
)
def test_rate_after_its_keyword_is_read_as_a_fraction(item: str, text: str, rate: Decimal) -> None:
    measures = extract_measures(item, _basis(text))
    assert measures["rate"].value == rate
    assert measures["rate"].location is not None
    assert measures["rate"].location.field == "score_sheet.items[3].measures.rate"


def test_quarters_on_time_are_read_for_completion_timeliness() -> None:
    measures = extract_measures("completion_timeliness", _basis("前3个季度按时完成，第四季度延后"))
    assert measures["quarters_on_time"].value == Decimal(3)


def test_judgement_items_and_ambiguous_text_state_no_measure() -> None:
    assert extract_measures("project_initiation_compliance", _basis("到位率100%")) == {}
    assert extract_measures("satisfaction", _basis("去年90%，今年95%")) == {}
    assert extract_measures("quality_rate", _basis("")) == {}
