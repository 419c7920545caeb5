"""Numbers a narrative report states: budget, funds arrived, spending, rates and indicator counts.

Each figure keeps the key the checks compare (G21 within the report and against the 计分表, R03 against
the 自评表 and the 完成情况表): `budget`, `initial_budget`, `adjusted_budget`, `funds_arrived`,
`funds_arrival_rate`, `spent`, `spending_rate`, and the indicator counts `level1_count` …
`level3_count`. Rates are fractions; money keeps the unit the text writes (万元 or 元).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from jixiao.model import Figure, Stated
from jixiao.recognize.text import flat, parse_decimal

if TYPE_CHECKING:
    from decimal import Decimal

    from jixiao.read.document import Document, Paragraph

NUMBER = r"(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"  # 12,000 too
_MONEY = r"(万元|元)"
_IS = r"[为是:：]?"
# Full-width ASCII (１２，０００ ％) to half-width, one character for one, so a match's span is also its
# span in the printed text (the raw text keeps the printed characters).
_MAY_STATE = re.compile(r"[0-9０-９][\s,，.．0-9０-９]*(?:万元|元|%|％|个)")  # cheap filter
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}


@dataclass(frozen=True, slots=True)
class FigureSpec:
    """A figure kind: key, label (the words that name it) and the pattern (group 1 number, 2 unit)."""

    key: str
    label: str
    pattern: re.Pattern[str]

    @property
    def is_rate(self) -> bool:
        """Rates are stated in percent and kept as fractions."""
        return self.key.endswith("_rate")


# Ziyang 自评报告, paragraph 预算资金来源及使用情况 (rules.md §C8).
ZIYANG_FIGURES = (
    FigureSpec("budget", "预算资金", re.compile(r"预算[^，。；,;]*?" + NUMBER + _MONEY)),
    FigureSpec("funds_arrived", "到位资金", re.compile(r"到位(?:资金)?" + NUMBER + _MONEY)),
    FigureSpec("funds_arrival_rate", "到位率", re.compile(r"到位率" + r"[为是]?" + NUMBER + "(%)")),
    FigureSpec("spent", "使用资金", re.compile(r"使用[^，。；,;]*?" + NUMBER + _MONEY)),
    FigureSpec("spending_rate", "资金使用率", re.compile(r"使用率" + r"[为是]?" + NUMBER + "(%)")),
)

# Lizhou 专项预算项目绩效自评报告 (rules.md §B6): "区财政预算安排我局…经费1.8万元", "区级下达财政资金
# 1.8万元", "年初预算金额10万元，调整预算金额6.51万元，实际支出金额6.51万元，年初预算执行率为100%",
# "单位执行6.51万元", "设置一级指标3 个、二级指标9个、三级指标9个".
LIZHOU_FIGURES = (
    FigureSpec("budget", "预算安排", re.compile(r"预算安排[^，。；,;]*?" + NUMBER + _MONEY)),
    FigureSpec(
        "initial_budget", "年初预算", re.compile(r"年初预算(?:金额|资金|数)?" + _IS + NUMBER + _MONEY)
    ),
    FigureSpec(
        "adjusted_budget",
        "调整后预算",
        re.compile(r"调整(?:后)?预算(?:金额|资金|数)?" + _IS + NUMBER + _MONEY),
    ),
    FigureSpec(
        "funds_arrived",
        "下达资金",
        re.compile(r"(?:下达|拨付|到位)(?:财政)?(?:资金)?" + _IS + NUMBER + _MONEY),
    ),
    FigureSpec("funds_arrival_rate", "到位率", re.compile(r"到位率" + _IS + NUMBER + "(%)")),
    FigureSpec(
        "spent",
        "实际支出",
        re.compile(r"(?:实际支出|单位执行|实际使用|执行金额)(?:金额|资金|数)?" + _IS + NUMBER + _MONEY),
    ),
    FigureSpec("spending_rate", "预算执行率", re.compile(r"(?:执行率|使用率)" + _IS + NUMBER + "(%)")),
    FigureSpec("level1_count", "一级指标", re.compile(r"一级指标" + NUMBER + "(个)")),
    FigureSpec("level2_count", "二级指标", re.compile(r"二级指标" + NUMBER + "(个)")),
    FigureSpec("level3_count", "三级指标", re.compile(r"三级指标" + NUMBER + "(个)")),
)


def extract_figures(
    doc: Document, paragraphs: list[Paragraph], specs: tuple[FigureSpec, ...], *, every: bool
) -> tuple[Figure, ...]:
    """Return the figures the paragraphs state, in reading order.

    With `every`, each occurrence is kept, in reading order (a report that states its spending twice,
    differently, is what G21 looks for); otherwise the first of each kind, in the order of `specs`.
    """
    texts = [flat(paragraph.text) for paragraph in paragraphs]
    searched = [(n, text.translate(_HALF_WIDTH)) for n, text in enumerate(texts) if _MAY_STATE.search(text)]
    found: list[tuple[int, int, FigureSpec, re.Match[str]]] = []
    for spec in specs:
        for number, text in searched:
            matches = list(spec.pattern.finditer(text))
            if matches and not every:
                found.append((number, matches[0].start(), spec, matches[0]))
                break
            found.extend((number, match.start(), spec, match) for match in matches)
    if every:
        found.sort(key=lambda item: (item[0], item[1]))
    out: list[Figure] = []
    for number, _, spec, match in found:
        value = parse_decimal(match.group(1))
        if value is None:
            continue
        location = doc.paragraph_location(paragraphs[number]).with_field(f"report.figures[{len(out)}]")
        if spec.is_rate:
            value = value.scaleb(-2)  # percentage points → fraction
        raw = texts[number][match.start() : match.end()]
        stated: Stated[Decimal] = Stated(value=value, raw=raw, location=location)
        out.append(Figure(key=spec.key, label=spec.label, value=stated, unit=match.group(2)))
    return tuple(out)
