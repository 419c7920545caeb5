"""The domain model: projects, budgets, indicator trees, forms, reports, scores and findings.

Pure pydantic/dataclass types with Decimal arithmetic; imports nothing outside `jixiao.model`.
"""

from __future__ import annotations

from jixiao.model.budget import FUND_SOURCE_LABELS, BudgetExecution, FundRow, FundSource
from jixiao.model.finding import Finding, Severity
from jixiao.model.forms import (
    CompletionFundRow,
    GoalCompletionTable,
    GoalIndicatorRow,
    ProjectType,
    ScoreSheet,
    ScoreSheetGroup,
    ScoreSheetItem,
    SelfEvalForm,
)
from jixiao.model.indicator import DIRECTION_SYMBOLS, Direction, Indicator, QualitativeOutcome, TargetRow
from jixiao.model.location import Location
from jixiao.model.money import Money, MoneyUnit
from jixiao.model.project import Batch, Project
from jixiao.model.report import AllocationPoint, Figure, Report, ReportKind
from jixiao.model.scored import Grade, GroupScore, ScoredEvaluation, ScoredItem
from jixiao.model.stated import Stated
from jixiao.model.values import Comparator, ParsedValue, ValueKind

__all__ = [
    "DIRECTION_SYMBOLS",
    "FUND_SOURCE_LABELS",
    "AllocationPoint",
    "Batch",
    "BudgetExecution",
    "Comparator",
    "CompletionFundRow",
    "Direction",
    "Figure",
    "Finding",
    "FundRow",
    "FundSource",
    "GoalCompletionTable",
    "GoalIndicatorRow",
    "Grade",
    "GroupScore",
    "Indicator",
    "Location",
    "Money",
    "MoneyUnit",
    "ParsedValue",
    "Project",
    "ProjectType",
    "QualitativeOutcome",
    "Report",
    "ReportKind",
    "ScoreSheet",
    "ScoreSheetGroup",
    "ScoreSheetItem",
    "ScoredEvaluation",
    "ScoredItem",
    "SelfEvalForm",
    "Severity",
    "Stated",
    "TargetRow",
    "ValueKind",
]
