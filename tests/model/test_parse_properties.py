"""Property tests of the value parser: numbers round-trip, arbitrary text never invents a number."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jixiao.model import ValueKind
from jixiao.model.parse import normalize_text, parse_money, parse_percent, parse_value

COMPARATORS = ["", "≥", "≤", ">=", "<=", "＝", "=", ">", "<", "＞", "＜", "不低于", "不超过", "大于等于"]
UNITS = ["", "%", "％", "万元", "百元", "元", "亿元", "次", "人", "万人", "元/月", "次/年", "个", "天", "分"]
QUALIFIERS = ["", "以上", "以下", "以内", "左右"]
SPACES = ["", " ", "　"]
TO_FULL_WIDTH = str.maketrans({**{str(i): chr(0xFF10 + i) for i in range(10)}, ".": "．", "-": "－"})

decimals = st.decimals(
    min_value=Decimal("-1e9"),
    max_value=Decimal("1e9"),
    allow_nan=False,
    allow_infinity=False,
    places=4,
)


def _format(number: Decimal, *, thousands: bool, full_width: bool) -> str:
    written = f"{number:,f}" if thousands else format(number, "f")
    return written.translate(TO_FULL_WIDTH) if full_width else written


@given(
    number=decimals,
    comparator=st.sampled_from(COMPARATORS),
    unit=st.sampled_from(UNITS),
    qualifier=st.sampled_from(QUALIFIERS),
    space=st.sampled_from(SPACES),
    thousands=st.booleans(),
    full_width=st.booleans(),
)
def test_written_number_round_trips(
    *,
    number: Decimal,
    comparator: str,
    unit: str,
    qualifier: str,
    space: str,
    thousands: bool,
    full_width: bool,
) -> None:
    cell = f"{space}{comparator}{space}{_format(number, thousands=thousands, full_width=full_width)}{space}{unit}{qualifier}"
    parsed = parse_value(cell)
    assert parsed.kind is ValueKind.number, cell
    assert parsed.number == number
    assert parsed.is_percent == (unit in {"%", "％"})
    assert parsed.qualifier == (qualifier or None)
    assert (parsed.comparator is None) == (comparator == "")


@given(number=decimals)
def test_percent_is_the_number_over_100(number: Decimal) -> None:
    assert parse_percent(f"{number:f}%") == number / 100
    assert parse_percent(f"{number:f}", assume_percent=True) == number / 100
    assert parse_percent(f"{number:f}") is None


@given(number=decimals, unit=st.sampled_from(["万元", "百元", "元", "亿元"]))
def test_money_keeps_number_and_unit(number: Decimal, unit: str) -> None:
    money = parse_money(f"{number:f}{unit}")
    assert money is not None
    assert money.amount == number
    assert money.unit.value == unit


@given(st.text(max_size=80))
def test_arbitrary_text_never_invents_zero(cell: str) -> None:
    parsed = parse_value(cell)
    if parsed.number is not None and parsed.number == 0:
        assert "0" in normalize_text(cell)
    if parsed.kind is not ValueKind.number:
        assert parsed.number is None


@given(
    st.text(alphabet="0123456789０１２３４５６７８９.,，%％≥≤=＝<>-−+ 　万元次人年月以上约余/x", max_size=20)
)
def test_number_like_text_never_raises_and_is_never_silently_zero(cell: str) -> None:
    parsed = parse_value(cell)
    assert parsed.raw == cell
    if parsed.number is not None:
        assert parsed.kind is ValueKind.number
        assert parsed.number != 0 or "0" in normalize_text(cell)
    if parsed.kind is ValueKind.text and parsed.unparsed:
        assert parsed.number is None
