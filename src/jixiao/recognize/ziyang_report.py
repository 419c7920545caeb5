"""Recognize the Ziyang 项目支出绩效自评报告 (rules.md §C8).

The title names the project ("幸福资阳行慰问经费项目支出绩效自评报告"), sometimes over two lines
("视频会议网络（移动办公）费项目支出绩效" / "自评报告"). States: the total (自评分98分 / 得分100分),
the grade, the group points 投入/过程/产出/效果 (`group_scores` input/process/output/effect) and the
figures of 预算资金来源及使用情况 (budget, funds_arrived, funds_arrival_rate, spent, spending_rate).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jixiao.model import Figure, Report, ReportKind, Stated
from jixiao.read.document import Document, Paragraph
from jixiao.recognize.parts import Part
from jixiao.recognize.report_figures import ZIYANG_FIGURES, extract_figures
from jixiao.recognize.report_text import (
    search_grade,
    search_number,
    section,
    span_paragraphs,
    stated_paragraphs,
)
from jixiao.recognize.text import flat, label_key, parse_decimal

if TYPE_CHECKING:
    from decimal import Decimal

_SUFFIX = re.compile(r"(?:项目)?(?:支出)?(?:绩效)?自评报告$")
_BARE_TITLES = ("自评报告", "绩效自评报告", "项目支出绩效自评报告", "支出绩效自评报告")
_GROUPS = (("投入", "input"), ("过程", "process"), ("产出", "output"), ("效果", "effect"))
_TOTAL = re.compile(r"(?:自评分|自评得分|得分)[为是:：]?(\d+(?:\.\d+)?)分|得(\d+(?:\.\d+)?)分，具体情况如下")
_NUMBER = r"(\d+(?:\.\d+)?)"


def is_ziyang_report_title(paragraph: Paragraph) -> bool:
    """True for a report title line ending in 自评报告 (not the Lizhou 专项预算 kind)."""
    key = label_key(paragraph.text)
    if not key.endswith("自评报告") or "专项预算" in key or len(key) > 40:
        return False
    return not key.startswith(("附", "撰写", "对照"))


def recognize_ziyang_report(doc: Document, start: int, end: int) -> Part:
    """Read the report in blocks [start, end); the title may continue the line above."""
    title_paragraph = doc.blocks[start]
    assert isinstance(title_paragraph, Paragraph)  # find_parts only calls this on a title paragraph
    lines = _title_lines(doc, start)
    raw = "\n".join(p.text for p in lines)
    title_location = doc.paragraph_location(lines[0]).with_field("report.title")
    title: Stated[str] = Stated(value=flat(raw), raw=raw, location=title_location)
    name_value = _SUFFIX.sub("", flat(raw))
    name: Stated[str] = Stated(
        value=name_value or None, raw=raw, location=title_location.with_field("report.project_name")
    )
    paragraphs = span_paragraphs(doc, start + 1, end)
    report = Report(
        kind=ReportKind.ziyang,
        title=title,
        project_name=name,
        paragraphs=stated_paragraphs(doc, paragraphs),
        stated_total=_total(doc, paragraphs),
        stated_grade=search_grade(doc, paragraphs, "report.stated_grade"),
        group_scores=_group_scores(doc, paragraphs),
        figures=_figures(doc, paragraphs),
        problems=section(doc, paragraphs, ("存在", "问题"), "report.problems"),
    )
    return Part("report", start, name, report, {}, ())


def _title_lines(doc: Document, start: int) -> list[Paragraph]:
    title = doc.blocks[start]
    assert isinstance(title, Paragraph)  # checked by the caller
    if label_key(title.text) not in _BARE_TITLES and not label_key(title.text).startswith("自评报告"):
        return [title]
    for block in reversed(doc.blocks[max(start - 3, 0) : start]):
        if isinstance(block, Paragraph) and block.text.strip():
            if label_key(block.text).startswith("附件"):
                break
            return [block, title]
    return [title]


def _total(doc: Document, paragraphs: list[Paragraph]) -> Stated[Decimal]:
    for paragraph in paragraphs:
        text = flat(paragraph.text)
        match = _TOTAL.search(text)
        if match is not None and (
            "具体情况如下" in text or "等级" in text or "评价结果" in text or "计分表" in text
        ):
            number = match.group(1) or match.group(2)
            location = doc.paragraph_location(paragraph).with_field("report.stated_total")
            return Stated(value=parse_decimal(number), raw=match.group(0), location=location)
    return Stated()


def _group_scores(doc: Document, paragraphs: list[Paragraph]) -> dict[str, Stated[Decimal]]:
    out: dict[str, Stated[Decimal]] = {}
    for word, group in _GROUPS:
        pattern = re.compile(
            r"^(?:[(（][一二三四][)）]|\d[.．、])" + word + r"得分?[为:：]?" + _NUMBER + "分"
        )
        found = search_number(doc, paragraphs, pattern, f"report.group_scores.{group}")
        if found.value is not None:
            out[group] = found
    return out


def _figures(doc: Document, paragraphs: list[Paragraph]) -> tuple[Figure, ...]:
    source = [p for p in paragraphs if "预算资金来源" in label_key(p.text)][:1]
    return extract_figures(doc, source, ZIYANG_FIGURES, every=False)
