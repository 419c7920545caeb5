"""Form rendering stays light: neither matplotlib nor the LibreOffice wrapper is imported (batch use)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = """
import sys
sys.path.insert(0, {here!r})
from render_samples import sichuan_project, ziyang_project
from jixiao.render import render_form_docx, render_form_xlsx
for project in (sichuan_project(), ziyang_project()):
    render_form_xlsx(project)
    render_form_docx(project)
print(sorted(name for name in ("matplotlib", "jixiao.render.pdf", "jixiao.render.chart") if name in sys.modules))
"""


def test_form_rendering_imports_neither_matplotlib_nor_libreoffice():
    here = str(Path(__file__).parent)
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(here=here)],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    assert result.stdout.strip() == "[]"
