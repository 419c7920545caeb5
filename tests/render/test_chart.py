"""The indicator completion chart: a real PNG in a CJK font, with no missing-glyph warnings."""

from __future__ import annotations

import io
import warnings
from decimal import Decimal

from PIL import Image

from jixiao.render.chart import Bar, cjk_family, completion_chart, score_rate


def test_chart_is_a_png_drawn_in_noto_without_tofu():
    bars = [
        Bar("培训农户人次", Decimal(19), Decimal(20), "unmet"),
        Bar("带动就业人数", Decimal(20), Decimal(20), "over"),
        Bar("经济效益", None, Decimal(5), "not_applicable"),
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        png = completion_chart(bars)
    image = Image.open(io.BytesIO(png))
    assert image.format == "PNG"
    assert image.width > 600
    colours = image.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None
    assert len(colours) > 20  # bars, anti-aliased text: not a blank canvas
    assert cjk_family() in {"Noto Sans CJK SC", "WenQuanYi Zen Hei"}


def test_score_rate_is_decimal_percent():
    assert score_rate(Bar("x", Decimal("18.8"), Decimal(20), "unmet")) == Decimal("94.0")
    assert score_rate(Bar("x", None, Decimal(5), "not_applicable")) == Decimal(0)
