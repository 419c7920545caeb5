"""Whole-batch entry points for the CLI, the API and the worker queue.

`process_batch` finds the inputs, runs them (resuming from the output folder's state) and writes the
reports. `rows_from_inputs` gives ranking rows for any mix of batch output folders, `rows.json` files
and documents (documents are analysed in this process).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.batch.files import discover
from jixiao.batch.outputs import read_rows_json, write_outputs
from jixiao.batch.runner import RunOptions, run_batch
from jixiao.batch.store import BatchStore
from jixiao.batch.summary import SummaryRow, summarize_projects

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from jixiao.batch.outcome import FileOutcome, RunResult

ROWS_FILE = "rows.json"


@dataclass(frozen=True, slots=True)
class BatchReport:
    """A finished batch: the run and the report files written."""

    result: RunResult
    outputs: dict[str, Path]


def process_batch(
    inputs: Sequence[Path],
    out_dir: Path,
    options: RunOptions | None = None,
    on_start: Callable[[int], None] | None = None,
    on_outcome: Callable[[FileOutcome], None] | None = None,
) -> BatchReport:
    """Import, score and check every supported file under `inputs`; write reports into `out_dir`.

    `on_start` receives the number of input files before work begins, `on_outcome` each file's result;
    `options.formats` picks the reports (see `outputs.write_outputs`).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    stats = discover(inputs, exclude=[out_dir])
    if on_start is not None:
        on_start(len(stats))
    options = options or RunOptions()
    result = run_batch(stats, BatchStore(out_dir), options, on_outcome)
    return BatchReport(result, write_outputs(out_dir, result, options.formats))


def rows_from_inputs(inputs: Sequence[Path]) -> list[SummaryRow]:
    """Return summary rows from batch folders, rows.json files, or documents analysed here."""
    rows: list[SummaryRow] = []
    documents: list[Path] = []
    for path in inputs:
        rows_file = path / ROWS_FILE if path.is_dir() else path
        if rows_file.is_file() and _is_rows_json(rows_file):
            rows.extend(read_rows_json(rows_file))
        else:
            documents.append(path)
    if documents:
        rows.extend(_analyse_rows(documents))
    return rows


def _is_rows_json(path: Path) -> bool:
    if path.suffix.lower() != ".json":
        return False
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and isinstance(data.get("rows"), list)


def _analyse_rows(inputs: Sequence[Path]) -> list[SummaryRow]:
    from jixiao.batch.pipeline import analyze_file  # noqa: PLC0415

    rows: list[SummaryRow] = []
    for stat in discover(inputs):
        analysis = analyze_file(Path(stat.path))
        file = Path(stat.path).name
        rows += summarize_projects(
            analysis.projects, analysis.evaluations, analysis.findings, file=file, region=stat.region
        )
    return rows
