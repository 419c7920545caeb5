"""The compiled .docx body scanner and the pure-Python fallback read every document identically.

`jixiao.read._docx_scan` (Cython over libxml2's nodes) replaces `jixiao.read._docx_scan_py` wherever it
could be built; the fallback must stay a drop-in. Both read each real fixture, documents our renderer
writes, the edge cases below, and random WordprocessingML bodies; the Documents (or errors) must be
equal. test_docx.py and the .docx safety tests also run under each scanner (the `docx_scanner` fixture).
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jixiao.api import render_form_docx, render_report_docx
from jixiao.read import docx
from jixiao.read.document import Document, ReadError
from jixiao.recognize import import_file

SHARED = Path(__file__).resolve().parents[3] / "shared"
REAL = sorted((SHARED / "fixtures").glob("*.docx")) + sorted((SHARED / "seeds").glob("*.docx"))
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NAMESPACES = (
    f'xmlns:w="{W_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:x="urn:other"'
)


def read_with(scanner: str, name: str, data: bytes) -> Document | str:
    """`read_docx` with the named scanner: the Document, or the error message."""
    with mock.patch.object(docx, "_scan", docx.SCANNERS[scanner]):
        try:
            return docx.read_docx(name, data)
        except ReadError as error:
            return f"ReadError: {error}"


def assert_same(name: str, data: bytes) -> Document | str:
    compiled, python = read_with("compiled", name, data), read_with("python", name, data)
    assert compiled == python, name
    return compiled


def make_docx(body: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "word/document.xml", f"<w:document {NAMESPACES}><w:body>{body}</w:body></w:document>"
        )
    return buffer.getvalue()


compiled_only = pytest.mark.skipif("compiled" not in docx.SCANNERS, reason="the C scanner is not built")


def test_the_compiled_scanner_is_active_in_this_install() -> None:
    if os.environ.get("JIXIAO_NO_EXTENSIONS"):
        pytest.skip("installed with JIXIAO_NO_EXTENSIONS: the pure-Python scanner on purpose")
    assert docx.SCANNER == "compiled"
    assert docx._scan is docx.SCANNERS["compiled"]


@compiled_only
@pytest.mark.parametrize("path", REAL, ids=[path.name for path in REAL])
def test_real_documents_read_identically(path: Path) -> None:
    document = assert_same(path.name, path.read_bytes())
    assert isinstance(document, Document)
    assert document.tables


@compiled_only
def test_rendered_forms_and_reports_read_identically() -> None:
    for path in REAL[:3]:
        for project in import_file(path).projects:
            form = assert_same("form.docx", render_form_docx(project))
            report = assert_same("report.docx", render_report_docx(project, []))
            assert isinstance(form, Document)
            assert isinstance(report, Document)


def p(inner: str = "", style: str | None = None) -> str:
    properties = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style is not None else ""
    return f"<w:p>{properties}{inner}</w:p>"


def r(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


def box(content: str) -> str:
    return f"<w:r><w:txbxContent>{content}</w:txbxContent></w:r>"


def tc(content: str = "", properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr>{content}</w:tc>"


def tr(*cells: str, properties: str = "") -> str:
    return f"<w:tr><w:trPr>{properties}</w:trPr>{''.join(cells)}</w:tr>"


def tbl(*rows: str, grid: str = "") -> str:
    return f"<w:tbl>{grid}{''.join(rows)}</w:tbl>"


def merged(span: str, merge: str) -> str:
    properties = f'<w:gridSpan w:val="{span}"/><w:vMerge w:val="{merge}"/>'
    return tr(tc(p(r(span)), properties), tc(p(), "<w:vMerge/>"))


SPANS = [
    "2",
    "2",
    "0",
    "-3",
    " 3 ",
    "1_0",
    "٣",
    "0x2",
    "",
    "99999999999999999999",
]  # what int() takes, or not
MERGES = [
    "restart",
    "continue",
    "",
    "other",
    "restart",
    "continue",
    "restart",
    "continue",
    "continue",
    "restart",
]
SDT = "<w:sdt><w:sdtPr>{}</w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>"
CHANGES = (
    "<w:pPr><w:rPr><w:del/></w:rPr></w:pPr><w:ins>{}</w:ins><w:del><w:r><w:delText>旧</w:delText></w:r></w:del>"
    "<w:moveFrom>{}</w:moveFrom><w:moveTo>{}</w:moveTo>"
)
ALTERNATE = "<w:r><mc:AlternateContent><mc:Choice>{}</mc:Choice><mc:Fallback>{}</mc:Fallback></mc:AlternateContent></w:r>"

EDGE_CASES = {
    "empty body": "",
    "only empty paragraphs": p() * 3,
    "text outside any block": SDT.format(r("控件属性"), p(r("a"))) + f"<x:wrap>{r('外')}</x:wrap>",
    "sdt without content, custom xml": "<w:sdt/>"
    f"<w:customXml>{p(r('c'))}<w:customXml>{p(r('d'))}</w:customXml></w:customXml>",
    "styles: empty, text box, late pPr": p(r("a"), style="")
    + p(box(p(r("in box"), style="Box")))
    + p(f"<x:box>{p(r('in'), style='Inner')}</x:box><w:pPr><w:pStyle w:val='Late'/></w:pPr>{r('t')}"),
    "whitespace-only paragraphs": p(r(" "))
    + p(r("\u3000"))
    + p("<w:r><w:br/><w:tab/></w:r>")
    + p(r("\xa0x")),
    "cdata, entities, comments and PIs in w:t": p(
        "<w:r><w:t>a<![CDATA[<b>]]>&amp;c<!--n-->d</w:t><w:t><?pi x?>e</w:t><w:t/></w:r>"
    ),
    "symbols": p(
        '<w:r><w:sym w:char="F0FC"/><w:sym w:char="f0fe"/><w:sym w:char="0041"/><w:sym/>'
        '<w:sym w:char=""/><w:sym x:char="F0FC"/></w:r>'
    ),
    "tabs: stops, text, a tab in another namespace's tabs": p(
        '<w:pPr><w:tabs><w:tab w:val="left"/></w:tabs></w:pPr><w:r><w:tab/><x:tabs><w:tab/></x:tabs></w:r>'
        + r("t")
    ),
    "spans and merges of every value": tbl(
        *map(merged, SPANS, MERGES), grid="<w:tblGrid><w:gridCol/><x:gridCol/><w:gridCol/></w:tblGrid>"
    ),
    "grid before and after, ragged rows": tbl(
        tr(tc(p(r("x"))), properties='<w:gridBefore w:val="2"/><w:gridAfter w:val="1"/>'),
        tr(tc(), tc(), properties='<w:gridBefore w:val="bad"/>'),
    ),
    "a cell before any row, a row without cells": tbl(tc(p(r("lost"))), "<w:tr/>", tr(tc())),
    "a merged cell before any row": tbl(
        tc(properties='<w:vMerge w:val="restart"/><w:gridSpan w:val="3"/>'), tr(tc(properties="<w:vMerge/>"))
    ),
    "cell paragraphs, breaks at the end": tbl(tr(tc(p(r("一")) + p("<w:r><w:br/></w:r>") + p()))),
    "pStyle and a text box's table in a cell": tbl(
        tr(tc(p(r("a"), style="InCell") + p(box(tbl(tr(tc(p(r("b")))))))))
    ),
    "a table inside a body paragraph": p(box(tbl(tr(tc(p(r("tb"))))))),
    "a table in an unknown wrapper": f"<x:wrap>{tbl(tr(tc(p(r('w')))))}</x:wrap>{p(r('after'))}",
    "nested tables two deep, twice": tbl(
        tr(tc(tbl(tr(tc(tbl(tr(tc(p(r("3"))))) + p(r("2")))))), tc(tbl(tr(tc(p(r("2b")))))))
    )
    + p(r("end")),
    "tracked changes everywhere": p(CHANGES.format(r("新"), r("从"), r("到")))
    + tbl(tr(tc(p(r("gone"))), properties="<w:del/>"), tr(tc(p(r("kept"))), properties="<w:ins/>")),
    "drawing fallback": p(ALTERNATE.format(r("选"), r("备"))),
    "w:t outside the w namespace, w:t under a foreign element": p("<x:r><x:t>no</x:t><w:t>yes</w:t></x:r>"),
}


@compiled_only
@pytest.mark.parametrize("body", EDGE_CASES.values(), ids=EDGE_CASES.keys())
def test_edge_cases_read_identically(body: str) -> None:
    assert_same("edge.docx", make_docx(body))


def test_unknown_and_stray_content_is_equal_and_not_an_error() -> None:
    document = read_with("python", "edge.docx", make_docx(EDGE_CASES["text outside any block"]))
    assert isinstance(document, Document)
    assert [paragraph.text for paragraph in document.paragraphs] == ["a外"]


# --- random bodies ----------------------------------------------------------------------------------

TEXTS = st.sampled_from(["", "a", " ", "预算", "\u3000", "90%", "&amp;&lt;", "<![CDATA[x]]>", "a\nb"])
VALUES = st.sampled_from(["", "1", "2", "3", "0", "-1", "x", " 2", "300", "restart", "continue", "F0FC"])


def attribute(name: str) -> st.SearchStrategy[str]:
    return st.one_of(st.just(""), VALUES.map(lambda value: f' w:{name}="{value}"'))


RUNS = st.one_of(
    TEXTS.map(r),
    st.sampled_from(
        [
            "<w:r><w:tab/></w:r>",
            "<w:r><w:br/></w:r>",
            "<w:r><w:cr/></w:r>",
            "<w:r><w:t>x</w:t><w:t>y</w:t></w:r>",
            "<!-- comment -->",
            "<?pi data?>",
            "<x:r><w:t>other</w:t></x:r>",
            "<w:ins><w:r><w:t>ins</w:t></w:r></w:ins>",
            "<w:del><w:r><w:delText>del</w:delText></w:r></w:del>",
            "<w:moveFrom><w:r><w:t>from</w:t></w:r></w:moveFrom>",
            "<w:moveTo><w:r><w:t>to</w:t></w:r></w:moveTo>",
            "<w:r><w:rPr><w:del/></w:rPr><w:t>mark</w:t></w:r>",
            ALTERNATE.format(r("c"), r("f")),
            '<w:pPr><w:tabs><w:tab w:val="left"/></w:tabs></w:pPr>',
        ]
    ),
    attribute("char").map(lambda value: f"<w:r><w:sym{value}/></w:r>"),
)


@st.composite
def paragraphs(draw: st.DrawFn, depth: int) -> str:
    style = draw(st.one_of(st.none(), attribute("val")))
    properties = "" if style is None else f"<w:pPr><w:pStyle{style}/></w:pPr>"
    parts = draw(st.lists(RUNS, max_size=4))
    if depth and draw(st.integers(0, 5)) == 0:  # a text box with its own paragraphs (or a table)
        box = draw(st.one_of(paragraphs(depth - 1), tables(depth - 1)))
        parts.insert(draw(st.integers(0, len(parts))), f"<w:r><w:txbxContent>{box}</w:txbxContent></w:r>")
    return f"<w:p>{properties}{''.join(parts)}</w:p>"


@st.composite
def tables(draw: st.DrawFn, depth: int) -> str:
    columns = draw(st.integers(0, 4))
    grid = draw(st.sampled_from(["", f"<w:tblGrid>{'<w:gridCol/>' * columns}</w:tblGrid>"]))
    rows = []
    for _ in range(draw(st.integers(0, 4))):
        row_properties = draw(
            st.sampled_from(["", "<w:trPr><w:del/></w:trPr>"])
            | attribute("val").map(
                lambda value: f"<w:trPr><w:gridBefore{value}/><w:gridAfter{value}/></w:trPr>"
            )
        )
        cells = []
        for _ in range(draw(st.integers(0, 4))):
            span = draw(st.one_of(st.just(""), attribute("val").map(lambda value: f"<w:gridSpan{value}/>")))
            merge = draw(st.one_of(st.just(""), attribute("val").map(lambda value: f"<w:vMerge{value}/>")))
            content = draw(st.lists(paragraphs(depth), max_size=3))
            if depth and draw(st.integers(0, 4)) == 0:
                content.insert(draw(st.integers(0, len(content))), draw(tables(depth - 1)))
            cell = f"<w:tc><w:tcPr>{span}{merge}</w:tcPr>{''.join(content)}</w:tc>"
            cells.append(wrap(draw, cell))
        rows.append(wrap(draw, f"<w:tr>{row_properties}{''.join(cells)}</w:tr>"))
    return f"<w:tbl>{grid}{''.join(rows)}</w:tbl>"


def wrap(draw: st.DrawFn, content: str) -> str:
    """Sometimes wrap `content` in a content control or custom XML."""
    return draw(
        st.sampled_from(
            [
                content,
                content,
                f"<w:sdt><w:sdtPr/><w:sdtContent>{content}</w:sdtContent></w:sdt>",
                f"<w:customXml>{content}</w:customXml>",
            ]
        )
    )


@st.composite
def bodies(draw: st.DrawFn) -> str:
    blocks = draw(st.lists(st.one_of(paragraphs(2), tables(2)), max_size=6))
    return "".join(wrap(draw, block) for block in blocks) + draw(st.sampled_from(["", "<w:sectPr/>"]))


@compiled_only
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bodies())
def test_random_bodies_read_identically(body: str) -> None:
    assert_same("random.docx", make_docx(body))
