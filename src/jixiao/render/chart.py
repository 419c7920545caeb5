"""The indicator completion chart (得分率 per indicator) as PNG bytes, drawn with matplotlib (Agg).

The CJK font is found by file path (Noto Sans CJK SC from fonts-noto-cjk, else WenQuanYi Zen Hei) and
registered with matplotlib's font manager; missing-glyph warnings are turned into errors so a chart
never ships with tofu boxes. Bar lengths are floats only for drawing; labels print the Decimal text.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.render.values import decimal_text, round_half_up

if TYPE_CHECKING:
    from matplotlib.axes import Axes

FONT_CANDIDATES = (
    (Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"), "Noto Sans CJK SC"),
    (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"), "WenQuanYi Zen Hei"),
)
COLORS = {
    "met": "#3b7dd8",
    "over": "#2e9e5b",
    "unmet": "#e08a1e",
    "not_applicable": "#b0b0b0",
    "unscored": "#c0392b",
}
LEGEND = {
    "met": "达到目标",
    "over": "超额完成",
    "unmet": "未达到目标",
    "not_applicable": "不适用",
    "unscored": "无法计分",
}
MAX_LABEL = 14  # characters of an indicator name shown on the axis
COMPACT_FROM = 12  # bars; more than this are drawn thinner


class ChartFontError(RuntimeError):
    """No CJK font was found, or a glyph is missing from it."""


@dataclass(frozen=True, slots=True)
class Bar:
    """One indicator: its name, score, weight and outcome (met/over/unmet/not_applicable/unscored)."""

    name: str
    score: Decimal | None
    weight: Decimal
    outcome: str


@cache
def cjk_family() -> str:
    """Register the first CJK font file found and return its family name."""
    from matplotlib import font_manager  # noqa: PLC0415  (matplotlib loads only when charts are drawn)

    for path, family in FONT_CANDIDATES:
        if path.is_file():
            font_manager.fontManager.addfont(str(path))
            names = {entry.name for entry in font_manager.fontManager.ttflist}
            if family in names:
                return family
    msg = "未找到中文字体（fonts-noto-cjk 或 fonts-wqy-zenhei），无法绘制图表"
    raise ChartFontError(msg)


def score_rate(bar: Bar) -> Decimal:
    """得分率 in percent, 1 decimal: score / weight × 100 (0 when not scored)."""
    if bar.score is None or bar.weight == 0:
        return Decimal(0)
    return round_half_up(bar.score / bar.weight * 100, 1)


def completion_chart(bars: list[Bar], title: str = "绩效指标完成情况（得分率）") -> bytes:
    """Draw a horizontal bar per indicator and return the PNG."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: PLC0415
    from matplotlib.figure import Figure  # noqa: PLC0415

    family = cjk_family()
    per_bar = 0.42 if len(bars) <= COMPACT_FROM else 0.3  # keep a 20-item 计分表 chart on one page
    figure = Figure(figsize=(6.4, max(2.8, per_bar * len(bars) + 1.8)), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    _draw_bars(axes, bars, family)
    axes.set_xlim(0, 115)
    axes.set_xlabel("得分率（%）", family=family, fontsize=9)
    axes.set_title(title, family=family, fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    _legend(axes, bars, family)
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message=".*[Gg]lyph.*missing.*")
        try:
            figure.tight_layout()
            figure.savefig(buffer, format="png")
        except UserWarning as warning:
            raise ChartFontError(str(warning)) from warning
    return buffer.getvalue()


def _draw_bars(axes: Axes, bars: list[Bar], family: str) -> None:
    """Bars bottom-up in reading order, each labelled with its 得分率 (or 不适用 / 无法计分)."""
    ordered = bars[::-1]
    rates = [score_rate(bar) for bar in ordered]
    colors = [COLORS.get(bar.outcome, COLORS["met"]) for bar in ordered]
    axes.barh(range(len(ordered)), [float(rate) for rate in rates], color=colors, height=0.6)
    for position, (rate, bar) in enumerate(zip(rates, ordered, strict=True)):
        label = {"not_applicable": "不适用", "unscored": "无法计分"}.get(
            bar.outcome, f"{decimal_text(rate)}%"
        )
        axes.text(float(rate) + 1, position, label, va="center", fontsize=8, family=family)
    axes.set_yticks(range(len(ordered)), [_short(bar.name) for bar in ordered], fontsize=8, family=family)


def _short(name: str) -> str:
    return name if len(name) <= MAX_LABEL else name[: MAX_LABEL - 1] + "…"


def _legend(axes: Axes, bars: list[Bar], family: str) -> None:
    from matplotlib.patches import Patch  # noqa: PLC0415

    present = [kind for kind in LEGEND if any(bar.outcome == kind for bar in bars)]
    handles = [Patch(color=COLORS[kind], label=LEGEND[kind]) for kind in present]
    axes.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.22),
        ncol=max(len(handles), 1),
        prop={"family": family, "size": 7},
        frameon=False,
    )
