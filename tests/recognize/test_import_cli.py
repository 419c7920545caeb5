"""`jixiao import`: one JSON per project that validates back into the model; bad files exit 2."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.cli.import_cmd import slug
from jixiao.model import Project

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def test_import_writes_one_valid_json_per_project(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["import", str(SEEDS / "lizhou-2023-combined.txt"), "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    files = sorted(tmp_path.glob("*.json"))
    assert len(files) == 4
    projects = [Project.model_validate(json.loads(f.read_text(encoding="utf-8"))) for f in files]
    assert {p.title for p in projects} == {f.stem for f in files}
    assert all(p.self_eval_form is not None and p.report is not None for p in projects)


def test_unreadable_file_is_named_and_exits_2_while_others_are_imported(tmp_path: Path) -> None:
    bad = tmp_path / "损坏.docx"
    bad.write_bytes(b"\x00\x01\x02")
    result = CliRunner().invoke(app, ["import", str(bad), str(SEEDS / "ziyang-2022-a03.txt")])
    assert result.exit_code == 2
    assert "损坏.docx" in result.stderr
    payload = json.loads(result.stdout)
    assert len(payload) == 1
    assert payload[0]["name"]["value"] == "视频会议网络（移动办公）费"


def test_same_names_get_unique_file_names(tmp_path: Path) -> None:
    seed = str(SEEDS / "ziyang-2022-a03.txt")
    result = CliRunner().invoke(app, ["import", seed, seed, "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert sorted(f.name for f in tmp_path.glob("*.json")) == [
        "视频会议网络（移动办公）费-2.json",
        "视频会议网络（移动办公）费.json",
    ]


def test_slug_keeps_chinese_and_drops_path_characters() -> None:
    assert slug("../区社情/民意 平台") == "区社情-民意-平台"
    assert slug("///") == "project"
