"""Helpers for narrative reports: the paragraphs of a span, sections, and numbers found by pattern."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from jixiao.model import Stated
from jixiao.read.document import Document, Paragraph, Table
from jixiao.recognize.cells import paragraph_text
from jixiao.recognize.text import flat, label_key, parse_decimal

if TYPE_CHECKING:
    from decimal import Decimal

GRADE = re.compile(r"(?:评估等级|自评等级|评价结果|绩效等级|自评结果)[为是:：]?[“\"「『]?(优|良|中|差)")
# Section headings: 一、 … 十、, short "1、 存在主要问题" too (numbering is not trusted: seed 000 jumps
# 一、七、三、四、八、五 and one report writes 1、 for 八、).
HEADING = re.compile(r"^[一二三四五六七八九十]+、|^\d+、.{0,18}$")


def span_paragraphs(doc: Document, start: int, end: int) -> list[Paragraph]:
    """Return the non-blank paragraphs of blocks [start, end)."""
    return [b for b in doc.blocks[start:end] if isinstance(b, Paragraph) and b.text.strip()]


def span_tables(doc: Document, start: int, end: int) -> list[tuple[int, Table]]:
    """Return the tables of blocks [start, end) with their block index."""
    return [(i, b) for i, b in enumerate(doc.blocks[start:end], start) if isinstance(b, Table)]


def stated_paragraphs(doc: Document, paragraphs: list[Paragraph]) -> tuple[Stated[str], ...]:
    """State every paragraph with its location."""
    return tuple(paragraph_text(doc, p, f"report.paragraphs[{i}]") for i, p in enumerate(paragraphs))


def search_number(
    doc: Document, paragraphs: list[Paragraph], pattern: re.Pattern[str], field_path: str
) -> Stated[Decimal]:
    """State the first number matched by `pattern` (group 1) in the paragraphs."""
    for paragraph in paragraphs:
        match = pattern.search(flat(paragraph.text))
        if match is not None:
            location = doc.paragraph_location(paragraph).with_field(field_path)
            return Stated(value=parse_decimal(match.group(1)), raw=match.group(0), location=location)
    return Stated()


def search_grade(doc: Document, paragraphs: list[Paragraph], field_path: str) -> Stated[str]:
    """State the first 等级 the report names (优/良/中/差)."""
    for paragraph in paragraphs:
        match = GRADE.search(flat(paragraph.text))
        if match is not None:
            location = doc.paragraph_location(paragraph).with_field(field_path)
            return Stated(value=match.group(1), raw=match.group(0), location=location)
    return Stated()


def section(
    doc: Document, paragraphs: list[Paragraph], words: tuple[str, ...], field_path: str
) -> Stated[str]:
    """State the text under the first top-level heading containing all `words`, up to the next one."""
    for index, paragraph in enumerate(paragraphs):
        key = label_key(paragraph.text)
        if not (HEADING.match(key) and all(word in key for word in words)):
            continue
        body: list[Paragraph] = []
        for following in paragraphs[index + 1 :]:
            if re.match(r"^[一二三四五六七八九十]+、|^附", label_key(following.text)):
                break
            body.append(following)
        if not body:
            return Stated()
        text = "\n".join(p.text.strip() for p in body)
        location = doc.paragraph_location(body[0]).with_field(field_path)
        return Stated(value=text, raw=text, location=location)
    return Stated()
