"""Downloads render through the core and respect the policy."""

from __future__ import annotations

import io
import shutil
from typing import TYPE_CHECKING

import pytest
from openpyxl import load_workbook

if TYPE_CHECKING:
    from conftest import World


@pytest.mark.parametrize(("kind", "magic"), [("json", b"{"), ("form-xlsx", b"PK"), ("form-docx", b"PK"),
                                             ("report-docx", b"PK")])  # fmt: skip
def test_project_downloads(world: World, kind: str, magic: bytes) -> None:
    response = world.client("dept_A1").get(f"/projects/{world.projects['a1'].pk}/export/{kind}/")
    assert response.status_code == 200
    assert response.content.startswith(magic)
    assert "attachment; filename*=UTF-8''" in response["Content-Disposition"]


def test_unknown_export_is_404(world: World) -> None:
    assert world.client("unit_a1").get(f"/projects/{world.projects['a1'].pk}/export/exe/").status_code == 404


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_report_pdf(world: World) -> None:
    response = world.client("unit_a1").get(f"/projects/{world.projects['a1'].pk}/export/report-pdf/")
    assert response.status_code == 200
    assert response.content.startswith(b"%PDF")


def test_department_summary_lists_only_its_projects(world: World) -> None:
    response = world.client("finance_a").get(f"/departments/{world.departments['A1'].pk}/summary.xlsx")
    assert response.status_code == 200
    text = " ".join(
        str(cell) for sheet in load_workbook(io.BytesIO(response.content)).worksheets
        for row in sheet.iter_rows(values_only=True) for cell in row if cell is not None
    )  # fmt: skip
    assert "项目a1" in text
    assert "项目a2" in text
    assert "项目a3" not in text
