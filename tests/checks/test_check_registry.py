"""The rule registry: one code table, validated at import, read-only after; generated docs are fresh."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.checks import registry
from jixiao.checks.docs import render_markdown, render_rule_text
from jixiao.checks.registry import CODES, RULE_ID, SECTIONS, RegistryError, Rule, rule, rules
from jixiao.model import Severity
from jixiao.recognize.rules import IMPORT_RULES

DOCS = Path(__file__).resolve().parents[2] / "docs" / "checks.md"
GOOD_DOC = """Check something.

    检查内容：某事。
    为什么：因为。
    示例：资阳2022。
    依据：rules.md §G。
"""


def _rule(**changes: object) -> Rule:
    values: dict[str, object] = {
        "id": "G01",
        "name": "execution-rate-mismatch",
        "severity": Severity.error,
        "schemes": (),
        "message": "写为{stated}",
        "doc": GOOD_DOC,
    }
    values.update(changes)
    return Rule(**values)  # type: ignore[arg-type]


def test_catalogue_covers_g01_to_g30_and_cross_document_rules() -> None:
    ids = set(rules())
    assert {f"G{n:02d}" for n in range(1, 31)} <= ids
    assert any(i.startswith("R") for i in ids)
    assert any(i.startswith("B") for i in ids)
    assert all(RULE_ID.match(i) for i in ids)


def test_code_table_assigns_each_id_once() -> None:
    ids = [code.id for code in CODES]
    assert len(ids) == len(set(ids))


def test_every_live_rule_has_all_doc_sections_and_an_english_summary() -> None:
    for item in rules().values():
        assert set(SECTIONS) <= set(item.sections), item.id
        assert item.summary[0].isascii(), item.id


def test_validation_refuses_a_rule_missing_a_section() -> None:
    doc = GOOD_DOC.replace("    依据：rules.md §G。\n", "")
    errors = list(registry._validate_rule(_rule(doc=doc)))
    assert any("依据" in error for error in errors)


def test_validation_refuses_unknown_scheme_and_bad_template() -> None:
    assert list(registry._validate_rule(_rule(schemes=("no-such-scheme",))))
    assert list(registry._validate_rule(_rule(message="写为{stated")))


def test_validation_refuses_a_rule_not_in_the_code_table() -> None:
    stray = _rule(id="G99", name="not-in-table")
    errors = list(registry._validate({**rules(), "G99": stray}))
    assert any(error.startswith("G99") for error in errors)


def test_registry_is_read_only_after_import() -> None:
    with pytest.raises(RegistryError):
        rule("G99", "late-rule", Severity.info, message="x")(lambda ctx: iter(()))
    with pytest.raises(TypeError):
        rules()["G99"] = _rule()  # type: ignore[index]


def test_import_ids_match_the_importers_table() -> None:
    for import_rule in IMPORT_RULES:
        item = rules()[import_rule.id]
        assert (item.name, item.severity, item.message) == (
            import_rule.name,
            import_rule.severity,
            import_rule.message,
        )


def test_rule_text_shows_the_sections() -> None:
    text = render_rule_text(rules()["G14"])
    assert text.startswith("G14 grade-mismatch")
    assert all(f"{title}：" in text for title in SECTIONS)


def test_docs_checks_md_is_generated_from_the_registry() -> None:
    assert DOCS.read_text(encoding="utf-8") == render_markdown(), (
        "docs/checks.md is stale: run `python -m jixiao.checks.docs > docs/checks.md`"
    )


def test_a_retired_code_stays_in_the_table_and_must_not_be_registered(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    retired = registry.Code("G99", "old-rule", retired_for="G01")
    monkeypatch.setattr(registry, "CODES", (*CODES, retired))
    assert not list(registry._validate(rules()))
    errors = list(registry._validate({**rules(), "G99": _rule(id="G99", name="old-rule")}))
    assert any("retired" in error for error in errors)
    assert registry.retired_codes() == (retired,)
