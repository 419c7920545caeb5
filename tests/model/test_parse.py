"""Table-driven tests of the value parser (jixiao.model.parse)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jixiao.model import Comparator, Direction, Money, MoneyUnit, ValueKind
from jixiao.model.parse import (
    normalize_text,
    parse_decimal,
    parse_direction,
    parse_int_year,
    parse_money,
    parse_percent,
    parse_value,
    with_unit_of_measure,
)

D = Decimal
GE, LE, EQ, GT, LT = (
    Comparator.at_least,
    Comparator.at_most,
    Comparator.equal,
    Comparator.more_than,
    Comparator.less_than,
)
NUM, TEXT, DATE, BLANK = ValueKind.number, ValueKind.text, ValueKind.date, ValueKind.blank


def num(
    number: str, unit: str | None = None, comparator: Comparator | None = None, **extra: Any
) -> dict[str, Any]:
    """Expected fields of a number parse."""
    return {
        "kind": NUM,
        "number": D(number),
        "unit": unit,
        "comparator": comparator,
        "is_percent": unit == "%",
        "unparsed": False,
        **extra,
    }


def text(*, unparsed: bool = False) -> dict[str, Any]:
    """Expected fields of a text parse: never a number."""
    return {"kind": TEXT, "number": None, "unparsed": unparsed, "comparator": None}


def date(year: int | None, month: int | None = None, **extra: Any) -> dict[str, Any]:
    """Expected fields of a date parse."""
    return {"kind": DATE, "year": year, "month": month, "number": None, **extra}


BLANK_VALUE = {"kind": BLANK, "number": None, "unparsed": False}

VALUE_CASES: list[tuple[str | None, dict[str, Any]]] = [
    # comparators
    ("≥95", num("95", comparator=GE)),
    ("≥ 95", num("95", comparator=GE)),
    (">=95", num("95", comparator=GE)),
    ("＞=95", num("95", comparator=GE)),
    ("≧95", num("95", comparator=GE)),
    ("大于等于95%", num("95", "%", GE)),
    ("不低于90%", num("90", "%", GE)),
    ("不少于3次", num("3", "次", GE)),
    ("≤700元/月", num("700", "元/月", LE)),
    ("<=10", num("10", comparator=LE)),
    ("小于等于5天", num("5", "天", LE)),
    ("不高于100万元", num("100", "万元", LE)),
    ("不超过5%", num("5", "%", LE)),
    ("＝12", num("12", comparator=EQ)),
    ("=12", num("12", comparator=EQ)),
    ("等于100%", num("100", "%", EQ)),
    (">0", num("0", comparator=GT)),
    ("＞80%", num("80", "%", GT)),
    ("大于3个", num("3", "个", GT)),
    ("<5%", num("5", "%", LT)),
    ("＜5", num("5", comparator=LT)),
    ("小于2次", num("2", "次", LT)),
    ("≥12次/年", num("12", "次/年", GE)),
    # percentages
    ("95%", num("95", "%")),
    ("９５％", num("95", "%")),
    ("100.00%", num("100.00", "%")),
    ("47%", num("47", "%")),
    ("−362%", num("-362", "%")),
    ("95 %", num("95", "%")),
    ("100%以上", num("100", "%", qualifier="以上")),
    ("个百分点", text()),
    ("2个百分点", num("2", "个百分点")),
    # money and units
    ("1.8万元", num("1.8", "万元")),
    ("0.84万元", num("0.84", "万元")),
    ("1.5亿元", num("1.5", "亿元")),
    ("4500百元", num("4500", "百元")),
    ("3,000元", num("3000", "元")),
    ("3，000元", num("3000", "元")),
    ("1,234,567.89", num("1234567.89")),
    ("20万人以上", num("20", "万人", qualifier="以上")),
    ("4次", num("4", "次")),
    ("50次", num("50", "次")),
    ("5分", num("5", "分")),
    ("3天内", num("3", "天", qualifier="内")),
    ("12个月以内", num("12", "个月", qualifier="以内")),
    ("约3000人", num("3000", "人", qualifier="约")),
    ("3000余人", num("3000", "人", qualifier="余")),
    ("20多个", num("20", "个", qualifier="多")),
    ("约3000人以上", num("3000", "人", qualifier="约…以上")),
    ("95左右", num("95", qualifier="左右")),
    # plain numbers and signs
    ("2023", num("2023")),
    ("0", num("0")),
    ("-5", num("-5")),
    ("－5", num("-5")),
    ("+5", num("5")),
    ("0.5", num("0.5")),
    (".5", num("0.5")),
    ("　5", num("5")),
    ("９０", num("90")),
    ("[bookmark: OLE_LINK7]95", num("95")),
    ("[bookmark: _Hlk1234] ≥ 95 %", num("95", "%", GE)),
    # dates
    ("2023年1月", date(2023, 1)),
    ("2023年", date(2023)),
    ("2023年度", date(2023)),
    ("２０２３年１２月", date(2023, 12)),
    ("2023年12月31日前", date(2023, 12, qualifier="前")),
    ("≤2023年12月底", date(2023, 12, comparator=LE, qualifier="底")),
    ("12月底前", date(None, 12, qualifier="底前")),
    ("6月份", date(None, 6)),
    ("2023年13月", text(unparsed=True)),
    ("2023-12", date(2023, 12)),
    ("2023/12/31", date(2023, 12)),
    ("2023-13", text(unparsed=True)),
    ("2023.12", num("2023.12")),
    # words
    ("全年", text()),
    ("正常", text()),
    ("有效提升", text()),
    ("覆盖17个", text()),
    ("5个乡镇开展技术培训", text()),
    ("≥良好", text()),
    ("100%达标", text()),
    ("N/A", text()),
    # numbered headings are words, not broken numbers
    ("1.投入得25分", text()),
    ("3．产出得18.76分", text()),
    ("1.1.1 项目立项规范性（5分）", text()),
    ("2.项目实施内容及过程概述", text()),
    ("一", text()),
    # looks numeric but unreadable: text, marked, never 0
    ("9５.x%", text(unparsed=True)),
    ("1.2.3", text(unparsed=True)),
    ("≥", text(unparsed=True)),
    ("[bookmark: OLE_LINK7]≥", text(unparsed=True)),
    ("%", text(unparsed=True)),
    ("12.5.6万元", text(unparsed=True)),
    ("1/2", text(unparsed=True)),
    ("9 5", text(unparsed=True)),
    ("0.0.0", text(unparsed=True)),
    # blanks
    ("", BLANK_VALUE),
    (None, BLANK_VALUE),
    ("   ", BLANK_VALUE),
    ("　", BLANK_VALUE),
    ("/", BLANK_VALUE),
    ("—", BLANK_VALUE),
    ("——", BLANK_VALUE),
    ("-", BLANK_VALUE),
    ("－", BLANK_VALUE),
    ("[bookmark: OLE_LINK1]", BLANK_VALUE),
]


@pytest.mark.parametrize(("cell", "expected"), VALUE_CASES, ids=[repr(case[0]) for case in VALUE_CASES])
def test_parse_value(cell: str | None, expected: dict[str, Any]) -> None:
    parsed = parse_value(cell)
    actual = {key: getattr(parsed, key) for key in expected}
    assert actual == expected
    assert parsed.raw == (cell or "")
    assert parsed.is_number == (expected["kind"] is NUM)


def test_parse_value_keeps_exact_digits() -> None:
    parsed = parse_value("100.00%")
    assert parsed.number is not None
    assert parsed.number.as_tuple() == D("100.00").as_tuple()


def test_long_prose_is_text_even_when_it_starts_with_a_number() -> None:
    prose = "3" + "个乡镇完成了项目建设任务" * 10
    assert parse_value(prose).kind is TEXT


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("[bookmark: OLE_LINK7]≥", "≥"),
        ("９５％", "95%"),
        ("　≥　 95　", "≥ 95"),
        ("3，000", "3,000"),
        ("正常，良好", "正常，良好"),
        ("（含）", "（含）"),
        ("ＡＢＣ１", "ABC1"),
        ("a\n\tb", "a b"),
        ("−5", "-5"),
    ],
)
def test_normalize_text(raw: str, expected: str) -> None:
    assert normalize_text(raw) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("10", D(10)),
        ("９０", D(90)),
        ("　5", D(5)),
        ("5分", D(5)),
        ("74.4", D("74.4")),
        ("-0.5", D("-0.5")),
        ("95%", None),
        ("≥5", None),
        ("全年", None),
        ("", None),
        (None, None),
        ("1.2.3", None),
        ("2023年", None),
    ],
)
def test_parse_decimal(cell: str | None, expected: Decimal | None) -> None:
    assert parse_decimal(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("100.00%", D("1.0000")),
        ("47%", D("0.47")),
        ("−362%", D("-3.62")),
        ("52%", D("0.52")),
        ("71.43%", D("0.7143")),
        ("0.95", None),
        ("95", None),
        ("%", None),
        ("", None),
        ("≥95%", None),
        ("1.8万元", None),
    ],
)
def test_parse_percent(cell: str, expected: Decimal | None) -> None:
    result = parse_percent(cell)
    assert result == expected
    if expected is not None:
        assert str(result) == str(expected)


def test_parse_percent_assumes_points_only_when_told() -> None:
    assert parse_percent("95", assume_percent=True) == D("0.95")
    assert parse_percent("95%", assume_percent=True) == D("0.95")
    assert parse_percent("95万元", assume_percent=True) is None


@pytest.mark.parametrize(
    ("cell", "default", "expected"),
    [
        ("1.8万元", None, Money(amount=D("1.8"), unit=MoneyUnit.wan_yuan)),
        ("4500", MoneyUnit.hundred_yuan, Money(amount=D(4500), unit=MoneyUnit.hundred_yuan)),
        ("4500", None, None),
        ("1.5亿元", MoneyUnit.wan_yuan, Money(amount=D("1.5"), unit=MoneyUnit.yi_yuan)),
        ("700元", None, Money(amount=D(700), unit=MoneyUnit.yuan)),
        ("2千元", None, Money(amount=D(2000), unit=MoneyUnit.yuan)),
        ("3,000", MoneyUnit.yuan, Money(amount=D(3000), unit=MoneyUnit.yuan)),
        ("≤700元/月", None, None),
        ("5次", MoneyUnit.wan_yuan, None),
        ("/", MoneyUnit.wan_yuan, None),
        ("正常", MoneyUnit.wan_yuan, None),
    ],
)
def test_parse_money(cell: str, default: MoneyUnit | None, expected: Money | None) -> None:
    assert parse_money(cell, default) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("≥", Direction.at_least),
        ("＞=", Direction.at_least),
        (">=", Direction.at_least),
        ("[bookmark: OLE_LINK7]≥", Direction.at_least),
        ("正向", Direction.at_least),
        ("正向指标", Direction.at_least),
        ("＞", Direction.more_than),
        (">", Direction.more_than),
        ("＝", Direction.equal),
        ("=", Direction.equal),
        ("≤", Direction.at_most),
        ("反向", Direction.at_most),
        ("<", Direction.less_than),
        ("定性", Direction.qualitative),
        (" 定性 ", Direction.qualitative),
        ("定量", None),
        ("≥95", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_direction(cell: str | None, expected: Direction | None) -> None:
    assert parse_direction(cell) == expected


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("2023", 2023),
        ("2023年", 2023),
        ("2023年度", 2023),
        ("２０２３年度", 2023),
        ("23年", None),
        ("23", None),
        ("0023", None),
        ("2023年1月", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_int_year(cell: str | None, expected: int | None) -> None:
    assert parse_int_year(cell) == expected


@pytest.mark.parametrize(
    ("cell", "unit_cell", "unit", "is_percent"),
    [
        ("95", "%", "%", True),
        ("95", "％", "%", True),
        ("95", "百分比", "%", True),
        ("12", "次", "次", False),
        ("4500", "百元", "百元", False),
        ("95%", "次", "%", True),
        ("3次", "个", "次", False),
        ("95", "", None, False),
        ("95", "/", None, False),
        ("95", None, None, False),
        ("95", "按实际完成情况填写", None, False),
    ],
)
def test_with_unit_of_measure(cell: str, unit_cell: str | None, unit: str | None, is_percent: bool) -> None:
    parsed = with_unit_of_measure(parse_value(cell), unit_cell)
    assert (parsed.unit, parsed.is_percent) == (unit, is_percent)
    assert parsed.number == parse_value(cell).number


def test_with_unit_of_measure_leaves_text_alone() -> None:
    parsed = parse_value("正常")
    assert with_unit_of_measure(parsed, "%") == parsed
