"""Every rule's case file: cases that must fire and cases that must not (STYLE §5)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from caselib import CASES_DIR, Case, load_cases, run_case, unmatched

from jixiao.checks.registry import rules


def _all_cases() -> list[Case]:
    return [case for path in sorted(CASES_DIR.glob("*.yaml")) for case in load_cases(path)]


@pytest.mark.parametrize("case", _all_cases(), ids=lambda case: f"{case.rule}:{case.line}")
def test_case(case: Case) -> None:
    findings = run_case(case)
    missing, extra = unmatched(case.expect, findings)
    report = "\n".join(
        f"  {f.rule} {f.severity.value} {[loc.field for loc in f.locations]} {f.message}" for f in findings
    )
    where = f"{CASES_DIR / case.rule}.yaml:{case.line}  {case.name}"
    assert not missing, f"{where}\nexpected but not found: {missing}\nfound:\n{report}"
    assert not extra, f"{where}\nunexpected findings:\n{report}"


def test_every_rule_has_a_case_file_with_both_kinds_of_case() -> None:
    problems = []
    for rule_id, item in rules().items():
        if item.function is None:
            continue
        path = CASES_DIR / f"{rule_id}.yaml"
        if not path.exists():
            problems.append(f"{rule_id}: no case file")
            continue
        cases = load_cases(path)
        fires = any(any(e["rule"] == rule_id and not e.get("unchecked") for e in c.expect) for c in cases)
        quiet = any(not c.expect for c in cases)
        if not (fires and quiet):
            problems.append(f"{rule_id}: needs a case that fires and one with expect: []")
    assert not problems, "\n".join(problems)


def test_no_case_file_names_an_unknown_rule() -> None:
    known = set(rules())
    orphans = [path.name for path in CASES_DIR.glob("*.yaml") if path.stem not in known]
    assert not orphans
