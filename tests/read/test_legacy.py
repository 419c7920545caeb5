"""Tests for the LibreOffice-based reader of .doc/.wps files."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from jixiao import libreoffice
from jixiao.read.dispatch import MARKUP, RTF, TEXT, read_bytes, sniff
from jixiao.read.document import ReadError
from jixiao.read.legacy import MSG_CONVERTED, MSG_NO_LIBREOFFICE, read_legacy
from jixiao.read.limits import DEFAULT_LIMITS, Limits

needs_soffice = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice not installed")


@pytest.fixture(scope="module")
def doc_bytes(fixtures_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """lizhou-2023-p1.docx converted to Word 97 .doc by LibreOffice."""
    folder = tmp_path_factory.mktemp("doc")
    source = folder / "form.docx"
    source.write_bytes((fixtures_dir / "lizhou-2023-p1.docx").read_bytes())
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return (folder / "form.doc").read_bytes()


def all_cells(document) -> set[str]:
    return {cell for table in document.tables for row in table.grid for cell in row if cell}


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize("name", ["form.doc", "form.wps"])
def test_doc_and_wps_are_read_through_libreoffice(doc_bytes: bytes, name: str) -> None:
    assert doc_bytes.startswith(b"\xd0\xcf\x11\xe0")
    document = read_bytes(name, doc_bytes)
    assert document.file == name
    assert "视频接访及视频会议维护经费" in all_cells(document)
    assert any("绩效自评报告" in paragraph.text for paragraph in document.paragraphs)
    assert MSG_CONVERTED in document.warnings


def test_missing_libreoffice_gives_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(libreoffice.shutil, "which", lambda _name: None)
    with pytest.raises(ReadError) as caught:
        read_legacy("old.doc", b"\xd0\xcf\x11\xe0")
    assert caught.value.message == MSG_NO_LIBREOFFICE


def fake_soffice(tmp_path: Path, script: str, monkeypatch: pytest.MonkeyPatch) -> None:
    program = tmp_path / "soffice"
    program.write_text(f"#!/bin/sh\n{script}\n")
    program.chmod(0o755)
    monkeypatch.setattr(libreoffice.shutil, "which", lambda _name: str(program))


def test_hung_conversion_is_killed_with_its_process_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pid_file = tmp_path / "child.pid"
    fake_soffice(tmp_path, f"sleep 60 &\necho $! > {pid_file}\nwait", monkeypatch)
    with pytest.raises(ReadError) as caught:
        read_legacy("slow.doc", b"x", limits=Limits(libreoffice_timeout_seconds=1))
    assert "超时" in caught.value.message
    child = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # the grandchild is killed too (a zombie at most, until reaped)
        status = Path(f"/proc/{child}/status")
        if not status.exists() or "zombie" in status.read_text():
            break
        time.sleep(0.1)
    else:
        pytest.fail("the sleeping grandchild of the conversion survived")


def test_failed_conversion_is_a_read_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_soffice(tmp_path, "exit 1", monkeypatch)
    with pytest.raises(ReadError) as caught:
        read_legacy("broken.doc", b"x")
    assert "无法转换" in caught.value.message


HTML_FORM = (
    '<html><head><meta charset="utf-8"></head><body><p>附件1</p><table border="1">'
    '<tr><td colspan="2">项目支出绩效自评表</td></tr><tr><td>项目名称</td><td>测试项目</td></tr>'
    "</table></body></html>"
).encode()
RTF_TEXT = rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times;}}\pard \u39033?\u30446?\u21517?\u31216? Hello\par}"


def test_web_pages_and_rtf_are_sniffed() -> None:
    assert sniff("a.doc", RTF_TEXT, DEFAULT_LIMITS) == RTF
    assert sniff("a.xls", b"\xef\xbb\xbf  " + HTML_FORM, DEFAULT_LIMITS) == MARKUP
    assert sniff("a.doc", b"MIME-Version: 1.0\r\nContent-Type: multipart/related", DEFAULT_LIMITS) == MARKUP
    assert sniff("a.txt", "项目名称\t<b>".encode(), DEFAULT_LIMITS) == TEXT


def test_web_page_named_txt_is_read_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(libreoffice.shutil, "which", lambda _name: None)  # LibreOffice must not be needed
    assert read_bytes("page.txt", HTML_FORM).file == "page.txt"


@pytest.mark.slow
@needs_soffice
@pytest.mark.parametrize(("name", "sheet"), [("form.xls", "Sheet1"), ("form.doc", None)])
def test_web_page_saved_as_xls_or_doc_is_converted(name: str, sheet: str | None) -> None:
    document = read_bytes(name, HTML_FORM)
    table = next(t for t in document.tables if any("项目名称" in row for row in t.grid))
    cells = all_cells(document)
    assert {"项目名称", "测试项目", "项目支出绩效自评表"} <= cells
    assert any(merge.last_col > merge.first_col for t in document.tables for merge in t.merges)
    assert (table.sheet is not None) == (sheet is not None)


@pytest.mark.slow
@needs_soffice
def test_rtf_saved_as_doc_is_converted() -> None:
    document = read_bytes("old.doc", RTF_TEXT)
    assert any("项目名称" in paragraph.text for paragraph in document.paragraphs)
