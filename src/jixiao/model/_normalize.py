"""Text clean-up shared by the value parser: full-width forms, Word bookmark residue, whitespace.

Also holds the word tables the parser matches (comparators, qualifiers, blank markers), so that
`parse.py` keeps only the grammar.
"""

from __future__ import annotations

import re
from functools import lru_cache

from jixiao.model.values import Comparator

# Word leaves "[bookmark: OLE_LINK7]" in text exported by some converters (seed fixtures show it in
# 指标性质 cells); it is never content.
_BOOKMARK = re.compile(r"\[\s*bookmark:[^\]]*\]", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
# A full-width comma between digits is a thousands separator ("3，000"); elsewhere it is punctuation.
_DIGIT_COMMA = re.compile(r"(?<=[0-9])，(?=[0-9])")

# Full-width characters that stand for ASCII in numbers, comparators and units. Chinese punctuation
# that carries meaning in prose (，：；（）) is kept as written.
_FULL_WIDTH: dict[int, int | str] = {
    **{0xFF10 + i: ord("0") + i for i in range(10)},  # ０-９
    **{0xFF21 + i: ord("A") + i for i in range(26)},  # Ａ-Ｚ
    **{0xFF41 + i: ord("a") + i for i in range(26)},  # ａ-ｚ
    0x3000: " ",  # ideographic space
    0x00A0: " ",  # no-break space from Word
    0xFF05: "%",  # ％
    0xFE6A: "%",  # ﹪ small percent sign
    0xFF0B: "+",  # ＋
    0xFF0D: "-",  # －
    0x2212: "-",  # − minus sign (seed 001 writes −362%)
    0xFF0E: ".",  # ．
    0xFF1D: "=",  # ＝
    0xFF1C: "<",  # ＜
    0xFF1E: ">",  # ＞
    0xFF0F: "/",  # ／
    0x2267: "≥",  # ≧ (Japanese IME form)
    0x2266: "≤",  # ≦
    0x2A7E: "≥",  # ⩾ slanted form
    0x2A7D: "≤",  # ⩽
}

# Cells that say "nothing here": empty, a slash or a dash.
BLANK_MARKERS = frozenset({"", "/", "\\", "-", "--", "—", "——", "–", "－"})

# Comparators as written before a target, longest first so "≥=" is not read as "≥" + "=".
COMPARATOR_WORDS: tuple[tuple[str, Comparator], ...] = (
    ("大于等于", Comparator.at_least),
    ("大于或等于", Comparator.at_least),
    ("小于等于", Comparator.at_most),
    ("小于或等于", Comparator.at_most),
    ("不低于", Comparator.at_least),
    ("不少于", Comparator.at_least),
    ("不小于", Comparator.at_least),
    ("不高于", Comparator.at_most),
    ("不超过", Comparator.at_most),
    ("不多于", Comparator.at_most),
    ("不大于", Comparator.at_most),
    ("至少", Comparator.at_least),
    ("至多", Comparator.at_most),
    ("最多", Comparator.at_most),
    ("大于", Comparator.more_than),
    ("超过", Comparator.more_than),
    ("高于", Comparator.more_than),
    ("小于", Comparator.less_than),
    ("低于", Comparator.less_than),
    ("等于", Comparator.equal),
    ("≥=", Comparator.at_least),
    (">=", Comparator.at_least),
    ("=>", Comparator.at_least),
    ("≤=", Comparator.at_most),
    ("<=", Comparator.at_most),
    ("=<", Comparator.at_most),
    ("==", Comparator.equal),
    ("≥", Comparator.at_least),
    ("≤", Comparator.at_most),
    (">", Comparator.more_than),
    ("<", Comparator.less_than),
    ("=", Comparator.equal),
)

# Words before a number that soften it ("约3000人"): kept as the qualifier.
PREFIX_QUALIFIERS = ("大约", "约为", "约", "近", "达到", "达", "累计", "共计", "共")
# Words right after the digits ("3000余人", "20多个").
INFIX_QUALIFIERS = ("余", "多")
# Words after the unit ("20万人以上", "3天内"), longest first.
SUFFIX_QUALIFIERS = ("及以上", "及以下", "以上", "以下", "以内", "之内", "左右", "内")


# Check rules clean the same report paragraphs and cells one after another; a bounded memo of the
# pure clean-up keeps that to once per text (the entries are the texts themselves, so keep it small).
NORMALIZE_CACHE_SIZE = 4096


@lru_cache(maxsize=NORMALIZE_CACHE_SIZE)
def normalize_text(text: str) -> str:
    """Return the cell text cleaned for reading.

    Removes Word bookmark residue, turns full-width digits, letters, spaces and the signs used in
    numbers (％＋－．＝＜＞／) into ASCII, reads a full-width comma between digits as a thousands
    separator, collapses whitespace and strips the ends. Chinese prose punctuation is kept.
    """
    cleaned = _BOOKMARK.sub("", text).translate(_FULL_WIDTH)
    cleaned = _DIGIT_COMMA.sub(",", cleaned)
    return _WHITESPACE.sub(" ", cleaned).strip()


def split_comparator(text: str) -> tuple[Comparator | None, str]:
    """Split a leading comparator (symbol or words) from the rest of the text."""
    for word, comparator in COMPARATOR_WORDS:
        if text.startswith(word):
            return comparator, text[len(word) :].lstrip()
    return None, text


def split_prefix(text: str, words: tuple[str, ...]) -> tuple[str | None, str]:
    """Split one leading word from `words` off `text`."""
    for word in words:
        if text.startswith(word):
            return word, text[len(word) :].lstrip()
    return None, text


def split_suffix(text: str, words: tuple[str, ...]) -> tuple[str, str | None]:
    """Split one trailing word from `words` off `text`."""
    for word in words:
        if text.endswith(word):
            return text[: -len(word)].rstrip(), word
    return text, None
