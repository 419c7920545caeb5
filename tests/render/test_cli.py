"""`jixiao render`: project files in, forms and reports out, optional summary workbook."""

from __future__ import annotations

from typer.testing import CliRunner

from jixiao.cli import app


def test_render_writes_forms_reports_and_summary(examples_dir, tmp_path):
    inputs = [str(examples_dir / "sichuan-river-patrol.json"), str(examples_dir / "ziyang-care-center.json")]
    result = CliRunner().invoke(
        app, ["render", *inputs, "--to", str(tmp_path), "--formats", "xlsx,docx", "--summary"]
    )
    assert result.exit_code == 0, result.output
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == [
        "2023-康复护理中心公共服务区运行维护经费-自评报告.docx",
        "2023-康复护理中心公共服务区运行维护经费-计分表.docx",
        "2023-康复护理中心公共服务区运行维护经费-计分表.xlsx",
        "2024-河道巡查保洁及水质监测经费-自评报告.docx",
        "2024-河道巡查保洁及水质监测经费-自评表.docx",
        "2024-河道巡查保洁及水质监测经费-自评表.xlsx",
        "项目汇总.xlsx",
    ]


def test_render_accepts_documents_through_the_importer(sichuan, tmp_path):
    from jixiao.render import render_form_docx  # noqa: PLC0415

    source = tmp_path / "in" / "form.docx"
    source.parent.mkdir()
    source.write_bytes(render_form_docx(*sichuan))
    result = CliRunner().invoke(
        app, ["render", str(source), "--to", str(tmp_path / "out"), "--formats", "xlsx"]
    )
    assert result.exit_code == 0, result.output
    assert [path.name for path in (tmp_path / "out").iterdir()] == ["2024-高素质农民培育补助资金-自评表.xlsx"]


def test_render_rejects_unknown_formats(examples_dir, tmp_path):
    result = CliRunner().invoke(
        app,
        [
            "render",
            str(examples_dir / "sichuan-river-patrol.json"),
            "--to",
            str(tmp_path),
            "--formats",
            "png",
        ],
    )
    assert result.exit_code == 2
    assert "不支持的输出格式" in result.output


def test_render_keeps_two_projects_of_the_same_name_apart(examples_dir, tmp_path):
    example = str(examples_dir / "sichuan-river-patrol.json")
    result = CliRunner().invoke(app, ["render", example, example, "--to", str(tmp_path), "--formats", "xlsx"])
    assert result.exit_code == 0, result.output
    assert sorted(path.name for path in tmp_path.iterdir()) == [
        "2024-河道巡查保洁及水质监测经费-2-自评表.xlsx",
        "2024-河道巡查保洁及水质监测经费-自评表.xlsx",
    ]
