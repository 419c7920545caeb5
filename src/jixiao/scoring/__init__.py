"""Scoring: pure functions from model values and a scheme to scores with Chinese explanations.

Decimal with the scheme's rounding (ROUND_HALF_UP by default) throughout; never float. Formulas are a
closed, named set (`formulas`); schemes choose among them. Imports `jixiao.model` and
`jixiao.schemes` only; never Django, files, the clock or printing.
"""

from __future__ import annotations

from jixiao.scoring.budget import (
    carryover_rate,
    execution_basis,
    execution_rate,
    row_execution_rate,
    score_budget_execution,
)
from jixiao.scoring.evaluate import (
    DEFAULT_SCHEMES,
    SchemeNotApplicableError,
    score_form_items,
    score_project,
    score_with,
    select_schemes,
)
from jixiao.scoring.indicator import level1_group, score_indicator
from jixiao.scoring.sheet import score_sheet_item
from jixiao.scoring.totals import grade_for, total_of

__all__ = [
    "DEFAULT_SCHEMES",
    "SchemeNotApplicableError",
    "carryover_rate",
    "execution_basis",
    "execution_rate",
    "grade_for",
    "level1_group",
    "row_execution_rate",
    "score_budget_execution",
    "score_form_items",
    "score_indicator",
    "score_project",
    "score_sheet_item",
    "score_with",
    "select_schemes",
    "total_of",
]
