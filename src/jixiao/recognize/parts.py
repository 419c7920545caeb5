"""What a recognizer returns: one recognized form or report with the project facts it states."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from jixiao.model import Finding, GoalCompletionTable, Report, ScoreSheet, SelfEvalForm, Stated

Recognized = SelfEvalForm | ScoreSheet | GoalCompletionTable | Report


@dataclass(frozen=True, slots=True)
class Part:
    """A form or report found in a document.

    `kind` is the `Project` field it fills (self_eval_form, score_sheet, goal_table, report), `position`
    the index of its first block, `name` the project name it states, `facts` other `Project` fields it
    states (code, year, department, unit, unit_code, project_type) as `Stated` values. `row` is the
    form's first grid row when several forms are stacked in one table (`segments`), else 0.
    """

    kind: str
    position: int
    name: Stated[str]
    value: Recognized
    facts: dict[str, Stated[Any]] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    row: int = 0

    @property
    def order(self) -> tuple[int, int]:
        """Body order: block, then row within a stacked sheet."""
        return self.position, self.row
