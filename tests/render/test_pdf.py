"""PDF through LibreOffice: pages are not blank, the text layer holds the project name, Noto CJK embedded."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image, ImageStat

from jixiao.render import render_form_docx
from jixiao.render.pdf import FONTS_CONF, PdfConversionError, conversion_env, convert_many, convert_to_pdf
from jixiao.render.report import render_report_docx

pytestmark = pytest.mark.slow
NEEDED = ("soffice", "pdftoppm", "pdftotext", "pdffonts")


@pytest.fixture(scope="module")
def pdfs(sichuan, ziyang, tmp_path_factory) -> dict[str, Path]:
    missing = [tool for tool in NEEDED if shutil.which(tool) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (scripts/setup-system.sh)")
    documents = {
        "sichuan-form": render_form_docx(*sichuan),
        "sichuan-report": render_report_docx(sichuan[0], [sichuan[1]]),
        "ziyang-form": render_form_docx(*ziyang),
        "ziyang-report": render_report_docx(ziyang[0], [ziyang[1]]),
    }
    folder = tmp_path_factory.mktemp("pdf")
    paths = {}
    for name, pdf in zip(documents, convert_many(list(documents.values())), strict=True):
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(pdf)
    return paths


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=60).stdout


@pytest.mark.parametrize("name", ["sichuan-form", "sichuan-report", "ziyang-form", "ziyang-report"])
def test_pages_are_not_blank(pdfs, name):
    pdf = pdfs[name]
    _run("pdftoppm", "-r", "40", "-png", str(pdf), str(pdf.with_suffix("")))
    pages = sorted(pdf.parent.glob(f"{name}-*.png"))
    assert pages
    for page in pages:
        grey = Image.open(page).convert("L")
        dark = sum(grey.histogram()[:128]) / (grey.width * grey.height)
        assert dark > 0.003, f"{page.name} is almost blank"
        assert ImageStat.Stat(grey).stddev[0] > 10


@pytest.mark.parametrize(
    ("name", "project"),
    [("sichuan-form", "高素质农民培育补助资金"), ("sichuan-report", "高素质农民培育补助资金"),
     ("ziyang-form", "社区养老服务站运营补贴"), ("ziyang-report", "社区养老服务站运营补贴")],
)  # fmt: skip
def test_text_layer_holds_the_project_name(pdfs, name, project):
    text = _run("pdftotext", "-layout", str(pdfs[name]), "-").replace(" ", "")
    assert project in text


def test_noto_cjk_fonts_are_embedded(pdfs):
    for pdf in pdfs.values():
        lines = _run("pdffonts", str(pdf)).splitlines()[2:]
        noto = [line for line in lines if "Noto" in line and "CJK" in line]
        assert noto, lines
        assert all(line.split()[-5] == "yes" for line in noto)  # the emb column


def test_fonts_conf_includes_system_config_and_maps_official_fonts():
    text = FONTS_CONF.read_text("utf-8")
    assert "/etc/fonts/fonts.conf" in text
    env = conversion_env(Path("/tmp"))
    if shutil.which("fc-match") is None:
        pytest.skip("fc-match not installed")
    for family, expected in (("仿宋_GB2312", "Noto Serif CJK SC"), ("方正小标宋简体", "Noto Serif CJK SC"),
                             ("黑体", "Noto Sans CJK SC"), ("宋体", "Noto Serif CJK SC")):  # fmt: skip
        out = subprocess.run(["fc-match", family], env=env, capture_output=True, text=True, check=True).stdout
        assert expected in out


def test_a_broken_document_raises_a_conversion_error():
    if shutil.which("soffice") is None:
        pytest.skip("soffice not installed")
    with pytest.raises(PdfConversionError):
        convert_to_pdf(b"not a docx at all", timeout=60)
