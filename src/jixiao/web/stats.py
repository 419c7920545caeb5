"""Dashboard figures from the stored summary columns (counts and bins; no scoring here)."""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from jixiao.web.states import STATUS_CHOICES

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from jixiao.web.models import ProjectRecord

GRADES = ("优", "良", "中", "差")
SCORE_BINS: tuple[tuple[str, Decimal, Decimal], ...] = (
    ("<60", Decimal(0), Decimal(60)),
    ("60-70", Decimal(60), Decimal(70)),
    ("70-80", Decimal(70), Decimal(80)),
    ("80-90", Decimal(80), Decimal(90)),
    ("90-100", Decimal(90), Decimal(1000)),
)
RATE_BINS: tuple[tuple[str, Decimal, Decimal], ...] = (
    ("<50%", Decimal(-1000), Decimal("0.5")),
    ("50-80%", Decimal("0.5"), Decimal("0.8")),
    ("80-90%", Decimal("0.8"), Decimal("0.9")),
    ("90-100%", Decimal("0.9"), Decimal(1)),
    ("≥100%", Decimal(1), Decimal(1000)),
)
TOP_FINDINGS = 10


def _bin(values: list[Decimal], bins: tuple[tuple[str, Decimal, Decimal], ...]) -> list[int]:
    return [sum(1 for value in values if low <= value < high) for _, low, high in bins]


def dashboard(projects: QuerySet[ProjectRecord]) -> dict[str, Any]:
    """Counts by status and grade, score and execution-rate histograms, frequent findings, 点位 notes."""
    rows = list(projects.defer("data", "evaluation"))
    statuses = Counter(row.status for row in rows)
    grades = Counter(row.grade for row in rows if row.grade)
    totals = [row.total for row in rows if row.total is not None]
    rates = [row.execution_rate for row in rows if row.execution_rate is not None]
    rules: Counter[str] = Counter()
    examples: dict[str, str] = {}
    points = [
        {"project": row.name, "count": row.allocation["count"], "applicable": row.allocation["applicable"],
         "quotas": [row.allocation["quotas"].get(grade, 0) for grade in GRADES],
         "issues": row.allocation["issues"]}
        for row in rows if row.allocation
    ]  # fmt: skip
    for row in rows:
        for finding in row.findings or []:
            if finding.get("severity") in {"error", "warning"}:
                rules[finding.get("rule", "")] += 1
                examples.setdefault(finding.get("rule", ""), finding.get("message", ""))
    departments: dict[str, Counter[str]] = {}
    for row in rows:
        departments.setdefault(row.unit.department.name, Counter())[row.status] += 1
    return {
        "count": len(rows),
        "status_counts": [
            {"value": statuses.get(value, 0), "name": label} for value, label in STATUS_CHOICES
        ],
        "grade_counts": [{"name": grade, "value": grades.get(grade, 0)} for grade in GRADES],
        "score_bins": {"labels": [b[0] for b in SCORE_BINS], "counts": _bin(totals, SCORE_BINS)},
        "rate_bins": {"labels": [b[0] for b in RATE_BINS], "counts": _bin(rates, RATE_BINS)},
        "top_findings": [
            {"rule": rule, "example": examples[rule], "count": count}
            for rule, count in rules.most_common(TOP_FINDINGS)
        ],
        "points": points[:100],
        "departments": [
            {
                "name": name,
                "total": sum(counter.values()),
                "by_status": [counter.get(value, 0) for value, _ in STATUS_CHOICES],
            }
            for name, counter in sorted(departments.items())
        ],
    }
