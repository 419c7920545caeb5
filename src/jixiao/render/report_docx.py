"""Report blocks and their .docx writer (公文 style: 方正小标宋 title, 黑体/楷体 headings, 仿宋 body).

Report builders (`report_sichuan`, `report_ziyang`) return a list of blocks; `report_docx` writes them.
Tables reuse the form layouts and the lxml table writer of `docx_writer`.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import TYPE_CHECKING

from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.shared import Cm, Pt

from jixiao.render import docx_writer
from jixiao.render.values import printable

if TYPE_CHECKING:
    from docx.document import Document as DocumentType
    from docx.text.paragraph import Paragraph

    from jixiao.render.layout import FormLayout

BODY_FONT = "仿宋_GB2312"
HEADING_FONTS = {1: "黑体", 2: "楷体_GB2312", 3: BODY_FONT}
TITLE_FONT = "方正小标宋简体"
BODY_SIZE = 14.0  # 四号; the seeds' reports use 仿宋 at 三号/四号
TITLE_SIZE = 20.0
LINE_SPACING = 26.0  # points, exact


@dataclass(frozen=True, slots=True)
class Title:
    """The report title (or a centred subtitle when `sub`)."""

    text: str
    sub: bool = False


@dataclass(frozen=True, slots=True)
class Heading:
    """一、 (level 1), （一） (level 2) or 1. (level 3) headings."""

    text: str
    level: int = 1


@dataclass(frozen=True, slots=True)
class Para:
    """A body paragraph, indented two characters."""

    text: str


@dataclass(frozen=True, slots=True)
class Table:
    """A table drawn from a form layout (its lines print above it)."""

    layout: FormLayout


@dataclass(frozen=True, slots=True)
class Picture:
    """A PNG image, `width_cm` wide, centred."""

    png: bytes
    width_cm: float = 15.0


@dataclass(frozen=True, slots=True)
class PageBreak:
    """Start a new page."""


Block = Title | Heading | Para | Table | Picture | PageBreak


def report_docx(blocks: list[Block]) -> bytes:
    """Write the blocks to a .docx and return its bytes."""
    document = docx_writer.new_document(body_font=BODY_FONT, size=BODY_SIZE)
    for block in blocks:
        _write(document, block)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _write(document: DocumentType, block: Block) -> None:
    if isinstance(block, Title):
        size = BODY_SIZE + 2 if block.sub else TITLE_SIZE
        _styled(
            document.add_paragraph(), block.text, BODY_FONT if block.sub else TITLE_FONT, size, center=True
        )
    elif isinstance(block, Heading):
        font = HEADING_FONTS.get(block.level, BODY_FONT)
        paragraph = _styled(document.add_paragraph(), block.text, font, BODY_SIZE, bold=block.level == 3)
        paragraph.paragraph_format.first_line_indent = Pt(BODY_SIZE * 2)
        paragraph.paragraph_format.keep_with_next = True
    elif isinstance(block, Para):
        paragraph = _styled(document.add_paragraph(), block.text, BODY_FONT, BODY_SIZE)
        paragraph.paragraph_format.first_line_indent = Pt(BODY_SIZE * 2)
    elif isinstance(block, Table):
        for line in block.layout.lines:
            docx_writer.add_line(document, line)
        body = document.element.body
        body.insert(len(body) - 1, docx_writer.table(block.layout))
        document.add_paragraph()
    elif isinstance(block, Picture):
        document.add_picture(io.BytesIO(block.png), width=Cm(block.width_cm))
        document.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
    else:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _styled(  # noqa: PLR0913 (font, size, weight and alignment of one paragraph)
    paragraph: Paragraph, text: str, font: str, size: float, *, bold: bool = False, center: bool = False
) -> Paragraph:
    run = paragraph.add_run(printable(text))
    run.font.name = font
    run.font.size = Pt(size)
    run.font.bold = bold
    docx_writer.set_east_asian_font(run._element.get_or_add_rPr(), font)  # noqa: SLF001
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(size * 2 if center and size >= TITLE_SIZE else LINE_SPACING)
    fmt.space_before = fmt.space_after = Pt(0)
    if center:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    return paragraph
