"""Tests for the pdfplumber reader."""

from __future__ import annotations

import io
import shutil
import subprocess
from typing import TYPE_CHECKING

import pytest
from PIL import Image, ImageDraw

if TYPE_CHECKING:
    from pathlib import Path

from jixiao.read.dispatch import read_bytes
from jixiao.read.document import Paragraph, ReadError, Table
from jixiao.read.limits import MSG_CORRUPT, Limits
from jixiao.read.pdf import MSG_SCANNED, read_pdf


@pytest.fixture(scope="module")
def form_pdf(fixtures_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """lizhou-2023-p1.docx printed to PDF by LibreOffice."""
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice not installed")
    folder = tmp_path_factory.mktemp("pdf")
    source = folder / "form.docx"
    source.write_bytes((fixtures_dir / "lizhou-2023-p1.docx").read_bytes())
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (folder / "form.pdf").read_bytes()


def scanned_pdf() -> bytes:
    """A PDF whose only page is an image (no text layer), like a scan."""
    image = Image.new("RGB", (600, 400), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((50, 50, 550, 350), outline="black", width=3)
    draw.line((50, 150, 550, 150), fill="black", width=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PDF")
    return buffer.getvalue()


@pytest.mark.slow
def test_pdf_tables_and_paragraphs_in_page_order(form_pdf: bytes) -> None:
    document = read_pdf("form.pdf", form_pdf)
    first = document.tables[0]
    assert first.text(2, 0) == "项目名称"
    assert first.text(2, 1) == "视频接访及视频会议维护经费"
    assert first.text(2, 5) == "视频接访及视频会议维护经费"  # covered by the merge
    assert first.grid[1][1] is None
    assert any("绩效自评报告" in paragraph.text for paragraph in document.paragraphs)
    assert isinstance(document.blocks[0], Table)
    kinds = [type(block) for block in document.blocks]
    assert Paragraph in kinds
    assert [t.index for t in document.tables] == list(range(1, len(document.tables) + 1))
    assert [p.index for p in document.paragraphs] == list(range(1, len(document.paragraphs) + 1))


@pytest.mark.slow
def test_pdf_goes_through_dispatch_and_page_limit_applies(form_pdf: bytes) -> None:
    assert read_bytes("form.pdf", form_pdf).tables
    with pytest.raises(ReadError) as caught:
        read_bytes("form.pdf", form_pdf, limits=Limits(max_pdf_pages=1))
    assert "页数过多" in caught.value.message


def test_scanned_pdf_needs_ocr() -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes("scan.pdf", scanned_pdf())
    assert caught.value.message == MSG_SCANNED


def test_damaged_pdf_is_a_read_error() -> None:
    with pytest.raises(ReadError) as caught:
        read_pdf("bad.pdf", b"%PDF-1.7\n" + b"garbage" * 10)
    assert caught.value.message == MSG_CORRUPT


@pytest.mark.slow
def test_truncated_pdf_is_reported_damaged(form_pdf: bytes) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes("cut.pdf", form_pdf[: len(form_pdf) // 2])
    assert caught.value.message == MSG_CORRUPT
