"""Text clean-up and small value parsers shared by the recognizers.

Cells in real documents carry bookmark residue ("[bookmark: OLE_LINK7]≥"), full-width symbols and spaces,
words split by spaces when copied from PDF ("项 目 名 称") and units inside value cells ("1.8万元").
Labels are compared by `label_key`; values are read by the project's one value parser
(`jixiao.model.parse`, re-exported here), which never turns text into 0.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from jixiao.model.parse import parse_decimal, parse_direction, parse_money, parse_percent

_BOOKMARK = re.compile(r"\[bookmark:[^\]]*\]")
_SPACES = re.compile(r"\s+")

__all__ = [
    "clean",
    "flat",
    "label_key",
    "parse_decimal",
    "parse_direction",
    "parse_money",
    "parse_percent",
]


def clean(text: str) -> str:
    """Remove bookmark residue and trim each line (full-width spaces too); keep inner line breaks.

    Values keep their own punctuation (Chinese text uses full-width commas); only `label_key` and the
    number parsers apply NFKC.
    """
    text = _BOOKMARK.sub("", text)
    lines = [line.strip() for line in text.split("\n")]
    return "\n".join(line for line in lines if line)


def flat(text: str) -> str:
    """Return `clean` text on one line: breaks and spaces between Chinese characters removed."""
    cleaned = clean(text)
    joined = re.sub(r"\s*\n\s*", "", cleaned)
    return re.sub(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])", "", joined)


@lru_cache(maxsize=16384)
def label_key(text: str) -> str:
    """Return the comparable form of a label: `clean`, every space removed ("项 目 名 称" → "项目名称")."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", clean(text)))
