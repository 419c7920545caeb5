"""Load check cases (`tests/checks/cases/<rule-id>.yaml`) and run one case against the catalogue."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from jixiao.checks.context import CheckOptions
from jixiao.checks.runner import check_project
from jixiao.model import Finding, Project, ScoredEvaluation

CASES_DIR = Path(__file__).parent / "cases"


class DecimalLoader(yaml.SafeLoader):
    """YAML with floats read as Decimal from their text (never via float)."""


def _decimal(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Decimal:
    return Decimal(loader.construct_scalar(node))


DecimalLoader.add_constructor("tag:yaml.org,2002:float", _decimal)


@dataclass
class Case:
    """One case of a rule's case file."""

    rule: str
    name: str
    line: int
    project: dict[str, Any]
    expect: list[dict[str, Any]]
    batch: list[dict[str, Any]] = field(default_factory=list)
    evaluations: list[dict[str, Any]] | None = None


def load_cases(path: Path) -> list[Case]:
    """Read a case file; each case keeps its line number for failure messages."""
    text = path.read_text(encoding="utf-8")
    nodes = yaml.compose(text, Loader=DecimalLoader)
    data = yaml.load(text, Loader=DecimalLoader)
    cases = []
    for node, raw in zip(nodes.value if nodes else [], data or [], strict=True):
        cases.append(
            Case(
                rule=path.stem,
                name=raw["name"],
                line=node.start_mark.line + 1,
                project=raw.get("project", {}),
                expect=raw.get("expect") or [],
                batch=raw.get("batch") or [],
                evaluations=raw.get("evaluations"),
            )
        )
    return cases


def run_case(case: Case) -> list[Finding]:
    """Run only the case's rule, strictly (an exception or a bad message template fails the case)."""
    project = Project.model_validate(case.project)
    batch = [Project.model_validate(other) for other in case.batch]
    evaluations = [ScoredEvaluation.model_validate(e) for e in case.evaluations or []]
    options = CheckOptions(strict=True, only=frozenset({case.rule}))
    return check_project(project, evaluations=evaluations, batch=batch, options=options)


def matches(expected: dict[str, Any], finding: Finding) -> bool:
    """An expectation matches by rule id, and optionally severity, field (any location) and project."""
    if expected["rule"] != finding.rule:
        return False
    if "severity" in expected and expected["severity"] != finding.severity.value:
        return False
    if "project" in expected and expected["project"] != finding.project:
        return False
    if "field" in expected and all(location.field != expected["field"] for location in finding.locations):
        return False
    return "unchecked" not in expected or (finding.values.get("unchecked") == "true") == expected["unchecked"]


def unmatched(
    expect: list[dict[str, Any]], findings: list[Finding]
) -> tuple[list[dict[str, Any]], list[Finding]]:
    """Pair expectations with findings one to one; return what is left on each side."""
    left = list(findings)
    missing = []
    for expected in expect:
        hit = next((finding for finding in left if matches(expected, finding)), None)
        if hit is None:
            missing.append(expected)
        else:
            left.remove(hit)
    return missing, left
