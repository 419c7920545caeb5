"""The `jixiao` command line: one module per command, each a thin layer over `jixiao.api`.

Exit codes: 0 success, 1 the command ran and found errors (e.g. `check`), 2 bad input or usage.
"""

from __future__ import annotations

import typer

from jixiao.cli import batch_cmd, check_cmd, import_cmd, render_cmd, score_cmd, web_cmd

app = typer.Typer(
    name="jixiao",
    help="jixiao 绩效自评：评分、导入、审核、生成表格与报告、批量处理、Web 应用。",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)


@app.callback()
def _root() -> None:
    """Jixiao 绩效自评工具."""


@app.command("version")
def version() -> None:
    """显示 jixiao 的版本号."""
    from jixiao import __version__  # noqa: PLC0415  (keeps start-up light)

    typer.echo(__version__)


for _module in (score_cmd, import_cmd, check_cmd, render_cmd, batch_cmd, web_cmd):
    _module.register(app)


def main() -> None:
    """Run the CLI (the console script entry point)."""
    app()
