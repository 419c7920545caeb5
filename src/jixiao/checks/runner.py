"""Run the catalogue on projects: every rule, every project, never stopping at the first problem."""

from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from jixiao.checks._peers import BatchIndex, Others, Peers
from jixiao.checks.context import CheckContext, CheckOptions, Hit, Unchecked, infer_schemes
from jixiao.checks.registry import Rule, rules
from jixiao.model import Finding, Location, Severity

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from jixiao.model import Project, ScoredEvaluation

log = logging.getLogger(__name__)


def check_project(
    project: Project,
    *,
    evaluations: Sequence[ScoredEvaluation] | None = None,
    batch: Sequence[Project] = (),
    options: CheckOptions | None = None,
) -> list[Finding]:
    """Check one project; `batch` holds the other projects of the same submission.

    When `evaluations` is None the project is scored first (scoring problems become info findings of
    the rules that needed the scores). Findings come in code-table order.
    """
    return _check(project, evaluations, tuple(batch), options, None)


def _check(
    project: Project,
    evaluations: Sequence[ScoredEvaluation] | None,
    batch: Sequence[Project],
    options: CheckOptions | None,
    peers: Peers | None,
) -> list[Finding]:
    options = options or CheckOptions()
    scoring_error = ""
    if evaluations is None:
        evaluations, scoring_error = _score(project)
    ctx = CheckContext(
        project=project,
        evaluations=tuple(evaluations),
        schemes=infer_schemes(project, tuple(evaluations)),
        batch=batch,
        options=options,
        scoring_error=scoring_error,
        peers=peers,
    )
    findings: list[Finding] = []
    for item in _selected(ctx.schemes, options.only):
        findings.extend(run_rule(item, ctx))
    return findings


@lru_cache(maxsize=256)  # a handful of scheme sets occur; the registry is frozen at import
def _selected(schemes: frozenset[str], only: frozenset[str]) -> tuple[Rule, ...]:
    """The rules with a function that apply to `schemes` (and are in `only`, when given), in table order."""
    return tuple(
        item
        for item in rules().values()
        if item.function is not None and (not only or item.id in only) and item.applies_to(schemes)
    )


def check_projects(projects: Sequence[Project], options: CheckOptions | None = None) -> list[Finding]:
    """Check every project of a batch against the others.

    The batch is indexed once (`checks._peers`), so the batch rules stay linear in the batch size.
    """
    batch = tuple(projects)
    index = BatchIndex.of(batch)
    findings: list[Finding] = []
    for position, project in enumerate(batch):
        others = Others(batch, position)
        findings.extend(_check(project, None, others, options, Peers(index, position)))
    return findings


def run_rule(item: Rule, ctx: CheckContext) -> list[Finding]:
    """Run one rule; an exception becomes an info finding (re-raised under `options.strict`)."""
    if item.function is None:
        return []
    hits: list[Hit] = []
    reasons: list[Unchecked] = []
    try:
        for result in item.function(ctx):
            if isinstance(result, Hit):
                hits.append(result)
            else:
                reasons.append(result)
        findings = [_finding(item, ctx, hit) for hit in hits]
    except Exception as error:
        if ctx.options.strict:
            raise
        log.exception("rule %s failed on project %s", item.id, ctx.project.title)
        failed = {"unchecked": "true", "failed": type(error).__name__}
        return [_info(item, ctx, f"规则执行失败（{type(error).__name__}: {error}），未能检查", (), failed)]
    if reasons:
        text = "；".join(dict.fromkeys(reason.reason for reason in reasons))
        locations = tuple(location for reason in reasons for location in reason.locations)
        findings.append(_info(item, ctx, f"无法检查：{text}", locations))
    return findings


def _finding(item: Rule, ctx: CheckContext, hit: Hit) -> Finding:
    return Finding(
        rule=item.id,
        severity=hit.severity or item.severity,
        project=ctx.project.title,
        message=item.format_message(hit.values),
        name=item.name,
        values=dict(hit.values),
        locations=hit.locations,
    )


def _info(
    item: Rule,
    ctx: CheckContext,
    message: str,
    locations: Iterable[Location],
    values: dict[str, str] | None = None,
) -> Finding:
    """An info finding; with no evidence it points at the project's file, so readers know where to look."""
    evidence = tuple(locations)
    if not evidence and ctx.project.source_files:
        evidence = (Location(file=ctx.project.source_files[0]),)
    return Finding(
        rule=item.id,
        severity=Severity.info,
        project=ctx.project.title,
        message=message,
        name=item.name,
        values=values or {"unchecked": "true"},
        locations=evidence,
    )


def _score(project: Project) -> tuple[tuple[ScoredEvaluation, ...], str]:
    """Score a project for the rules that compare with computed scores; never raises."""
    try:
        from jixiao.scoring import score_project  # noqa: PLC0415  (scoring is optional for most rules)

        return tuple(score_project(project)), ""
    except ImportError as error:
        return (), f"评分模块不可用（{error}）"
    except Exception as error:
        log.exception("scoring failed on project %s", project.title)
        return (), f"评分失败（{type(error).__name__}: {error}）"
