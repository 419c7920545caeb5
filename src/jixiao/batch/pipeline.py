"""One file through the whole core: import, score, check (what each batch worker runs).

Failures are values: a stage that raises on one project is recorded as an error for that project and
the rest goes on; only a file that cannot be read at all ends with no projects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from jixiao.model import Finding, Project, ScoredEvaluation


@dataclass(frozen=True, slots=True)
class FileAnalysis:
    """What the core made of one file."""

    projects: list[Project] = field(default_factory=list)
    evaluations: list[ScoredEvaluation] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # Chinese, one line each


def analyze_file(path: Path) -> FileAnalysis:
    """Import a file, score each project under its schemes and run every check."""
    from jixiao.recognize import import_file  # noqa: PLC0415  (stages load lazily in workers)

    imported = import_file(path)
    errors = [_error_text(error) for error in imported.errors]
    return analyze_projects(list(imported.projects), list(imported.findings), errors)


def analyze_projects(
    projects: Sequence[Project],
    findings: Sequence[Finding] = (),
    errors: Sequence[str] = (),
) -> FileAnalysis:
    """Score and check already imported projects."""
    from jixiao.scoring import score_project  # noqa: PLC0415

    evaluations: list[ScoredEvaluation] = []
    problems = list(errors)
    for project in projects:
        try:
            evaluations.extend(score_project(project))
        except Exception as error:  # noqa: BLE001  (one project's failure must not stop the file)
            problems.append(f"项目「{project.title}」评分失败：{_exception_text(error)}")
    all_findings = list(findings)
    try:
        all_findings.extend(_check(projects, evaluations))
    except Exception as error:  # noqa: BLE001
        problems.append(f"审核失败：{_exception_text(error)}")
    return FileAnalysis(list(projects), evaluations, all_findings, problems)


def _check(projects: Sequence[Project], evaluations: Sequence[ScoredEvaluation]) -> list[Finding]:
    """Run the check catalogue on each project, with its scores and the file's other projects.

    Rules over several projects (G28, B01, B02) therefore compare projects of the same file only.
    """
    from jixiao.checks.runner import check_project  # noqa: PLC0415

    findings: list[Finding] = []
    for index, project in enumerate(projects):
        own = [evaluation for evaluation in evaluations if evaluation.project == project.title]
        others = (*projects[:index], *projects[index + 1 :])
        findings.extend(check_project(project, evaluations=own, batch=others))
    return findings


def _error_text(error: object) -> str:
    """Render an import error (a string, a Finding or an exception) as one line."""
    message = getattr(error, "message", None)
    return str(message if message is not None else error)


def _exception_text(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"
