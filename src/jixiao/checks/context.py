"""What a rule sees (`CheckContext`) and what it yields (`Hit`, `Unchecked`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from jixiao.checks.policy import DEFAULT_POLICY, Policy, policy_for
from jixiao.checks.registry import SICHUAN, SICHUAN_REPORT, ZIYANG
from jixiao.model import Location, ReportKind, Severity

if TYPE_CHECKING:
    from collections.abc import Sequence

    from jixiao.checks._peers import Peers
    from jixiao.model import (
        GoalCompletionTable,
        Project,
        Report,
        ScoredEvaluation,
        ScoreSheet,
        SelfEvalForm,
    )


@dataclass(frozen=True, slots=True)
class CheckOptions:
    """Run options (never module globals).

    Scheme numbers (grades, weights, bands) come from `policy`; `rate_tolerance` is the §G01 0.01 pp;
    `score_tolerance` accepts one-decimal rounding (§H-9); `strict` re-raises rule exceptions (tests).
    """

    rate_tolerance: Decimal = Decimal("0.0001")
    score_tolerance: Decimal = Decimal("0.05")
    strict: bool = False
    only: frozenset[str] = frozenset()  # run only these rule ids (empty: all)


@dataclass(frozen=True, slots=True)
class Hit:
    """A problem a rule found: the message values and every piece of evidence, in reading order."""

    values: dict[str, str]
    locations: tuple[Location, ...] = ()
    severity: Severity | None = None  # None: the rule's own severity


@dataclass(frozen=True, slots=True)
class Unchecked:
    """The rule could not check this project; `reason` says why (becomes one info finding)."""

    reason: str
    locations: tuple[Location, ...] = ()


@dataclass(frozen=True, slots=True)
class CheckContext:
    """Read-only input of every rule: the project, its scores, the schemes and the rest of the batch."""

    project: Project
    evaluations: tuple[ScoredEvaluation, ...] = ()
    schemes: frozenset[str] = frozenset()
    batch: Sequence[Project] = ()  # the other projects of the same submission
    options: CheckOptions = field(default_factory=CheckOptions)
    scoring_error: str = ""  # why scoring failed, when it did
    peers: Peers | None = None  # the batch index `check_projects` builds once (see checks._peers)

    @property
    def form(self) -> SelfEvalForm | None:
        """The Sichuan/national 自评表, if present."""
        return self.project.self_eval_form

    @property
    def sheet(self) -> ScoreSheet | None:
        """The Ziyang 计分表, if present."""
        return self.project.score_sheet

    @property
    def goal_table(self) -> GoalCompletionTable | None:
        """The Ziyang 绩效目标完成情况表, if present."""
        return self.project.goal_table

    @property
    def report(self) -> Report | None:
        """The narrative 自评报告, if present."""
        return self.project.report

    @property
    def year(self) -> int | None:
        """The budget year: the project's, else the report's."""
        if self.project.year.value is not None:
            return self.project.year.value
        return self.report.year.value if self.report else None

    def policy(self, *scheme_ids: str) -> Policy:
        """The policy of the first of `scheme_ids` the project is checked under (defaults otherwise)."""
        chosen = next((scheme for scheme in scheme_ids if scheme in self.schemes), None)
        return policy_for(chosen) if chosen else DEFAULT_POLICY

    def evaluation(self, *scheme_ids: str) -> ScoredEvaluation | None:
        """The evaluation under one of `scheme_ids` (any when none given)."""
        for evaluation in self.evaluations:
            if not scheme_ids or evaluation.scheme in scheme_ids:
                return evaluation
        return None


def infer_schemes(project: Project, evaluations: tuple[ScoredEvaluation, ...]) -> frozenset[str]:
    """The schemes a project is checked under: stated, scored, or implied by its documents."""
    found = {evaluation.scheme for evaluation in evaluations}
    if project.scheme:
        found.add(project.scheme)
    if project.self_eval_form is not None and not found.intersection({SICHUAN, "national-project-2020"}):
        found.add(SICHUAN)
    if project.score_sheet is not None or project.goal_table is not None:
        found.add(ZIYANG)
    if project.report is not None and project.report.kind is ReportKind.sichuan_special:
        found.add(SICHUAN_REPORT)
    return frozenset(found)
