"""A Sichuan 自评表 .docx laid out differently must give the same project data as the fixture.

Variations seen in real files: the 一级指标 column merged vertically (one 产出指标 cell over five rows),
a grid column split in two (a cell in another row whose border does not line up; LibreOffice keeps it
as a grid column covered by spans) and an extra blank column at the right edge. Then the whole file
goes through LibreOffice (.docx → .doc → .docx), which rebuilds the grid.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import zipfile
from typing import TYPE_CHECKING, Any

import pytest
from lxml import etree

from jixiao.recognize import import_bytes

if TYPE_CHECKING:
    from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FIXTURES = ["lizhou-2023-p1.docx", "lizhou-2023-p5.docx"]


def _q(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _text(element: Any) -> str:
    return "".join(element.itertext()).strip()


def _span(cell: Any) -> int:
    span = cell.find(f"{_q('tcPr')}/{_q('gridSpan')}")
    return int(span.get(_q("val"))) if span is not None else 1


def _grid_cells(row: Any) -> list[tuple[int, Any]]:
    """(first grid column, w:tc) for each cell of a row."""
    before = row.find(f"{_q('trPr')}/{_q('gridBefore')}")
    col = int(before.get(_q("val"))) if before is not None else 0
    out = []
    for cell in row.findall(_q("tc")):
        out.append((col, cell))
        col += _span(cell)
    return out


def _tc_pr(cell: Any) -> Any:
    pr = cell.find(_q("tcPr"))
    if pr is None:
        pr = etree.SubElement(cell, _q("tcPr"))
        cell.insert(0, pr)
    return pr


def _merge_level1(rows: list[Any], header: int, col: int) -> None:
    """Merge the 一级指标 cells of equal text vertically, as Word does (first restart, then continue)."""
    run_text = None
    for row in rows[header + 1 :]:
        if "合计" in _text(row):
            break
        cell = next(c for start, c in _grid_cells(row) if start == col)
        text = _text(cell)
        merge = etree.SubElement(_tc_pr(cell), _q("vMerge"))
        if text and text == run_text:
            merge.attrib.pop(_q("val"), None)
            for paragraph in cell.findall(_q("p")):
                cell.remove(paragraph)
            etree.SubElement(cell, _q("p"))
        else:
            merge.set(_q("val"), "restart")
            run_text = text


def _split_column(table: Any, rows: list[Any], col: int) -> None:
    """Split grid column `col` in two: every cell over it spans one more column."""
    grid = table.find(_q("tblGrid"))
    grid_cols = grid.findall(_q("gridCol"))
    width = int(grid_cols[col].get(_q("w")))
    grid_cols[col].set(_q("w"), str(width // 2))
    extra = etree.Element(_q("gridCol"))
    extra.set(_q("w"), str(width - width // 2))
    grid_cols[col].addnext(extra)
    for row in rows:
        for start, cell in _grid_cells(row):
            width = _span(cell)
            if start <= col < start + width:
                pr = _tc_pr(cell)
                span = pr.find(_q("gridSpan"))
                if span is None:
                    span = etree.SubElement(pr, _q("gridSpan"))
                span.set(_q("val"), str(width + 1))


def _blank_column(table: Any, rows: list[Any]) -> None:
    """Add an empty column at the right edge."""
    extra = etree.SubElement(table.find(_q("tblGrid")), _q("gridCol"))
    extra.set(_q("w"), "300")
    for row in rows:
        cell = etree.SubElement(row, _q("tc"))
        etree.SubElement(cell, _q("p"))


def vary(docx: bytes) -> bytes:
    """Return the .docx with its 自评表 varied (see the module docstring)."""
    source = zipfile.ZipFile(io.BytesIO(docx))
    root = etree.fromstring(source.read("word/document.xml"))
    table = next(t for t in root.iter(_q("tbl")) if "绩效指标" in _text(t))
    rows = table.findall(_q("tr"))
    header = next(n for n, row in enumerate(rows) if any(_text(c) == "一级指标" for c in row.iter(_q("tc"))))
    cells = {_text(cell): start for start, cell in _grid_cells(rows[header])}
    _merge_level1(rows, header, cells["一级指标"])
    _split_column(table, rows, cells["指标值"])
    _blank_column(table, rows)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(item, data)
    return out.getvalue()


def project_data(name: str, data: bytes) -> list[dict[str, Any]]:
    """The imported projects without locations, raw text and file names."""
    result = import_bytes(name, data)
    assert result.errors == ()
    return [_strip(p.model_dump(mode="json", exclude={"source_files"})) for p in result.projects]


def _strip(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k not in {"location", "raw"}}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


@pytest.mark.parametrize("fixture", FIXTURES)
def test_merged_level1_split_and_blank_columns(fixtures_dir: Path, fixture: str) -> None:
    original = (fixtures_dir / fixture).read_bytes()
    varied = vary(original)
    assert varied != original
    expected = project_data(fixture, original)
    assert expected[0]["self_eval_form"]["indicators"]
    assert project_data(fixture, varied) == expected


def _soffice(source: Path, fmt: str, out: Path, profile: Path) -> Path:
    subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            fmt,
            "--outdir",
            str(out),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    return out / f"{source.stem}.{fmt}"


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
@pytest.mark.parametrize("fixture", FIXTURES)
def test_libreoffice_doc_round_trip(fixtures_dir: Path, tmp_path: Path, fixture: str) -> None:
    """.docx (varied) → .doc → .docx through LibreOffice: the same project data, and from the .doc too."""
    original = (fixtures_dir / fixture).read_bytes()
    varied = tmp_path / "varied.docx"
    varied.write_bytes(vary(original))
    profile = tmp_path / "profile"
    doc = _soffice(varied, "doc", tmp_path / "doc", profile)
    back = _soffice(doc, "docx", tmp_path / "back", profile)
    expected = project_data(fixture, original)
    assert project_data(fixture, back.read_bytes()) == expected
    assert project_data(fixture.replace(".docx", ".doc"), doc.read_bytes()) == expected
