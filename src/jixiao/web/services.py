"""What the web app does with a project: evaluate it through `jixiao.api`, save it, record the change.

Every save re-evaluates the project through the core and stores the summary columns; a save names the
version it was loaded at and fails with ConflictError when someone saved in between.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone

from jixiao import api
from jixiao.api import Finding, Location, Project, ScoredEvaluation, Severity
from jixiao.web import rulecounts
from jixiao.web.errors import ConflictError
from jixiao.web.models import AuditEvent, ProjectRecord, Status, Unit

if TYPE_CHECKING:
    from jixiao.web.policy import User

MAX_DIFF_ENTRIES = 300


@dataclass(frozen=True, slots=True)
class Evaluation:
    """A project with what the core said about it."""

    project: Project
    scored: tuple[ScoredEvaluation, ...] = ()
    findings: tuple[Finding, ...] = ()
    notices: tuple[str, ...] = field(default=())  # what the user should know about the run

    @property
    def main(self) -> ScoredEvaluation | None:
        """The first scheme's result (the form's own scheme comes first)."""
        return self.scored[0] if self.scored else None

    def count(self, severity: Severity) -> int:
        """How many findings have this severity."""
        return sum(1 for finding in self.findings if finding.severity is severity)


def evaluate(project: Project) -> Evaluation:
    """Score and check a project through the core (the checks reuse the scores)."""
    scored = tuple(api.score_project(project, project.scheme))
    findings = sorted(
        api.check_project(project, evaluations=scored),
        key=lambda finding: (finding.severity.rank, finding.rule),
    )
    return Evaluation(project, scored, tuple(findings))


def stored(record: ProjectRecord) -> Evaluation:
    """The evaluation saved with the record (no re-scoring), e.g. for summaries and exports."""
    return from_json(record.data or {}, record.evaluation or [], record.findings or [])


def from_json(
    data: dict[str, Any], scored: list[dict[str, Any]], findings: list[dict[str, Any]]
) -> Evaluation:
    """An evaluation from its JSON parts (a record's columns, or a worker's payload)."""
    items = tuple(
        Finding(
            rule=item["rule"], severity=Severity(item["severity"]), project=item.get("project", ""),
            message=item.get("message", ""), name=item.get("name", ""), values=item.get("values", {}),
            locations=tuple(Location(**location) for location in item.get("locations", [])),
        )
        for item in findings
    )  # fmt: skip
    return Evaluation(
        Project.model_validate(data),
        tuple(ScoredEvaluation.model_validate(item) for item in scored),
        tuple(sorted(items, key=lambda finding: (finding.severity.rank, finding.rule))),
    )


def columns(evaluation: Evaluation) -> dict[str, Any]:
    """The denormalised columns a save stores (public name of `_columns`, for the worker's sink)."""
    return _columns(evaluation)


def load(record: ProjectRecord) -> Project:
    """The record's project as a model value."""
    return Project.model_validate(record.data or {})


def _columns(evaluation: Evaluation) -> dict[str, Any]:
    """The denormalised columns, all taken from the core's results (summary row, scores, findings)."""
    project, main = evaluation.project, evaluation.main
    rows = api.summarize_projects([project], evaluation.scored, evaluation.findings)
    return {
        "data": project.model_dump(mode="json"),
        "name": project.title[:300],
        "year": project.year.value,
        "scheme": main.scheme if main else (project.scheme or ""),
        "total": main.total if main else None,
        "grade": main.grade.value if main else "",
        "execution_rate": rows[0].execution_rate if rows else None,
        "error_count": evaluation.count(Severity.error),
        "warning_count": evaluation.count(Severity.warning),
        "info_count": evaluation.count(Severity.info),
        "findings": [finding.to_dict() for finding in evaluation.findings],
        "evaluation": [scored.model_dump(mode="json") for scored in evaluation.scored],
        "allocation": _allocation(project),
    }


def _allocation(project: Project) -> dict[str, Any]:
    """The core's forced 点位 distribution (rules.md §B7) in short, for dashboards; {} without 点位."""
    distribution = api.allocation_distribution(project)
    if distribution is None:
        return {}
    placed = {grade.value: 0 for grade in distribution.quotas}
    for placement in distribution.placements:
        placed[placement.grade.value] = placed.get(placement.grade.value, 0) + 1
    return {
        "count": distribution.count,
        "applicable": distribution.applicable,
        "quotas": {grade.value: quota for grade, quota in distribution.quotas.items()},
        "placed": placed,
        "issues": [
            {"message": issue.message, "violation": issue.is_violation} for issue in distribution.issues
        ],
    }


def create_project(user: User, unit: Unit, project: Project, action: str = "create") -> ProjectRecord:
    """Store a new project for `unit` (the caller has checked `policy.can_create`)."""
    evaluation = evaluate(project)
    with transaction.atomic():
        record = ProjectRecord.objects.create(unit=unit, status=Status.DRAFT, **_columns(evaluation))
        rulecounts.refresh(record.pk, record.findings)
        AuditEvent.objects.create(
            project=record, user_id=user.pk, action=action, to_status=record.status, version=record.version
        )
    return record


def save_project(user: User, record: ProjectRecord, project: Project, expected_version: int) -> Evaluation:
    """Save new data if the record is still at `expected_version`; record the diff.

    Raises ConflictError when another save (or a workflow step) came in between.
    """
    evaluation = evaluate(project)
    columns = _columns(evaluation)
    diff = diff_data(record.data or {}, columns["data"])
    with transaction.atomic():
        updated = ProjectRecord.objects.filter(pk=record.pk, version=expected_version).update(
            version=expected_version + 1, updated_at=timezone.now(), **columns
        )
        if updated != 1:
            raise ConflictError
        rulecounts.refresh(record.pk, columns["findings"])
        AuditEvent.objects.create(
            project=record, user_id=user.pk, action="edit", from_status=record.status,
            to_status=record.status, diff=diff, version=expected_version + 1,
        )  # fmt: skip
    record.refresh_from_db()
    return evaluation


def diff_data(old: dict[str, Any], new: dict[str, Any]) -> list[dict[str, str]]:
    """The changed leaves between two project JSON values: [{field, old, new}]."""
    before, after = flatten(old), flatten(new)
    changes = [
        {"field": path, "old": before.get(path, ""), "new": after.get(path, "")}
        for path in sorted(before.keys() | after.keys())
        if before.get(path, "") != after.get(path, "")
    ]
    return changes[:MAX_DIFF_ENTRIES]


def flatten(value: object, path: str = "") -> dict[str, str]:
    """Model JSON as {path: text}; a Stated counts as one leaf (its raw text, else its value)."""
    if isinstance(value, dict):
        if "raw" in value and "value" in value:
            shown = value["raw"] or value["value"]
            return {path: "" if shown is None else str(shown)} if shown not in (None, "") else {}
        items: dict[str, str] = {}
        for key, child in value.items():
            items |= flatten(child, f"{path}.{key}" if path else str(key))
        return items
    if isinstance(value, list):
        items = {}
        for index, child in enumerate(value):
            items |= flatten(child, f"{path}[{index}]")
        return items
    return {} if value in (None, "") else {path: str(value)}
