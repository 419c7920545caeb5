"""Collect OpenFisca-style scoring cases: `tests/scoring/<scheme-id>/<topic>.yaml` (STYLE §5).

Each case: `name` (a Chinese sentence), `source`, `scheme`, `item`, `input`, `output`. Numbers are
compared with exact Decimal equality. A failure prints `file:line  name`, expected against computed,
and the explanation.

`item` is one of: `indicator` (input = an Indicator), `budget_execution` (initial_wan, adjusted_wan,
spent_wan, reason, adjustment_explanation), a 计分表 item id (rate_pct, quarters_on_time, stated,
not_applicable), `sheet_total` (scores, measures, not_applicable, stated_total, stated_grade),
`project` (input = a Project), `report` (group_scores), `grade` (total) or `carryover_rate`
(budget_baiyuan, carryover_baiyuan).
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from jixiao.model import BudgetExecution, Indicator, Money, MoneyUnit, Project, ScoreSheetItem
from jixiao.schemes import load_scheme, load_scheme_file, scheme_ids
from jixiao.schemes.yamlfile import read_yaml
from jixiao.scoring import (
    carryover_rate,
    grade_for,
    score_budget_execution,
    score_indicator,
    score_project,
    score_sheet_item,
)

if TYPE_CHECKING:
    from jixiao.schemes import Scheme

HUNDRED = Decimal(100)
TEST_SCHEMES = Path(__file__).resolve().parent / "schemes"  # schemes that exist only for tests
_CASE_KEYS = {"name", "source", "scheme", "item", "input", "output"}


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    """Collect every .yaml under tests/scoring as a case file (test-only schemes excepted)."""
    if file_path.suffix == ".yaml" and file_path.parent != TEST_SCHEMES:
        return CaseFile.from_parent(parent, path=file_path)
    return None


class CaseFile(pytest.File):
    """A YAML list of scoring cases."""

    def collect(self) -> list[pytest.Item]:
        """One test item per case, named by its Chinese sentence."""
        document = read_yaml(self.path.read_text(encoding="utf-8"))
        if document.issues or not isinstance(document.data, list):
            problems = "; ".join(f"{issue.line}: {issue.message}" for issue in document.issues)
            message = f"{self.path}: 不是用例列表 {problems}"
            raise pytest.Collector.CollectError(message)
        items: list[pytest.Item] = []
        for index, case in enumerate(document.data):
            line = document.line_of((index,))
            name = str(case.get("name", f"case {index}")) if isinstance(case, dict) else f"case {index}"
            items.append(CaseItem.from_parent(self, name=f"{line}:{name}", case=case, line=line))
        return items


class CaseFailedError(AssertionError):
    """Expected against computed for one case."""


class CaseItem(pytest.Item):
    """One scoring case."""

    def __init__(self, *, case: Any, line: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.line = line
        self.explanation = ""

    def runtest(self) -> None:
        case = self.case
        if (
            not isinstance(case, dict)
            or set(case) - _CASE_KEYS
            or not {"name", "scheme", "item", "output"} <= set(case)
        ):
            message = f"用例键必须是 {sorted(_CASE_KEYS)}（name/scheme/item/output 必填）：{case!r}"
            raise CaseFailedError(message)
        computed, self.explanation = run_case(case["scheme"], case["item"], case.get("input") or {})
        mismatches = compare(case["output"], computed)
        if mismatches:
            raise CaseFailedError("\n".join(mismatches))

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, CaseFailedError):
            name = self.case.get("name", "") if isinstance(self.case, dict) else ""
            return f"{self.path}:{self.line}  {name}\n{excinfo.value}\n  说明: {self.explanation}"
        return str(super().repr_failure(excinfo, style=style))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, self.line - 1, self.name


def compare(expected: dict[str, Any], computed: dict[str, Any]) -> list[str]:
    """Exact comparison: numbers as Decimal, `flags` must all be present, `no_flags` all absent."""
    problems = []
    for key, want in expected.items():
        if key == "flags":
            missing = [flag for flag in want if flag not in computed["flags"]]
            if missing:
                problems.append(f"  flags: expected {want} ⊆ computed {list(computed['flags'])}")
        elif key == "no_flags":
            present = [flag for flag in want if flag in computed["flags"]]
            if present:
                problems.append(f"  no_flags: {present} present in {list(computed['flags'])}")
        elif key == "explanation":
            if str(want) not in computed["explanation"]:
                problems.append(f"  explanation: expected to contain {want!r}")
        elif key not in computed:
            problems.append(f"  {key}: not computed for this item kind")
        elif not _equal(want, computed[key]):
            problems.append(f"  {key}: expected {want!r}, computed {computed[key]!r}")
    return problems


def _equal(want: Any, got: Any) -> bool:
    if want is None or got is None:
        return want is got
    if isinstance(want, (int, Decimal)) and not isinstance(want, bool):
        return isinstance(got, Decimal) and Decimal(want) == got
    return bool(want == got)


def resolve_scheme(scheme_id: str) -> Scheme:
    """A shipped scheme, or one under tests/scoring/schemes/."""
    if scheme_id in scheme_ids():
        return load_scheme(scheme_id)
    return load_scheme_file(TEST_SCHEMES / f"{scheme_id}.yaml")


def run_case(scheme_id: str, item: str, given: dict[str, Any]) -> tuple[dict[str, Any], str]:
    """Compute the outputs of one case; returns (outputs, explanation)."""
    scheme = resolve_scheme(scheme_id)
    if item == "indicator":
        return _scored(score_indicator(Indicator.model_validate(given), scheme))
    if item == "budget_execution":
        return _scored(score_budget_execution(_budget(given), scheme))
    if item == "grade":
        return {"grade": grade_for(Decimal(given["total"]), scheme).value}, ""
    if item == "carryover_rate":
        budget = Money(amount=Decimal(given["budget_baiyuan"]), unit=MoneyUnit.hundred_yuan)
        carryover = Money(amount=Decimal(given["carryover_baiyuan"]), unit=MoneyUnit.hundred_yuan)
        rate = carryover_rate(budget, carryover)
        return {"rate_pct": None if rate is None else rate * HUNDRED}, ""
    if item in {"project", "sheet_total", "report"}:
        return _evaluated(_project(item, given), scheme)
    return _scored(score_sheet_item(_sheet_item(item, given), scheme))


def _scored(scored: Any) -> tuple[dict[str, Any], str]:
    outputs = {"score": scored.score, "flags": scored.flags, "explanation": scored.explanation}
    outputs["not_applicable"] = scored.not_applicable
    return outputs, scored.explanation


def _evaluated(project: Project, scheme: Scheme) -> tuple[dict[str, Any], str]:
    evaluation = score_project(project, scheme)[0]
    outputs = {
        "total": evaluation.total,
        "grade": evaluation.grade.value,
        "rescaled": evaluation.rescaled,
        "complete": evaluation.complete,
        "raw_total": evaluation.raw_total,
        "applicable_max": evaluation.applicable_max,
        "stated_total": evaluation.stated_total,
        "stated_grade": evaluation.stated_grade,
        "explanation": evaluation.explanation,
        "flags": tuple(flag for scored in evaluation.items for flag in scored.flags),
    }
    return outputs, evaluation.explanation


def _budget(given: dict[str, Any]) -> BudgetExecution:
    def money(key: str) -> dict[str, Any] | None:
        return {"value": {"amount": given[key], "unit": "万元"}} if key in given else None

    row: dict[str, Any] = {"source": "total", "weight": 10, "score": given.get("stated")}
    for field, key in (
        ("initial_budget", "initial_wan"),
        ("adjusted_budget", "adjusted_wan"),
        ("spent", "spent_wan"),
    ):
        if key in given:
            row[field] = money(key)
    row["reason"] = given.get("reason")
    data = {"rows": [row], "adjustment_explanation": given.get("adjustment_explanation")}
    return BudgetExecution.model_validate(data)


def _sheet_item(item_id: str, given: dict[str, Any]) -> ScoreSheetItem:
    measures: dict[str, Any] = {}
    if "rate_pct" in given:
        measures["rate"] = Decimal(given["rate_pct"]) / HUNDRED
    if "quarters_on_time" in given:
        measures["quarters_on_time"] = Decimal(given["quarters_on_time"])
    data = {"id": item_id, "score": given.get("stated"), "measures": measures}
    data["not_applicable"] = bool(given.get("not_applicable", False))
    return ScoreSheetItem.model_validate(data)


def _project(kind: str, given: dict[str, Any]) -> Project:
    if kind == "project":
        return Project.model_validate(given)
    if kind == "report":
        report = {"kind": "sichuan_special", "group_scores": given.get("group_scores", {})}
        return Project.model_validate({"name": "用例", "report": report})
    items = []
    for item_id, stated in (given.get("scores") or {}).items():
        items.append(
            _sheet_item(item_id, {"stated": stated, **(given.get("measures") or {}).get(item_id, {})})
        )
    items.extend(
        _sheet_item(item_id, {"not_applicable": True}) for item_id in given.get("not_applicable") or []
    )
    sheet = {
        "items": items,
        "stated_grade": given.get("stated_grade"),
        "total_score": given.get("stated_total"),
    }
    return Project.model_validate({"name": "用例", "score_sheet": sheet})
