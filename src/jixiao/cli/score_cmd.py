"""`jixiao score`, `jixiao schemes`, `jixiao schema`: score project files, list schemes, print the schema.

JSON output carries every number as a string (exact Decimal text, e.g. "87.53"), so that a consumer
never sees binary floating point. Exit codes: 0 scored, 2 bad input, unknown scheme or a scheme that
does not fit the project.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from jixiao import api

if TYPE_CHECKING:
    from decimal import Decimal

_console = Console()


class OutputFormat(StrEnum):
    """Output formats of `jixiao score`."""

    table = "table"
    json = "json"


def register(app: typer.Typer) -> None:
    """Add `score`, `schemes` and `schema` to the app."""
    app.command("score")(score)
    app.command("schemes")(schemes)
    app.command("schema")(schema)


def score(
    files: list[Path] = typer.Argument(..., help="项目文件（.json 或 .yaml），可多个", show_default=False),
    scheme: str | None = typer.Option(
        None, "--scheme", "-s", help="评分方案编号，或自编方案文件（.yaml）路径；默认按项目材料自动选择"
    ),
    output: OutputFormat = typer.Option(OutputFormat.table, "--format", "-f", help="输出格式：table 或 json"),
) -> None:
    """按评分方案计算项目得分，列出每项的自评分、计算分与说明、合计和等级."""
    chosen = _scheme(scheme)
    results: list[tuple[api.Project, api.ScoredEvaluation]] = []
    for path in files:
        for project in _read(path):
            try:
                evaluations = api.score_project(project, chosen)
            except (KeyError, ValueError) as error:
                _fail(f"{path}: {_error_text(error)}")
            if not evaluations:
                _console.print(f"[yellow]{path}：项目「{project.title}」没有可评分的材料[/yellow]")
            results.extend((project, evaluation) for evaluation in evaluations)
    if output is OutputFormat.json:
        payload = [evaluation_json(evaluation) for _, evaluation in results]
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for _, evaluation in results:
        _print_table(evaluation)


def schemes(
    check: list[Path] = typer.Option(
        None, "--check", help="校验自编方案文件，列出全部错误（文件:行 键路径: 说明）"
    ),
) -> None:
    """列出可用的评分方案（编号、名称、地区、年度、状态），或校验方案文件."""
    if check:
        for path in check:
            loaded = _load_scheme_file(path)
            typer.echo(f"{path}: 通过校验（{loaded.id}，{loaded.title}）")
        return
    table = Table(title="评分方案")
    table.add_column("编号", no_wrap=True)
    for column in ("名称", "地区", "年度", "状态"):
        table.add_column(column, overflow="fold")
    for item in api.list_schemes():
        consecutive = list(item.years) == list(range(item.years[0], item.years[-1] + 1))
        many = consecutive and len(item.years) > 2
        years = f"{item.years[0]}–{item.years[-1]}" if many else "、".join(str(year) for year in item.years)
        table.add_row(item.id, item.title, item.place, years, _STATUS[item.status])
    _console.print(table)


def schema() -> None:
    """输出评分输入（项目）的 JSON Schema."""
    typer.echo(json.dumps(api.input_json_schema(), ensure_ascii=False, indent=2))


_STATUS = {"draft": "草案", "in_use": "在用", "retired": "停用"}


def evaluation_json(evaluation: api.ScoredEvaluation) -> dict[str, Any]:
    """The JSON form of one project's score under one scheme; numbers as exact strings."""
    return {
        "project": evaluation.project,
        "scheme": evaluation.scheme,
        "total": _text(evaluation.total),
        "grade": evaluation.grade.value,
        "stated_total": _text(evaluation.stated_total),
        "stated_grade": evaluation.stated_grade,
        "rescaled": evaluation.rescaled,
        "raw_total": _text(evaluation.raw_total),
        "applicable_max": _text(evaluation.applicable_max),
        "complete": evaluation.complete,
        "explanation": evaluation.explanation,
        "groups": [
            {
                "id": group.id,
                "name": group.name,
                "weight": _text(group.weight),
                "score": _text(group.score),
                "stated_score": _text(group.stated_score),
            }
            for group in evaluation.groups
        ],
        "items": [
            {
                "id": item.id,
                "name": item.name,
                "group": item.group,
                "weight": _text(item.weight),
                "score": _text(item.score),
                "stated_score": _text(item.stated_score),
                "not_applicable": item.not_applicable,
                "explanation": item.explanation,
                "flags": list(item.flags),
                "field": item.field,
            }
            for item in evaluation.items
        ],
    }


def _scheme(value: str | None) -> api.Scheme | str | None:
    """A scheme id as given, or a scheme file loaded and validated (exit 2 listing its problems)."""
    if value is None or not value.endswith((".yaml", ".yml")):
        return value
    return _load_scheme_file(Path(value))


def _load_scheme_file(path: Path) -> api.Scheme:
    try:
        return api.load_scheme_file(path)
    except OSError as error:
        _fail(f"{path}: 无法读取文件（{error}）")
    except ValueError as error:
        _fail(str(error))


def _read(path: Path) -> list[api.Project]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        _fail(f"{path}: 无法读取文件（{error}）")
    try:
        return api.read_projects(text, str(path))
    except ValueError as error:
        _fail(str(error))


def _print_table(evaluation: api.ScoredEvaluation) -> None:
    title = f"{evaluation.project}  ·  {evaluation.scheme}"
    table = Table(title=title, show_lines=False, expand=True)
    table.add_column("指标", overflow="fold")
    table.add_column("权重", justify="right")
    table.add_column("自评分", justify="right")
    table.add_column("计算分", justify="right")
    table.add_column("说明", ratio=1, overflow="fold")
    for item in evaluation.items:
        computed = "不适用" if item.not_applicable else _text(item.score) or "—"
        style = "red" if _differs(item.score, item.stated_score) else ""
        note = item.explanation + (f"  [dim]{' '.join(item.flags)}[/dim]" if item.flags else "")
        table.add_row(
            item.name, _text(item.weight), _text(item.stated_score) or "", computed, note, style=style
        )
    _console.print(table)
    if evaluation.groups:
        parts = [f"{group.name} {_text(group.score)}/{_text(group.weight)}" for group in evaluation.groups]
        _console.print("分组：" + "；".join(parts))
    stated = f"（表中：{_text(evaluation.stated_total) or '未填'} {evaluation.stated_grade or ''}）"
    _console.print(
        f"[bold]合计 {_text(evaluation.total)} 分，等级「{evaluation.grade.value}」[/bold]{stated}"
    )
    _console.print(f"[dim]{evaluation.explanation}[/dim]\n")


def _differs(computed: Decimal | None, stated: Decimal | None) -> bool:
    return computed is not None and stated is not None and computed != stated


def _text(value: Decimal | None) -> str | None:
    """Exact decimal text without trailing zeros or exponent: 8.60 → "8.6", 10.00 → "10"."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return format(value.to_integral_value(), "f")
    return format(value.normalize(), "f")


def _error_text(error: BaseException) -> str:
    return str(error)


def _fail(message: str) -> NoReturn:
    typer.echo(message, err=True)
    raise typer.Exit(code=2)
