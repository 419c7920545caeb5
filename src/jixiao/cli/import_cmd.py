"""`jixiao import FILE... [--format json|table] [--out DIR]`: documents into project JSON files.

Each project is written as `Project.model_dump(mode="json", exclude_defaults=True)`, the schema
`jixiao score` reads. Unreadable files are named on stderr and make the exit code 2; the other files are
still imported.
"""

from __future__ import annotations

import json
import re
import sys
from enum import StrEnum
from pathlib import Path  # noqa: TC003  (typer reads the annotations at run time)
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from jixiao.api import Finding, Project

SLUG_LENGTH = 60
_UNSAFE = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff\u3400-\u4dbf（）()_-]+")


class OutputFormat(StrEnum):
    """How results are printed."""

    json = "json"
    table = "table"


def register(app: typer.Typer) -> None:
    """Add the `import` command."""
    app.command("import")(import_command)


def import_command(
    files: list[Path] = typer.Argument(..., help="要导入的文件（.docx .xlsx .xls .et .doc .wps .pdf .txt）"),
    output_format: OutputFormat = typer.Option(OutputFormat.json, "--format", help="输出格式：json 或 table"),
    out: Path | None = typer.Option(None, "--out", help="输出目录：每个项目写一个 JSON 文件"),
) -> None:
    """导入自评表、计分表、绩效目标完成情况表和自评报告，输出项目 JSON。"""  # noqa: D415
    from jixiao.api import import_file  # noqa: PLC0415  (keeps start-up light)

    projects: list[Project] = []
    findings: list[Finding] = []
    failed = False
    for file in files:
        result = import_file(file)
        for error in result.errors:
            typer.echo(f"错误：{error}", err=True)
            failed = True
        projects.extend(result.projects)
        findings.extend(result.findings)
    for finding in findings:
        where = " ".join(location.describe() for location in finding.locations[:1])
        typer.echo(f"{where} {finding.rule} {finding.severity.label} {finding.message}".strip(), err=True)
    if out is not None:
        for path in write_projects(projects, out):
            typer.echo(str(path))
    elif output_format is OutputFormat.table:
        _print_table(projects)
    else:
        payload = [project_json(project) for project in projects]
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
    if failed:
        raise typer.Exit(code=2)


def project_json(project: Project) -> dict[str, Any]:
    """Return the JSON form `jixiao score` reads."""
    return project.model_dump(mode="json", exclude_defaults=True)


def write_projects(projects: list[Project], out: Path) -> list[Path]:
    """Write one JSON file per project into `out`; names come from the project name, made unique."""
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    used: set[str] = set()
    for project in projects:
        stem = slug(project.title)
        candidate, number = stem, 2
        while candidate in used:  # unique within one run; a rerun overwrites its own files
            candidate, number = f"{stem}-{number}", number + 1
        used.add(candidate)
        path = out / f"{candidate}.json"
        text = json.dumps(project_json(project), ensure_ascii=False, indent=2, sort_keys=True)
        path.write_text(text + "\n", encoding="utf-8")
        written.append(path)
    return written


def slug(name: str) -> str:
    """Make a file name from a project name: Chinese kept, other unsafe characters become "-"."""
    cleaned = _UNSAFE.sub("-", name).strip("-.")
    return cleaned[:SLUG_LENGTH] or "project"


def _print_table(projects: list[Project]) -> None:
    typer.echo("项目名称\t预算单位\t文件\t内容")
    for project in projects:
        kinds = [
            label
            for label, present in (
                ("自评表", project.self_eval_form),
                ("计分表", project.score_sheet),
                ("完成情况表", project.goal_table),
                ("自评报告", project.report),
            )
            if present is not None
        ]
        unit = project.unit.value or ""
        typer.echo(f"{project.title}\t{unit}\t{','.join(project.source_files)}\t{'、'.join(kinds)}")
