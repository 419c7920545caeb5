"""The batch runner: parallel processing, one bad file never stops the batch, resumable runs."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.batch.files import discover
from jixiao.batch.outcome import OutcomeKind
from jixiao.batch.outputs import write_summary_workbook
from jixiao.batch.runner import run_batch
from jixiao.batch.service import process_batch, rows_from_inputs
from jixiao.batch.store import BatchStore
from jixiao.batch.summary import SummaryRow
from jixiao.batch.task import RunOptions

FAKE = "tests.batch.fake_pipeline:analyze" if __package__ == "tests.batch" else "batch.fake_pipeline:analyze"


def options(workers: int = 0, **changes) -> RunOptions:
    return RunOptions(workers=workers, pipeline=FAKE, **changes)


@pytest.fixture
def inputs(tmp_path: Path) -> Path:
    root = tmp_path / "in"
    (root / "利州区").mkdir(parents=True)
    (root / "昭化区").mkdir()
    (root / "利州区" / "a.txt").write_text("项目甲|教育局|95\n项目乙|教育局|88", encoding="utf-8")
    (root / "利州区" / "b.txt").write_text("项目丙|卫健局|55", encoding="utf-8")
    (root / "昭化区" / "c.txt").write_text("项目丁|教育局|88", encoding="utf-8")
    (root / "昭化区" / "bad.txt").write_text("raise", encoding="utf-8")
    (root / "昭化区" / "~$lock.txt").write_text("ignored", encoding="utf-8")
    (root / "notes.md").write_text("not an input", encoding="utf-8")
    return root


def kinds(result) -> dict[str, OutcomeKind]:
    return {Path(o.path).name: o.kind for o in result.outcomes}


def test_discover_finds_supported_files_with_their_region(inputs: Path):
    found = {(Path(s.path).name, s.region) for s in discover([inputs])}
    assert found == {("a.txt", "利州区"), ("b.txt", "利州区"), ("c.txt", "昭化区"), ("bad.txt", "昭化区")}


def test_a_bad_file_is_listed_and_the_rest_is_processed(inputs: Path, tmp_path: Path):
    out = tmp_path / "out"
    report = process_batch([inputs], out, options())
    result = report.result
    assert kinds(result) == {
        "a.txt": OutcomeKind.processed,
        "b.txt": OutcomeKind.processed,
        "bad.txt": OutcomeKind.failed,
        "c.txt": OutcomeKind.processed,
    }
    assert "坏文件" in result.failed[0].error
    errors = (out / "errors.txt").read_text(encoding="utf-8")
    assert "bad.txt" in errors
    assert "坏文件" in errors
    sheet = load_workbook(out / "summary.xlsx")["汇总"]
    titles = [row[4] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert titles == ["项目甲", "项目乙", "项目丙", "项目丁"]
    ranking = load_workbook(out / "summary.xlsx")["主管部门排名"]
    education = [(r[1], r[2]) for r in ranking.iter_rows(min_row=2, values_only=True) if r[0] == "教育局"]
    assert education == [(1, "项目甲"), (2, "项目丁"), (2, "项目乙")]  # ties in title order
    assert "项目丙" in (out / "findings.html").read_text(encoding="utf-8")
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    assert [(f["rule"], f["project"], Path(f["path"]).name) for f in findings] == [("G14", "项目丙", "b.txt")]


def test_a_second_run_skips_unchanged_files_and_redoes_changed_ones(inputs: Path, tmp_path: Path):
    out = tmp_path / "out"
    process_batch([inputs], out, options())
    again = process_batch([inputs], out, options()).result
    assert set(kinds(again).values()) == {OutcomeKind.unchanged, OutcomeKind.failed}
    assert [row.title for row in again.rows] == ["项目甲", "项目乙", "项目丙", "项目丁"]
    touched = inputs / "利州区" / "a.txt"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))
    (inputs / "利州区" / "b.txt").write_text("项目丙|卫健局|75", encoding="utf-8")
    third = process_batch([inputs], out, options()).result
    assert kinds(third)["a.txt"] is OutcomeKind.unchanged  # same content: the hash decides
    assert kinds(third)["b.txt"] is OutcomeKind.processed
    assert kinds(third)["bad.txt"] is OutcomeKind.failed  # failed files are not retried by default
    retried = process_batch([inputs], out, options(retry_failed=True)).result
    assert kinds(retried)["bad.txt"] is OutcomeKind.failed
    assert kinds(retried)["a.txt"] is OutcomeKind.unchanged


def test_pool_workers_survive_a_crashing_file(inputs: Path, tmp_path: Path, monkeypatch):
    (inputs / "昭化区" / "crash.txt").write_text("crash", encoding="utf-8")
    # Pool workers import the fake pipeline by name: make the tests folder importable for them.
    tests_dir = str(Path(__file__).resolve().parents[1 if FAKE.startswith("batch.") else 2])
    monkeypatch.syspath_prepend(tests_dir)
    result = run_batch(discover([inputs]), BatchStore(tmp_path / "out"), options(workers=2))
    assert kinds(result) == {
        "a.txt": OutcomeKind.processed,
        "b.txt": OutcomeKind.processed,
        "bad.txt": OutcomeKind.failed,
        "c.txt": OutcomeKind.processed,
        "crash.txt": OutcomeKind.failed,
    }
    crashed = next(o for o in result.outcomes if o.path.endswith("crash.txt"))
    assert "工作进程异常退出" in crashed.error


def test_a_file_over_its_time_limit_fails_alone(inputs: Path, tmp_path: Path):
    (inputs / "利州区" / "slow.txt").write_text("sleep", encoding="utf-8")
    result = run_batch(discover([inputs]), BatchStore(tmp_path / "out"), options(timeout_seconds=1))
    slow = next(o for o in result.outcomes if o.path.endswith("slow.txt"))
    assert slow.kind is OutcomeKind.failed
    assert "超过1秒" in slow.error
    assert kinds(result)["a.txt"] is OutcomeKind.processed


def test_rows_can_be_read_back_from_a_batch_folder(inputs: Path, tmp_path: Path):
    out = tmp_path / "out"
    process_batch([inputs], out, options(keep_models=True))
    models = sorted((out / ".jixiao-batch" / "models").iterdir())
    assert len(models) == 3  # one per processed file (bad.txt failed)
    assert json.loads(models[0].read_text(encoding="utf-8"))["projects"]
    rows = rows_from_inputs([out])
    assert [(row.title, row.region, str(row.total)) for row in rows] == [
        ("项目甲", "利州区", "95"),
        ("项目乙", "利州区", "88"),
        ("项目丙", "利州区", "55"),
        ("项目丁", "昭化区", "88"),
    ]


def test_report_cells_never_become_formulas(tmp_path: Path):
    path = tmp_path / "summary.xlsx"
    write_summary_workbook(path, [SummaryRow(key="k", title='=HYPERLINK("http://x","y")')], {})
    cell = load_workbook(path)["汇总"]["E2"]
    assert (cell.data_type, cell.value) == ("s", '=HYPERLINK("http://x","y")')
