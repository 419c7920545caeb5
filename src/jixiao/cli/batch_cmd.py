"""`jixiao batch` (many files in parallel, resumable) and `jixiao rank` (rankings by department/region)."""

from __future__ import annotations

import json
from pathlib import Path  # noqa: TC003  (typer reads the annotations at run time)
from typing import TYPE_CHECKING, Annotated, Self

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from jixiao import api

if TYPE_CHECKING:
    from jixiao.batch.outcome import FileOutcome
    from jixiao.batch.ranking import RankGroup
    from jixiao.batch.service import BatchReport

console = Console(stderr=True)
BATCH_HELP = (
    "批量导入、评分并审核成千上万个自评文件；再次运行时跳过未变化的文件。\n\n"
    "输出：summary.xlsx（汇总与排名）、findings.json / findings.xlsx / findings.html（审核发现）、"
    "errors.txt（失败文件）、rows.json（供 jixiao rank 和 Web 看板使用）。"
)
RANK_HELP = "按总分对项目排名（同分并列），并给出20%/20%/55%/5%强制分布等级作参考。"


def register(app: typer.Typer) -> None:
    """Add `batch` and `rank` to the app."""
    app.command("batch", help=BATCH_HELP)(batch)
    app.command("rank", help=RANK_HELP)(rank)


def batch(  # noqa: PLR0917  (typer's declarative signature)
    inputs: Annotated[list[Path], typer.Argument(help="要处理的文件或文件夹（递归查找）", exists=True)],
    out: Annotated[Path, typer.Option("--out", "-o", help="输出文件夹（汇总表、审核结果、续跑状态）")],
    workers: Annotated[
        int, typer.Option("--workers", "-w", min=0, help="并行进程数；0 表示本进程依次处理")
    ] = 2,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="重新处理上次失败的文件")] = False,
    timeout: Annotated[
        int, typer.Option("--timeout", min=0, help="单个文件的处理时限（秒），0 为不限")
    ] = 600,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="显示进度条")] = True,
    formats: Annotated[
        str, typer.Option("--formats", help="输出格式，逗号分隔：xlsx,json,html")
    ] = "xlsx,json,html",
    keep_models: Annotated[
        bool, typer.Option("--keep-models", help="另存每个文件的项目与评分数据（JSON）")
    ] = False,
) -> None:
    """Process many files in parallel, resumably, and write the batch reports."""
    chosen = tuple(name.strip().lower() for name in formats.split(",") if name.strip())
    unknown = sorted(set(chosen) - {"xlsx", "json", "html"})
    if unknown:
        console.print(f"[red]--formats 只能包含 xlsx、json、html，收到「{'、'.join(unknown)}」[/red]")
        raise typer.Exit(2)
    options = api.BatchOptions(
        workers=workers,
        retry_failed=retry_failed,
        timeout_seconds=timeout,
        formats=chosen,
        keep_models=keep_models,
    )
    with _Progress(enabled=progress) as bar:
        report = api.process_batch(inputs, out, options, on_start=bar.start, on_outcome=bar.advance)
    _print_report(report)
    failed = report.result.failed
    has_errors = any(finding.severity is api.Severity.error for _, finding in report.result.findings)
    raise typer.Exit(1 if failed or has_errors else 0)


def rank(
    inputs: Annotated[
        list[Path], typer.Argument(help="批量输出文件夹、rows.json，或要评分的文件/文件夹", exists=True)
    ],
    by: Annotated[
        str, typer.Option("--by", help="分组：department（主管部门）、region（地区）或 all")
    ] = "department",
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出")] = False,
) -> None:
    """Rank projects by total within departments or regions."""
    try:
        grouping = api.RankBy(by)
    except ValueError:
        console.print(f"[red]--by 只能是 department、region 或 all，收到「{by}」[/red]")
        raise typer.Exit(2) from None
    groups = api.rank_projects(api.batch_rows(inputs), grouping)
    if as_json:
        typer.echo(json.dumps([_group_json(group) for group in groups], ensure_ascii=False, indent=2))
        return
    out = Console()
    for group in groups:
        out.print(_group_table(group))
        for issue in group.distribution.issues:
            out.print(f"  [dim]{issue.message}[/dim]")


class _Progress:
    """A rich progress bar with ETA that counts new, unchanged and failed files."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled
        self.counts = {"processed": 0, "unchanged": 0, "failed": 0}
        self.progress = Progress(
            TextColumn("[bold]批量处理"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[counts]}"),
            TimeElapsedColumn(),
            TextColumn("剩余"),
            TimeRemainingColumn(),
            console=console,
            disable=not enabled,
        )
        self.task: TaskID | None = None

    def __enter__(self) -> Self:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def start(self, total: int) -> None:
        self.task = self.progress.add_task("batch", total=total, counts=self._counts_text())

    def advance(self, outcome: FileOutcome) -> None:
        self.counts[outcome.kind.value] += 1
        if self.task is not None:
            self.progress.update(self.task, advance=1, counts=self._counts_text())

    def _counts_text(self) -> str:
        counts = self.counts
        return f"新处理 {counts['processed']} · 未变化 {counts['unchanged']} · 失败 {counts['failed']}"


def _print_report(report: BatchReport) -> None:
    result = report.result
    kinds = {kind: result.count(kind) for kind in api.OutcomeKind}
    findings = [finding for _, finding in result.findings]
    severity = {level: sum(1 for f in findings if f.severity is level) for level in api.Severity}
    console.print(
        f"共 {result.total} 个文件：新处理 {kinds[api.OutcomeKind.processed]}，"
        f"未变化跳过 {kinds[api.OutcomeKind.unchanged]}，失败 {kinds[api.OutcomeKind.failed]}；"
        f"项目 {sum(1 for row in result.rows if row.main)} 个；错误 {severity[api.Severity.error]}、"
        f"警告 {severity[api.Severity.warning]}、提示 {severity[api.Severity.info]}；"
        f"用时 {result.elapsed:.1f} 秒"
    )
    for name in sorted(report.outputs.values()):
        console.print(f"  {name}")
    for outcome in result.failed[:20]:
        console.print(f"  [red]失败[/red] {outcome.path}：{outcome.error}")
    if len(result.failed) > 20:
        console.print(f"  …… 另有 {len(result.failed) - 20} 个失败文件，见 errors.txt")


def _group_table(group: RankGroup) -> Table:
    label = api.RANK_BY_LABELS[group.by]
    table = Table(title=f"{label}：{group.name}（{group.ranked_count} 个项目参与排名）")
    for header in ("名次", "项目名称", "实施单位", "计算总分", "等级", "强制分布等级（参考）"):
        table.add_column(header)
    for ranked in group.rows:
        row = ranked.row
        table.add_row(
            str(ranked.rank) if ranked.rank is not None else "未评分",
            row.title,
            row.unit,
            format(row.total, "f") if row.total is not None else "",
            row.grade.value if row.grade else "",
            ranked.forced_grade.value if ranked.forced_grade else "",
        )
    return table


def _group_json(group: RankGroup) -> dict[str, object]:
    return {
        "by": group.by.value,
        "group": group.name,
        "quotas": {grade.value: count for grade, count in group.distribution.quotas.items()},
        "issues": [issue.message for issue in group.distribution.issues],
        "rows": [
            {
                "rank": ranked.rank,
                "forced_grade": ranked.forced_grade.value if ranked.forced_grade else None,
                **ranked.row.to_dict(),
            }
            for ranked in group.rows
        ],
    }
