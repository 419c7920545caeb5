"""`jixiao check`, `jixiao rules`, `jixiao rule`: review projects against the rule catalogue.

Exit codes of `check`: 0 no error-level finding, 1 errors were found, 2 an input could not be read.
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path  # noqa: TC003 - typer reads the annotation at run time

import typer

from jixiao import api

JSON_SUFFIXES = {".json", ".yaml", ".yml"}


class CheckFormat(StrEnum):
    """Output formats of `jixiao check`."""

    text = "text"
    json = "json"
    html = "html"
    xlsx = "xlsx"


class ShownSeverity(StrEnum):
    """The least severe level `jixiao check` lists."""

    error = "error"
    warning = "warning"
    info = "info"


def register(app: typer.Typer) -> None:
    """Add `check`, `rules` and `rule` to the app."""
    app.command("check")(check)
    app.command("rules")(list_rules)
    app.command("rule")(show_rule)


def check(
    files: list[Path] = typer.Argument(..., help="文档（.docx .xlsx .txt …）或项目 JSON/YAML 文件，可多个"),
    output: CheckFormat = typer.Option(
        CheckFormat.text, "--format", "-f", help="输出格式：text、json、html 或 xlsx"
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help="写入文件（xlsx 必须指定）"),
    only: str = typer.Option("", "--rules", "-r", help="只运行这些规则，逗号分隔，如 G12,G14"),
    severity: ShownSeverity = typer.Option(ShownSeverity.info, "--severity", "-s", help="只列出此级别及以上"),
) -> None:
    """审核项目：按规则目录逐条检查，按项目分组、按级别排序列出发现的问题及其位置."""
    selected = [rule_id.strip().upper() for rule_id in only.split(",") if rule_id.strip()]
    unknown = sorted(set(selected) - {item.id for item in api.list_rules()})
    if unknown:
        typer.echo(f"没有这些规则：{'、'.join(unknown)}；用 jixiao rules 查看全部规则", err=True)
        raise typer.Exit(2)
    projects, findings, errors = _load(files)
    for error in errors:
        typer.echo(f"无法读取：{error}", err=True)
    if errors and not projects:
        raise typer.Exit(2)
    findings += api.check_projects(projects, selected)
    failed = any(f.severity is api.Severity.error for f in findings)
    findings = [f for f in findings if f.severity.rank <= api.Severity(severity.value).rank]
    if output is CheckFormat.xlsx and out is None:
        typer.echo("xlsx 格式需要用 --out 指定输出文件", err=True)
        raise typer.Exit(2)
    data = api.render_findings(findings, output.value)
    if out is not None:
        out.write_bytes(data)
        typer.echo(f"已写入 {out}（{len(findings)} 条）", err=True)
    else:
        sys.stdout.write(data.decode("utf-8"))
    if errors:
        raise typer.Exit(2)
    raise typer.Exit(1 if failed else 0)


def _load(files: list[Path]) -> tuple[list[api.Project], list[api.Finding], list[str]]:
    """Read project files and documents; problems become error strings, never exceptions."""
    projects: list[api.Project] = []
    findings: list[api.Finding] = []
    errors: list[str] = []
    for path in files:
        if path.suffix.lower() in JSON_SUFFIXES:
            try:
                projects += api.read_projects(path.read_text(encoding="utf-8"), str(path))
            except (OSError, UnicodeDecodeError, ValueError) as error:
                errors.append(f"{path}：{error}")
            continue
        result = api.import_file(path)
        projects += result.projects
        findings += result.findings
        errors += result.errors
    return projects, findings, errors


def list_rules() -> None:
    """列出全部审核规则（编号、级别、名称、检查内容）."""
    for item in api.list_rules():
        what = item.sections.get("检查内容", "")
        typer.echo(f"{item.id}  {item.severity.label}  {item.name:<32} {what}")


def show_rule(rule_id: str = typer.Argument(..., help="规则编号，如 G14")) -> None:
    """显示一条审核规则的说明（检查内容、为什么、示例、依据）."""
    text = api.rule_text(rule_id)
    if text is None:
        typer.echo(f"没有编号为 {rule_id} 的规则；用 jixiao rules 查看全部规则", err=True)
        raise typer.Exit(2)
    typer.echo(text, nl=False)
