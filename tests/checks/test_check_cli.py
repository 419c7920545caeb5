"""`jixiao check` / `rules` / `rule` and the four output formats."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from test_check_runner import clean_project

from jixiao.checks.output import render_findings, render_text
from jixiao.cli import app
from jixiao.model import Finding, Location, Severity

if TYPE_CHECKING:
    from jixiao.model import Project

runner = CliRunner()
FIXTURES = Path(__file__).resolve().parents[3] / "shared" / "fixtures"

G12 = Finding(
    rule="G12",
    severity=Severity.error,
    project="短信平台",
    message="合计行得分为90分，各项得分之和为100分",
    name="total-mismatch",
    values={"stated": "90", "computed": "100"},
    locations=(
        Location(file="lizhou-2023-p2.docx", table=1, row=23, col=3, label="合计", quote="合计 | 90 | 90"),
    ),
)
G05 = Finding(rule="G05", severity=Severity.warning, project="短信平台", message="一级指标权重…")
OTHER = Finding(rule="G30", severity=Severity.info, project="另一项目", message="全部满分")


def _write(tmp_path: Path, project: Project, name: str = "project.json") -> Path:
    path = tmp_path / name
    path.write_text(project.model_dump_json(), encoding="utf-8")
    return path


def _broken_total(project: Project) -> Project:
    form = project.self_eval_form
    assert form is not None
    bad = form.model_copy(
        update={"total_score": form.total_score.model_copy(update={"value": Decimal(90), "raw": "90"})}
    )
    return project.model_copy(update={"self_eval_form": bad})


def test_text_is_editor_style_grouped_by_project_errors_first() -> None:
    text = render_text([G05, OTHER, G12])
    lines = text.splitlines()
    assert lines[0].startswith("== 短信平台")
    assert (
        lines[1]
        == "lizhou-2023-p2.docx 表1 第23行 第3列「合计」 G12 错误 合计行得分为90分，各项得分之和为100分"
    )
    assert lines[2] == "    > 合计 | 90 | 90"
    assert lines[3].startswith("（无位置） G05 警告")
    assert any(line.startswith("== 另一项目") for line in lines)


def test_json_carries_rule_severity_project_message_locations() -> None:
    data = json.loads(render_findings([G12], "json"))
    assert data[0]["rule"] == "G12"
    assert data[0]["severity"] == "error"
    assert data[0]["project"] == "短信平台"
    assert data[0]["locations"][0] == {
        "file": "lizhou-2023-p2.docx",
        "table": 1,
        "row": 23,
        "col": 3,
        "label": "合计",
        "quote": "合计 | 90 | 90",
    }


def test_html_is_a_standalone_chinese_page_with_a_notes_column() -> None:
    page = render_findings([G12, OTHER], "html").decode("utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert 'lang="zh-CN"' in page
    assert "复核意见" in page
    assert 'contenteditable="true"' in page
    assert "表1 第23行 第3列「合计」" in page


def test_html_escapes_document_text() -> None:
    hostile = Finding(rule="G24", severity=Severity.warning, project="<script>x</script>", message="<b>")
    page = render_findings([hostile], "html").decode("utf-8")
    assert "<script>x</script>" not in page


def test_xlsx_has_location_columns_an_empty_notes_column_a_filter_and_a_frozen_header(tmp_path: Path) -> None:
    path = tmp_path / "findings.xlsx"
    path.write_bytes(render_findings([G12, G05], "xlsx"))
    sheet = load_workbook(path).active
    header = [cell.value for cell in sheet[1]]
    assert header[-1] == "复核意见"
    assert {"文件", "表格", "行", "列", "段落", "原文"} <= set(header)
    row = {name: cell.value for name, cell in zip(header, sheet[2], strict=True)}
    assert (row["规则"], row["级别"], row["表格"], row["行"], row["列"]) == ("G12", "错误", 1, 23, 3)
    assert row["复核意见"] is None
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref


def test_check_clean_json_exits_0(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(_write(tmp_path, clean_project()))])
    assert result.exit_code == 0, result.output


def test_check_json_with_an_error_exits_1_and_lists_it(tmp_path: Path) -> None:
    path = _write(tmp_path, _broken_total(clean_project()))
    result = runner.invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 1
    findings = json.loads(result.stdout)
    assert {"rule": "G12", "severity": "error"}.items() <= findings[0].items()


def test_check_can_run_some_rules_and_hide_infos(tmp_path: Path) -> None:
    path = _write(tmp_path, _broken_total(clean_project()))
    result = runner.invoke(
        app, ["check", str(path), "--format", "json", "--rules", "g12,G30", "-s", "warning"]
    )
    assert result.exit_code == 1
    assert {f["rule"] for f in json.loads(result.stdout)} == {"G12"}
    assert runner.invoke(app, ["check", str(path), "--rules", "G99"]).exit_code == 2


def test_check_unreadable_input_exits_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    assert runner.invoke(app, ["check", str(bad)]).exit_code == 2
    assert runner.invoke(app, ["check", str(tmp_path / "missing.docx")]).exit_code == 2


def test_check_xlsx_needs_out_and_writes_it(tmp_path: Path) -> None:
    path = _write(tmp_path, clean_project())
    assert runner.invoke(app, ["check", str(path), "--format", "xlsx"]).exit_code == 2
    out = tmp_path / "out.xlsx"
    result = runner.invoke(app, ["check", str(path), "--format", "xlsx", "--out", str(out)])
    assert result.exit_code == 0
    assert load_workbook(out).active.cell(row=1, column=1).value == "项目"


@pytest.mark.skipif(not FIXTURES.is_dir(), reason="../shared fixtures not present")
def test_check_a_document_through_the_importer() -> None:
    result = runner.invoke(app, ["check", str(FIXTURES / "lizhou-2023-p2.docx"), "--format", "json"])
    assert result.exit_code == 1
    found = {(f["rule"], f["locations"][0].get("row")) for f in json.loads(result.stdout) if f["locations"]}
    assert ("G12", 23) in found


def test_rule_prints_the_rule_docs_and_rules_lists_them() -> None:
    shown = runner.invoke(app, ["rule", "g14"])
    assert shown.exit_code == 0
    assert shown.stdout.startswith("G14 grade-mismatch")
    assert "示例：" in shown.stdout
    assert runner.invoke(app, ["rule", "X99"]).exit_code == 2
    listed = runner.invoke(app, ["rules"])
    assert listed.exit_code == 0
    assert "G01" in listed.stdout
    assert "I06" in listed.stdout
