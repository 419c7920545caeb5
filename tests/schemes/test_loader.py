"""The scheme loader: shipped schemes load, broken ones fail with file:line key.path messages."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Literal, get_args, get_origin

import pytest
from pydantic import BaseModel

from jixiao.schemes import (
    Scheme,
    SchemeError,
    UnknownSchemeError,
    load_scheme,
    load_scheme_file,
    parse_scheme,
    scheme_ids,
)
from jixiao.schemes.loader import SCHEME_DIR, scheme_json_schema_text

BAD = Path(__file__).resolve().parent / "bad"
EXPECT = re.compile(r"^# expect: (.*)$", re.MULTILINE)

ZIYANG_ITEMS = [
    ("project_initiation_compliance", "项目立项规范性", 5),
    ("goal_reasonableness", "绩效目标合理性", 4),
    ("indicator_clarity", "绩效指标明确性", 6),
    ("funds_in_place_rate", "资金到位率", 5),
    ("funds_timely_rate", "到位及时率", 5),
    ("business_rules_soundness", "管理制度健全性", 4),
    ("rules_execution_effectiveness", "制度执行有效性", 6),
    ("quality_controllability", "项目质量可控性", 3),
    ("finance_rules_soundness", "管理制度健全性", 3),
    ("funds_use_compliance", "资金使用合规性", 7),
    ("finance_monitoring_effectiveness", "财务监控有效性", 2),
    ("actual_completion_rate", "实际完成率", 4),
    ("completion_timeliness", "完成及时率", 6),
    ("quality_rate", "质量达标率", 5),
    ("cost_saving_rate", "成本节约率", 5),
    ("economic_benefit", "经济效益", 5),
    ("social_benefit", "社会效益", 5),
    ("ecological_benefit", "生态效益", 5),
    ("sustainable_impact", "可持续影响", 5),
    ("satisfaction", "社会公众或服务对象满意度", 10),
]


def test_at_least_four_schemes_ship() -> None:
    assert {
        "national-project-2020",
        "sichuan-project-2023",
        "common-2013-ziyang-2022",
        "sichuan-special-report",
    } <= set(scheme_ids())


@pytest.mark.parametrize("scheme_id", scheme_ids())
def test_every_shipped_scheme_loads(scheme_id: str) -> None:
    scheme = load_scheme_file(SCHEME_DIR / f"{scheme_id}.yaml")
    assert scheme.id == scheme_id
    assert scheme.sources


@pytest.mark.parametrize("path", sorted(BAD.glob("*.yaml")), ids=lambda path: path.stem)
def test_broken_scheme_reports_every_expected_problem(path: Path) -> None:
    expected = EXPECT.findall(path.read_text(encoding="utf-8"))
    assert expected, f"{path.name} has no '# expect:' line"
    with pytest.raises(SchemeError) as caught:
        load_scheme_file(path)
    issues = caught.value.issues
    assert len(issues) == len(expected), [str(issue) for issue in issues]
    for issue, want in zip(issues, expected, strict=True):
        assert f"{issue.line} {issue.path}: {issue.message}".startswith(want)
        assert str(issue).startswith(f"{path.name}:{issue.line}")


def test_unknown_key_names_file_line_and_key_path() -> None:
    with pytest.raises(SchemeError) as caught:
        load_scheme_file(BAD / "unknown-key.yaml")
    assert str(caught.value) == "unknown-key.yaml:31 indicators.level1_split.outptu: 未知字段"


def test_duplicate_yaml_key_is_rejected_not_overwritten() -> None:
    with pytest.raises(SchemeError, match="重复的键"):
        load_scheme_file(BAD / "duplicate-key.yaml")


def test_numeric_block_without_source_is_rejected() -> None:
    with pytest.raises(SchemeError, match=re.escape("budget_execution.source: 缺少 source")):
        load_scheme_file(BAD / "missing-source.yaml")


def test_all_errors_are_reported_at_once() -> None:
    text = (BAD / "unknown-key.yaml").read_text(encoding="utf-8")
    text = text.replace("  weight: 10\n", "  weight: 十\n").replace("status: draft", "status: unknown")
    with pytest.raises(SchemeError) as caught:
        parse_scheme(text, "unknown-key.yaml")
    paths = {issue.path for issue in caught.value.issues}
    assert {"status", "budget_execution.weight", "indicators.level1_split.outptu"} <= paths


def test_yaml_numbers_are_decimals_from_their_text() -> None:
    scheme = load_scheme("common-2013-ziyang-2022")
    timeliness = scheme.item("completion_timeliness")
    assert timeliness is not None
    assert timeliness.formula is not None
    assert timeliness.formula.points_per_quarter == Decimal("1.5")
    assert isinstance(timeliness.formula.points_per_quarter, Decimal)


def test_ziyang_has_its_twenty_items_in_printed_order() -> None:
    scheme = load_scheme("common-2013-ziyang-2022")
    items = [(item.id, item.label, item.points) for _, item in scheme.walk_items()]
    assert items == [(item_id, label, Decimal(points)) for item_id, label, points in ZIYANG_ITEMS]


def test_ziyang_group_totals_are_re_verified() -> None:
    scheme = load_scheme("common-2013-ziyang-2022")
    assert [(group.id, group.weight) for group in scheme.groups] == [
        ("input", Decimal(25)),
        ("process", Decimal(25)),
        ("output", Decimal(20)),
        ("effect", Decimal(30)),
    ]
    for group in scheme.groups:
        assert sum(child.weight for child in group.groups) == group.weight
    for _, item in scheme.walk_items():
        if item.rubric:
            assert sum(step.points for step in item.rubric) == item.points


def test_self_eval_form_schemes_add_up_to_one_hundred() -> None:
    for scheme_id in ("sichuan-project-2023", "national-project-2020"):
        scheme = load_scheme(scheme_id)
        assert scheme.budget_execution is not None
        assert scheme.indicators is not None
        assert (
            scheme.budget_execution.weight + (scheme.indicators.total_weight or 0)
            == scheme.total_weight
            == 100
        )


def test_special_report_groups() -> None:
    scheme = load_scheme("sichuan-special-report")
    assert [(group.id, group.weight) for group in scheme.groups] == [
        ("decision", Decimal(15)),
        ("management", Decimal(25)),
        ("implementation", Decimal(20)),
        ("result", Decimal(10)),
        ("special", Decimal(30)),
    ]


def test_unknown_scheme_id_names_the_known_ones() -> None:
    with pytest.raises(UnknownSchemeError) as caught:
        load_scheme("no-such-scheme")
    assert "no-such-scheme" in str(caught.value)
    assert "sichuan-project-2023" in str(caught.value)


def test_scheme_json_schema_file_is_up_to_date() -> None:
    stored = (SCHEME_DIR / "scheme.schema.json").read_text(encoding="utf-8")
    hint = 'run: python -c "from jixiao.schemes.loader import write_scheme_json_schema as w; w()"'
    assert stored == scheme_json_schema_text(), hint


def _literal_options(model: type[BaseModel], seen: set[type[BaseModel]]) -> set[str]:
    """Every named option (Literal value) the scheme format accepts, found by walking the models."""
    if model in seen:
        return set()
    seen.add(model)
    options: set[str] = set()
    for field in model.model_fields.values():
        stack = [field.annotation]
        while stack:
            annotation = stack.pop()
            if get_origin(annotation) is Literal:
                options.update(str(value) for value in get_args(annotation))
            elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
                options |= _literal_options(annotation, seen)
            else:
                stack.extend(get_args(annotation))
    return options


def test_docs_name_every_formula_and_policy_option() -> None:
    docs = (Path(__file__).resolve().parents[2] / "docs" / "schemes.md").read_text(encoding="utf-8")
    options = _literal_options(Scheme, set())
    assert {"target_over_actual", "linear", "shortfall_points", "per_quarter"} <= options
    quoted = " ".join(re.findall(r"`([^`\n]+)`", docs))
    missing = sorted(
        option for option in options if not re.search(rf"(?<![\w]){re.escape(option)}(?![\w])", quoted)
    )
    assert not missing, f"docs/schemes.md does not mention: {missing}"
