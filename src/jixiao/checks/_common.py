"""Arithmetic and text helpers shared by the check rules (no rule logic here)."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from jixiao.model import Direction, Grade, Location, Money, MoneyUnit, Stated
from jixiao.model.parse import normalize_text, parse_value

if TYPE_CHECKING:
    from collections.abc import Iterable

    from jixiao.checks.context import CheckContext
    from jixiao.model import Indicator, Report, SelfEvalForm

HUNDRED = Decimal(100)
CENT = Decimal("0.01")


# Cells that say "nothing": blank, a dash, 无 (rules.md §G25 treats 无 as "no problems stated").
_NOTHING = frozenset({"", "无", "/", "-", "—", "——", "无。", "暂无", "没有", "无问题"})
# The Sichuan form prints its instructions in the 原因 cell; they are not a reason (seed 000).
_PROMPT = re.compile(r"^1[.、．]?预算执行率=")


def where(stated: Stated[Any], field: str) -> Location:
    """The evidence location of a stated value: its reader location named by `field`, or `field` only."""
    if stated.location is not None:
        return stated.location.with_field(field)
    return Location(field=field, quote=stated.raw or None)


def show(value: Decimal | int | None) -> str:
    """Format a number for a message: plain digits, no exponent, trailing zeros dropped."""
    if value is None:
        return "（空）"
    if isinstance(value, int):
        return str(value)
    text = format(value.quantize(Decimal("0.0001"), ROUND_HALF_UP).normalize(), "f")
    return text if "." in text or "E" not in text else format(value, "f")


def percent(rate: Decimal | None) -> str:
    """Format a fraction as a percentage with two decimals: 0.9543 → 95.43%."""
    if rate is None:
        return "（空）"
    return f"{(rate * HUNDRED).quantize(CENT, ROUND_HALF_UP)}%"


def round_half_up(value: Decimal, places: int = 2) -> Decimal:
    """Round with ROUND_HALF_UP to `places` decimals."""
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def matches_score(stated: Decimal, exact: Decimal, tolerance: Decimal) -> bool:
    """A stated score agrees with an exact one rounded half-up to 0–2 places or within `tolerance`."""
    if any(stated == round_half_up(exact, places) for places in (0, 1, 2)):
        return True
    return abs(stated - exact) <= tolerance


def parse_grade(text: str | None) -> Grade | None:
    """Read a stated grade such as 良 or 良好 or 优秀."""
    cleaned = normalize_text(text or "")
    for grade in Grade:
        if cleaned.startswith(grade.value):
            return grade
    return None


def is_nothing(text: str | None) -> bool:
    """True when a text cell says nothing (blank, 无, a dash) or only repeats the form's prompt."""
    cleaned = normalize_text(text or "").strip(" 。.")
    return cleaned in _NOTHING or bool(_PROMPT.match(cleaned))


def text_length(text: str | None) -> int:
    """Characters a person typed, whitespace excluded (the form counts 字)."""
    return len(re.sub(r"\s", "", text or ""))


def amount(stated: Stated[Money], unit: MoneyUnit | None = None) -> Decimal | None:
    """The amount of a stated sum of money, converted to `unit` when given."""
    if stated.value is None:
        return None
    return (stated.value.to(unit) if unit else stated.value).amount


def same_name(left: str | None, right: str | None) -> bool:
    """Names compare equal after clean-up and dropping punctuation, spaces and question marks."""
    return bool(left and right) and squash(left) == squash(right)


@lru_cache(maxsize=8192)  # batch rules compare the same names many times
def squash(text: str | None) -> str:
    """Normalise a label for comparison: no spaces, punctuation or brackets."""
    cleaned = normalize_text(text or "")
    return re.sub(r"[\s，,。.、；;：:？?！!（）()\"“”'‘’《》〈〉【】\[\]]", "", cleaned)


def form_indicators(ctx: CheckContext) -> tuple[Indicator, ...]:
    """Return the 自评表's indicator rows, or none when the project has no form."""
    return ctx.form.indicators if ctx.form else ()


def is_quantitative(indicator: Indicator) -> bool:
    """True for ≥ > ≤ < = rows (a stated 指标性质 other than 定性)."""
    return indicator.direction.value not in {None, Direction.qualitative}


def indicator_path(index: int, attribute: str = "") -> str:
    """The model path of a 自评表 indicator cell."""
    base = f"self_eval_form.indicators[{index}]"
    return f"{base}.{attribute}" if attribute else base


def indicator_label(indicator: Indicator) -> str:
    """A short name for an indicator in messages."""
    return indicator.name.value or indicator.name.raw or "（未命名指标）"


def total_of(values: Iterable[Decimal | None]) -> Decimal | None:
    """The sum of stated numbers, or None when any is missing."""
    result = Decimal(0)
    for value in values:
        if value is None:
            return None
        result += value
    return result


def cell_text(stated: Stated[str]) -> str:
    """The text of a stated cell: its value, else what was written."""
    return stated.value or stated.raw or ""


def quantities(indicator: Indicator) -> tuple[Decimal, Decimal] | None:
    """Target and actual numbers of an indicator on the same scale, or None when they cannot be compared.

    Both must read as numbers; a unit written in a cell must agree with the other cell's unit or the
    度量单位 (percentages stay in points on both sides: "90" + "%" against "100%").
    """
    target, actual = parse_value(cell_text(indicator.target)), parse_value(cell_text(indicator.actual))
    if target.number is None or actual.number is None or not (target.is_number and actual.is_number):
        return None
    unit = squash(indicator.unit_of_measure.value) or None
    target_unit, actual_unit = target.unit or unit, actual.unit or unit
    if target_unit and actual_unit and target_unit != actual_unit:
        return None
    return target.number, actual.number


_TEXT_TOTAL = re.compile(
    r"(?:综合得分|评价得分|自评得分|总得分|得分)\s*(?:为|是|：|:)?\s*([0-9]+(?:\.[0-9]+)?)\s*分"
)


def stated_total_in_text(text: Stated[str]) -> Stated[Decimal] | None:
    """The first total a sentence states ("评价得分为100分"), located at the text it came from."""
    match = _TEXT_TOTAL.search(normalize_text(text.value or ""))
    if match is None:
        return None
    location = text.location or Location()
    quote = match.group(0)
    return Stated[Decimal](
        value=Decimal(match.group(1)), raw=quote, location=location_with_quote(location, quote)
    )


def location_with_quote(location: Location, quote: str) -> Location:
    """A copy of `location` quoting `quote` instead of the whole cell."""
    values = location.to_dict()
    values["quote"] = quote
    return Location(**values)


FORM_TEXTS = (
    "annual_goal",
    "goal_outcome",
    "implementation_summary",
    "conclusion",
    "problems",
    "improvements",
)


def narrative(form: SelfEvalForm | None, report: Report | None) -> list[tuple[Stated[str], str]]:
    """Every free text of the form and the report with its model path, in reading order."""
    found: list[tuple[Stated[str], str]] = []
    if form is not None:
        found += [(getattr(form, name), f"self_eval_form.{name}") for name in FORM_TEXTS]
    if report is not None:
        found += [(paragraph, f"report.paragraphs[{n}]") for n, paragraph in enumerate(report.paragraphs)]
    return [(text, path) for text, path in found if text.value]
