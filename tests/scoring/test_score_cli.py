"""`jixiao score`, `jixiao schemes`, `jixiao schema` through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jixiao.cli import app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.json"))
runner = CliRunner()


def _all_output(result: object) -> str:
    output = getattr(result, "output", "")
    try:
        errors = getattr(result, "stderr", "")
    except ValueError:  # older click: stderr not captured separately
        errors = ""
    return f"{output}{errors}"


def test_examples_exist() -> None:
    assert len(EXAMPLES) >= 4


def test_score_examples_as_json() -> None:
    result = runner.invoke(app, ["score", *map(str, EXAMPLES), "--format", "json"])
    assert result.exit_code == 0, _all_output(result)
    payload = json.loads(result.stdout)
    assert len(payload) >= len(EXAMPLES)
    for entry in payload:
        assert {"project", "scheme", "total", "grade", "stated_total", "stated_grade", "items"} <= set(entry)
        assert entry["grade"] in {"优", "良", "中", "差"}
        assert isinstance(entry["total"], str)
        for item in entry["items"]:
            assert {"name", "weight", "score", "stated_score", "explanation", "flags"} <= set(item)
    by_name = {(entry["project"], entry["scheme"]): entry for entry in payload}
    care = by_name[("康复护理中心公共服务区运行维护经费", "common-2013-ziyang-2022")]
    assert (care["total"], care["grade"], care["rescaled"]) == ("89.33", "良", True)
    river = by_name[("河道巡查保洁及水质监测经费", "sichuan-project-2023")]
    assert river["complete"] is False
    assert any("missing_actual" in item["flags"] for item in river["items"])


def test_score_yaml_example_as_table() -> None:
    result = runner.invoke(app, ["score", str(ROOT / "examples" / "ziyang-farmland-survey.yaml")])
    assert result.exit_code == 0, _all_output(result)
    assert "合计 78.6 分，等级「中」" in result.stdout


def test_explicit_scheme_is_used() -> None:
    path = ROOT / "examples" / "sichuan-community-reading.json"
    result = runner.invoke(app, ["score", str(path), "--scheme", "national-project-2020", "--format", "json"])
    assert result.exit_code == 0, _all_output(result)
    assert [entry["scheme"] for entry in json.loads(result.stdout)] == ["national-project-2020"]


def _write(tmp_path: Path, name: str, data: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def _indicator(weight: object) -> dict[str, object]:
    return {"direction": "at_least", "target": "1", "unit_of_measure": "个", "actual": "1", "weight": weight}


def test_bad_number_exits_2_and_names_the_field_path(tmp_path: Path) -> None:
    indicators = [_indicator(10), _indicator(10), _indicator("十分")]
    data = {"projects": [{"name": "坏输入", "self_eval_form": {"indicators": indicators}}]}
    path = _write(tmp_path, "bad.json", data)
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "projects[0].self_eval_form.indicators[2].weight: 不是有效的数字" in _all_output(result)
    assert "bad.json" in _all_output(result)


def test_unknown_field_exits_2(tmp_path: Path) -> None:
    path = _write(tmp_path, "typo.json", {"name": "拼错", "self_eval_from": {}})
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "self_eval_from: 未知字段" in _all_output(result)


def test_list_input_paths_start_with_the_index(tmp_path: Path) -> None:
    path = _write(tmp_path, "list.json", [{"name": "甲"}, {"name": "乙", "year": "去年"}])
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "[1].year: 不是有效的整数" in _all_output(result)


def test_broken_json_exits_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"name": ', encoding="utf-8")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "JSON 格式错误" in _all_output(result)


def test_unknown_scheme_exits_2() -> None:
    result = runner.invoke(app, ["score", str(EXAMPLES[0]), "--scheme", "no-such-scheme"])
    assert result.exit_code == 2
    assert "未知的评分方案" in _all_output(result)


def test_scheme_that_does_not_fit_the_project_exits_2() -> None:
    path = ROOT / "examples" / "sichuan-community-reading.json"
    result = runner.invoke(app, ["score", str(path), "--scheme", "common-2013-ziyang-2022"])
    assert result.exit_code == 2
    assert "没有计分表" in _all_output(result)


def test_schemes_lists_the_shipped_schemes() -> None:
    result = runner.invoke(app, ["schemes"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, _all_output(result)
    for scheme_id in ("sichuan-project-2023", "common-2013-ziyang-2022", "sichuan-special-report"):
        assert scheme_id in result.stdout


@pytest.mark.parametrize("command", [["schema"]])
def test_schema_prints_the_project_json_schema(command: list[str]) -> None:
    result = runner.invoke(app, command)
    assert result.exit_code == 0, _all_output(result)
    schema = json.loads(result.stdout)
    assert "self_eval_form" in schema["properties"]


def test_schemes_check_lists_problems_with_file_line_and_path() -> None:
    bad = ROOT / "tests" / "schemes" / "bad" / "unknown-key.yaml"
    result = runner.invoke(app, ["schemes", "--check", str(bad)])
    assert result.exit_code == 2
    assert "unknown-key.yaml:31 indicators.level1_split.outptu: 未知字段" in _all_output(result)


def test_schemes_check_passes_a_good_file() -> None:
    good = ROOT / "src" / "jixiao" / "schemes" / "sichuan-project-2023.yaml"
    result = runner.invoke(app, ["schemes", "--check", str(good)])
    assert result.exit_code == 0, _all_output(result)
    assert "通过校验" in result.stdout


def test_score_with_a_scheme_file_of_ones_own() -> None:
    scheme = ROOT / "tests" / "scoring" / "schemes" / "linear-test-2023.yaml"
    path = ROOT / "examples" / "sichuan-river-patrol.json"
    result = runner.invoke(app, ["score", str(path), "--scheme", str(scheme), "--format", "json"])
    assert result.exit_code == 0, _all_output(result)
    entry = json.loads(result.stdout)[0]
    assert entry["scheme"] == "linear-test-2023"
    cost = next(item for item in entry["items"] if item["name"] == "每公里年保洁成本")
    assert cost["score"] == "8"  # linear: (1 − (2.4 − 2)/2) × 10 = 8


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_examples_validate_against_the_printed_schema(path: Path) -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    jsonschema.validate(json.loads(path.read_text(encoding="utf-8")), schema)


def test_schema_rejects_what_the_reader_rejects() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(runner.invoke(app, ["schema"]).stdout)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"name": "甲", "self_eval_from": {}}, schema)


def test_yaml_aliases_are_refused_so_alias_bombs_cannot_expand(tmp_path: Path) -> None:
    layers = ["a: &a [1, 2]"]
    for index, name in enumerate("bcdefgh"):
        previous = "abcdefgh"[index]
        layers.append(f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]")
    path = tmp_path / "bomb.yaml"
    path.write_text("\n".join(layers) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "不支持 YAML 锚点与别名" in _all_output(result)


def test_oversized_input_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("jixiao.scoring.inputs.MAX_INPUT_CHARS", 1000)
    path = tmp_path / "huge.json"
    path.write_text('{"name": "' + "甲" * 1001 + '"}', encoding="utf-8")
    result = runner.invoke(app, ["score", str(path)])
    assert result.exit_code == 2
    assert "文件过大" in _all_output(result)
