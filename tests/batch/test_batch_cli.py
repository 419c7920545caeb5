"""`jixiao batch` and `jixiao rank` on real fixtures, in this process (--workers 0)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path  # noqa: TC003

from typer.testing import CliRunner

from jixiao.cli import app


def test_batch_then_rank_from_the_output_folder(fixtures_dir: Path, tmp_path: Path):
    inputs = tmp_path / "in" / "利州区"
    inputs.mkdir(parents=True)
    shutil.copy(fixtures_dir / "lizhou-2023-p1.docx", inputs)
    shutil.copy(fixtures_dir / "lizhou-2023-p2.xlsx", inputs)
    (inputs / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    out = tmp_path / "out"
    runner = CliRunner()
    result = runner.invoke(
        app, ["batch", str(tmp_path / "in"), "--out", str(out), "--workers", "0", "--no-progress"]
    )
    assert result.exit_code == 1, result.output  # one file failed
    assert "broken.docx" in (out / "errors.txt").read_text(encoding="utf-8")
    for name in ("summary.xlsx", "findings.json", "findings.xlsx", "findings.html", "rows.json"):
        assert (out / name).is_file()
    again = runner.invoke(
        app, ["batch", str(tmp_path / "in"), "--out", str(out), "--workers", "0", "--no-progress"]
    )
    assert "新处理 0" in again.output
    ranked = runner.invoke(app, ["rank", str(out), "--by", "region", "--json"])
    assert ranked.exit_code == 0, ranked.output
    groups = json.loads(ranked.output)
    assert [group["group"] for group in groups] == ["利州区"]
    assert [row["rank"] for row in groups[0]["rows"]] == sorted(row["rank"] for row in groups[0]["rows"])
    assert runner.invoke(app, ["rank", str(out), "--by", "county"]).exit_code == 2
    bad_format = runner.invoke(app, ["batch", str(tmp_path / "in"), "--out", str(out), "--formats", "pdf"])
    assert bad_format.exit_code == 2


def test_formats_choose_the_reports(fixtures_dir: Path, tmp_path: Path):
    out = tmp_path / "out"
    args = ["batch", str(fixtures_dir / "ziyang-2022-a01.xlsx"), "--out", str(out), "--workers", "0"]
    result = CliRunner().invoke(app, [*args, "--no-progress", "--formats", "json"])
    assert result.exit_code in {0, 1}, result.output
    assert sorted(path.name for path in out.iterdir() if path.is_file()) == [
        "errors.txt",
        "findings.json",
        "rows.json",
    ]
