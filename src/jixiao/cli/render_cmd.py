"""`jixiao render FILE... --to DIR [--formats xlsx,docx,pdf] [--summary]`: forms, reports and a summary.

Inputs are project files as `jixiao score` reads them (.json/.yaml) or documents, which go through the
importer (.docx .xlsx .xls .doc .pdf .txt …). Exit codes: 0 written, 2 bad input or a failed conversion.
"""

from __future__ import annotations

from pathlib import Path  # noqa: TC003  (typer reads the annotations at run time)
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from jixiao.api import Finding, Project, ScoredEvaluation

PROJECT_SUFFIXES = {".json", ".yaml", ".yml"}


def register(app: typer.Typer) -> None:
    """Add the `render` command."""
    app.command("render")(render_command)


def render_command(
    files: list[Path] = typer.Argument(..., help="项目文件（.json/.yaml）或自评材料（.docx .xlsx …）"),
    to: Path = typer.Option(..., "--to", help="输出目录"),
    formats: str = typer.Option("xlsx,docx", "--formats", help="输出格式，逗号分隔：xlsx、docx、pdf"),
    summary: bool = typer.Option(
        False,  # noqa: FBT003  (typer's default value)
        "--summary",
        help="另外生成部门汇总表（项目汇总.xlsx）",
    ),
    scheme: str | None = typer.Option(None, "--scheme", "-s", help="评分方案编号（默认按项目材料自动选择）"),
) -> None:
    """按官方格式生成自评表/计分表（xlsx、docx）、自评报告（docx）及其 PDF，可选部门汇总表。"""  # noqa: D415
    from jixiao import api  # noqa: PLC0415  (keeps start-up light)

    wanted = [part for part in formats.split(",") if part.strip()]
    projects = [project for path in files for project in _read(path)]
    all_evaluations: list[ScoredEvaluation] = []
    seen: dict[tuple[str, int | None], int] = {}
    for project in projects:
        key = (project.title, project.year.value)
        seen[key] = seen.get(key, 0) + 1
        suffix = f"-{seen[key]}" if seen[key] > 1 else ""  # same name and year: keep both
        try:
            evaluations = api.score_project(project, scheme)
            written = api.render_project(project, wanted, to, evaluations, suffix)
        except (KeyError, ValueError, RuntimeError) as error:
            _fail(f"项目「{project.title}」：{error}")
        all_evaluations.extend(evaluations)
        for path in written:
            typer.echo(str(path))
    if summary:
        findings = _findings(projects, all_evaluations)
        path = to / "项目汇总.xlsx"
        to.mkdir(parents=True, exist_ok=True)
        path.write_bytes(api.render_summary(projects, all_evaluations, findings))
        typer.echo(str(path))


def _read(path: Path) -> list[Project]:
    from jixiao import api  # noqa: PLC0415

    if path.suffix.lower() in PROJECT_SUFFIXES:
        try:
            return api.read_projects(path.read_text(encoding="utf-8"), str(path))
        except (OSError, UnicodeDecodeError, ValueError) as error:
            _fail(f"{path}：无法读取项目文件（{error}）")
    result = api.import_file(path)
    for problem in result.errors:
        typer.echo(f"错误：{problem}", err=True)
    if not result.projects:
        _fail(f"{path}：未识别到项目")
    return list(result.projects)


def _findings(projects: list[Project], evaluations: list[ScoredEvaluation]) -> list[Finding]:
    from jixiao import api  # noqa: PLC0415

    found: list[Finding] = []
    for index, project in enumerate(projects):
        own = [e for e in evaluations if e.project == project.title]
        others = projects[:index] + projects[index + 1 :]
        found += api.check_project(project, evaluations=own, batch=others)
    return found


def _fail(message: str) -> NoReturn:
    typer.echo(f"错误：{message}", err=True)
    raise typer.Exit(2)
