"""Where a stated value was read from (STYLE §4)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

QUOTE_LENGTH = 40


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a source document; every position is 1-based.

    `table`/`row`/`col` address a .docx table (body order) on the grid after merged cells are expanded;
    `sheet` with `row`/`col` addresses a spreadsheet cell; `paragraph` is a .docx paragraph or a .txt
    line. Values typed in the web app carry only `field` (the model path).
    """

    file: str | None = None
    sheet: str | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None
    paragraph: int | None = None
    label: str | None = None  # the row or column header as printed, e.g. 得分
    quote: str | None = None  # up to 40 characters of the text
    field: str | None = None  # model path, e.g. indicators[3].score

    def __post_init__(self) -> None:
        """Clip the quote to its documented length."""
        if self.quote is not None and len(self.quote) > QUOTE_LENGTH:
            object.__setattr__(self, "quote", self.quote[: QUOTE_LENGTH - 1] + "…")

    def with_field(self, field: str) -> Location:
        """Return a copy that also names the model path."""
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        values["field"] = field
        return Location(**values)

    def to_dict(self) -> dict[str, Any]:
        """Return the non-empty fields, for JSON."""
        return {f.name: getattr(self, f.name) for f in fields(self) if getattr(self, f.name) is not None}

    def describe(self) -> str:
        """Render like an editor position: `file 表1 第23行 第3列「合计」` or `file 「sheet」!C23`."""
        parts: list[str] = [self.file] if self.file else []
        if self.sheet is not None:
            cell = f"{_column_letters(self.col)}{self.row}" if self.row and self.col else ""
            parts.append(f"「{self.sheet}」!{cell}" if cell else f"「{self.sheet}」")
        else:
            if self.table is not None:
                parts.append(f"表{self.table}")
            if self.row is not None:
                parts.append(f"第{self.row}行")
            if self.col is not None:
                parts.append(f"第{self.col}列")
        if self.paragraph is not None:
            parts.append(f"第{self.paragraph}段")
        if self.label:
            parts[-1:] = [f"{parts[-1]}「{self.label}」"] if parts else [f"「{self.label}」"]
        if not parts and self.field:
            parts.append(self.field)
        return " ".join(parts)


def _column_letters(col: int | None) -> str:
    """Turn a 1-based column number into spreadsheet letters (1 → A, 27 → AA)."""
    if not col:
        return ""
    letters = ""
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters
