"""Tests for choosing a reader by content and checking it against the extension."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

import pytest

from jixiao import api
from jixiao.read import dispatch, legacy, sheet
from jixiao.read.dispatch import DOCX, PDF, TEXT, XLSX, read_bytes, read_file, sniff
from jixiao.read.document import Document, ReadError
from jixiao.read.limits import DEFAULT_LIMITS, MSG_CORRUPT

if TYPE_CHECKING:
    from pathlib import Path


def test_docx_fixture_is_read_by_content_under_any_unknown_name(fixtures_dir: Path) -> None:
    data = (fixtures_dir / "ziyang-2022-a01.docx").read_bytes()
    assert sniff("a.docx", data, DEFAULT_LIMITS) == DOCX
    for name in ("a.docx", "upload", "a.bin", "a.wps"):
        document = read_bytes(name, data)
        assert document.file == name
        assert document.tables[0].sheet is None


def test_xlsx_fixture_is_read_as_sheets(fixtures_dir: Path) -> None:
    data = (fixtures_dir / "ziyang-2022-a01.xlsx").read_bytes()
    assert sniff("a.xlsx", data, DEFAULT_LIMITS) == XLSX
    assert read_bytes("a.et", data).tables[0].sheet == "表1"


def test_text_seed_goes_to_the_text_reader(seeds_dir: Path) -> None:
    data = (seeds_dir / "ziyang-2022-a01.txt").read_bytes()
    assert sniff("a.txt", data, DEFAULT_LIMITS) == TEXT
    document = read_bytes("ziyang-2022-a01.txt", data)
    assert document.tables or document.paragraphs


def test_gb18030_text_is_not_mistaken_for_binary() -> None:
    assert sniff("a.txt", "项目名称\t测试".encode("gb18030"), DEFAULT_LIMITS) == TEXT


def test_other_kinds_are_sniffed() -> None:
    assert sniff("a.pdf", b"%PDF-1.4\n...", DEFAULT_LIMITS) == PDF
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    with pytest.raises(ReadError):  # not a valid container
        sniff("a.doc", ole + b"\0" * 100, DEFAULT_LIMITS)


def test_zip_that_is_no_office_document_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.md", "hi")
    with pytest.raises(ReadError) as caught:
        read_bytes("a.docx", buffer.getvalue())
    assert "不是Word或Excel" in caught.value.message


def test_docx_named_pdf_is_refused(fixtures_dir: Path) -> None:
    with pytest.raises(ReadError) as caught:
        read_bytes("a.pdf", (fixtures_dir / "lizhou-2023-p1.docx").read_bytes())
    assert "扩展名为.pdf" in caught.value.message
    assert "Word" in caught.value.message


def test_read_file_and_api_wrapper(fixtures_dir: Path) -> None:
    path = fixtures_dir / "lizhou-2023-p1.docx"
    assert read_file(path).file == "lizhou-2023-p1.docx"
    assert api.read_file(path).tables[0].text(2, 0) == "项目名称"


def test_old_workbook_calamine_rejects_falls_back_to_libreoffice(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, str]] = []

    def reject(name: str, data: bytes, **_: object) -> Document:
        raise ReadError(name, MSG_CORRUPT)

    def convert(name: str, data: bytes, **options: object) -> Document:
        calls.append((name, str(options["target"])))
        return Document(file=name)

    monkeypatch.setattr(dispatch, "sniff", lambda *_: dispatch.OLE_SHEET)
    monkeypatch.setattr(sheet, "read_sheet", reject)
    monkeypatch.setattr(legacy, "read_legacy", convert)
    assert read_bytes("old.et", b"ignored").file == "old.et"
    assert calls == [("old.et", "xlsx")]
    monkeypatch.setattr(dispatch, "sniff", lambda *_: dispatch.XLSX)
    with pytest.raises(ReadError):  # a damaged .xlsx is not sent to LibreOffice
        read_bytes("new.xlsx", b"ignored")


@pytest.mark.parametrize(
    ("name", "data", "target"),
    [
        ("form.html", b"<!DOCTYPE html><html><body><table><tr><td>x</td></tr></table></body></html>", "docx"),
        ("form.xls", b"<html><body><table><tr><td>x</td></tr></table></body></html>", "xlsx"),
        ("form.doc", rb"{\rtf1\ansi hello}", "docx"),
        ("form.rtf", rb"{\rtf1\ansi hello}", "docx"),
    ],
)
def test_rtf_and_web_pages_go_to_libreoffice(
    monkeypatch: pytest.MonkeyPatch, name: str, data: bytes, target: str
) -> None:
    calls: list[str] = []

    def convert(name: str, data: bytes, **options: object) -> Document:
        calls.append(str(options["target"]))
        return Document(file=name)

    monkeypatch.setattr(legacy, "read_legacy", convert)
    read_bytes(name, data)
    assert calls == [target]
