"""Rankings of the visible projects by department or region, with the forced 20/20/55/5 % grades.

What the dashboard shows of a ranking depends only on each group's multiset of totals and on its first
rows, so neither is computed from 100,000 Python objects: the database returns, per group, how many
projects have each total (`GROUP BY group, total`) and the first SHOWN_PER_GROUP rows in ranking order
(`ROW_NUMBER() OVER (PARTITION BY group ORDER BY total DESC, name, pk)` over the rows whose total can
place them there), and the core places the totals into grades from those counts
(`api.distribute_grade_counts`). The semantics are those of `api.rank_projects` (rules.md §B7, §K):
ranks shared by equal totals, unscored projects last, equal totals share the grade of the best-placed
among them, the same quotas and issue messages; `tests/web/test_rankings.py` compares both on
projects with many ties.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import CharField, Count, F, Q, Sum, Window
from django.db.models.functions import Cast, Collate, RowNumber

from jixiao import api
from jixiao.web.models import UnitTotal

if TYPE_CHECKING:
    from collections.abc import Iterable
    from decimal import Decimal

    from django.db.models import QuerySet

    from jixiao.web.models import ProjectRecord, Unit

SHOWN_PER_GROUP = 10
GROUP_FIELDS = {
    api.RankBy.department: "unit__department__name",
    api.RankBy.region: "unit__department__region__name",
    api.RankBy.all: None,
}
POLICY = replace(api.DistributionPolicy(), noun="项目")  # what `api.rank_projects` ranks with
# Byte-wise string order (UTF-8 bytes sort like code points), the order Python's `sorted` uses.
BINARY_COLLATIONS = {"postgresql": "C", "sqlite": "BINARY"}


def rankings(
    projects: QuerySet[ProjectRecord],
    by: api.RankBy = api.RankBy.department,
    units: QuerySet[Unit] | None = None,
) -> dict[str, Any]:
    """The ranking groups for the dashboard: counts, quotas, distribution issues and the top rows.

    With `units` (whose projects `projects` are exactly) the totals per group come from the units'
    kept histograms (`UnitTotal`); the first rows always from the projects.
    `FiguresOutOfDate` when those histograms lack a group or a total the projects have (projects
    written behind the app's back; `stats.dashboard` then rebuilds the figures).
    """
    if units is None:
        return _ranked(_histograms(projects, by), projects, by)
    try:
        return _ranked(_unit_histograms(units, by), projects, by)
    except KeyError as error:  # a group or total of the first rows that the kept histograms lack
        raise FiguresOutOfDate from error


class FiguresOutOfDate(Exception):  # noqa: N818 (a state, not an error of the caller)
    """The units' kept totals (`UnitTotal`) disagree with their projects."""


def _ranked(
    histograms: dict[str, Counter[Decimal | None]], projects: QuerySet[ProjectRecord], by: api.RankBy
) -> dict[str, Any]:
    """The ranking groups from the totals per group and the projects' first rows."""
    names = _group_names(histograms, by)
    merged: dict[str, Counter[Decimal | None]] = {}
    for raw, counts in histograms.items():
        merged.setdefault(names[raw], Counter()).update(counts)
    thresholds = {raw: _threshold(merged[names[raw]]) for raw in histograms}
    candidates: dict[str, list[dict[str, Any]]] = {}
    for raw, rows in _first_rows(projects, by, thresholds).items():
        candidates.setdefault(names[raw], []).extend(rows)
    return {
        "by": by.value,
        "label": api.RANK_BY_LABELS[by],
        "shown": SHOWN_PER_GROUP,
        "groups": [_group(name, merged[name], candidates.get(name, [])) for name in sorted(merged)],
    }


def _group(name: str, counts: Counter[Decimal | None], candidates: list[dict[str, Any]]) -> dict[str, Any]:
    scored = sorted(((total, n) for total, n in counts.items() if total is not None), reverse=True)
    distribution = api.distribute_grade_counts(scored, POLICY)
    higher, ranks = 0, {}
    for total, n in scored:  # competition ranks: 1 + how many have a higher total
        ranks[total] = higher + 1
        higher += n
    candidates.sort(key=_sort_key)
    return {
        "name": name,
        "count": sum(counts.values()),
        "ranked": distribution.count,
        "quotas": [distribution.quotas.get(grade, 0) for grade in api.Grade],
        "issues": [
            {"message": issue.message, "violation": issue.is_violation} for issue in distribution.issues
        ],
        "rows": [
            {
                "rank": None if row["total"] is None else ranks[row["total"]],
                "pk": row["pk"],
                "title": row["name"],
                "unit": row["unit__name"],
                "total": None if row["total"] is None else format(row["total"], "f"),
                "grade": row["grade"] or "",
                "forced": forced.value if (forced := distribution.shared_grades.get(row["total"])) else "",
            }
            for row in candidates[:SHOWN_PER_GROUP]
        ],
    }


def _sort_key(row: dict[str, Any]) -> tuple[object, ...]:
    """The core's ranking order: high totals first, then title and key (the pk as text); unscored last."""
    total = row["total"]
    return (total is None, -total if total is not None else 0, row["name"], str(row["pk"]))


def _histograms(projects: QuerySet[ProjectRecord], by: api.RankBy) -> dict[str, Counter[Decimal | None]]:
    """How many projects of each raw group value have each total (None: not scored)."""
    field_name = GROUP_FIELDS[by]
    columns = (field_name, "total") if field_name else ("total",)
    rows = projects.order_by().values(*columns).annotate(n=Count("id"))
    histograms: dict[str, Counter[Decimal | None]] = {}
    for row in rows:
        histograms.setdefault(row[field_name] if field_name else "", Counter())[row["total"]] += row["n"]
    return histograms


def _unit_histograms(units: QuerySet[Unit], by: api.RankBy) -> dict[str, Counter[Decimal | None]]:
    """`_histograms` from the units' kept totals: a grouped sum over at most one row per unit and total."""
    field_name = GROUP_FIELDS[by]
    columns = (field_name, "total") if field_name else ("total",)
    rows = (
        UnitTotal.objects.filter(unit__in=units.order_by().values("pk"))
        .order_by()
        .values(*columns)
        .annotate(n=Sum("count"))
    )
    histograms: dict[str, Counter[Decimal | None]] = {}
    for row in rows:
        histograms.setdefault(row[field_name] if field_name else "", Counter())[row["total"]] += int(row["n"])
    return histograms


def _threshold(counts: Counter[Decimal | None]) -> Decimal | None:
    """The lowest total among a group's first SHOWN_PER_GROUP ranked rows (None: fewer are scored)."""
    seen = 0
    for total in sorted((total for total in counts if total is not None), reverse=True):
        seen += counts[total]
        if seen >= SHOWN_PER_GROUP:
            return total
    return None


def _first_rows(
    projects: QuerySet[ProjectRecord], by: api.RankBy, thresholds: dict[str, Decimal | None]
) -> dict[str, list[dict[str, Any]]]:
    """The first SHOWN_PER_GROUP rows of each raw group value in ranking order (one window query).

    Only rows that can be among them take part: a group's rows with a total at least its threshold
    (every row of a group with fewer scored rows), so the window sorts a few rows, not all.
    """
    field_name = GROUP_FIELDS[by]
    candidates = Q()
    for raw, threshold in thresholds.items():
        in_group = Q(**{field_name: raw}) if field_name else Q()
        candidates |= in_group & Q(total__gte=threshold) if threshold is not None else in_group
    if not thresholds:
        return {}
    projects = projects.filter(candidates)
    collation = BINARY_COLLATIONS.get(connection.vendor)
    name, key = F("name"), Cast("pk", output_field=CharField())
    order = [F("total").desc(nulls_last=True), Collate(name, collation) if collation else name]
    order.append(Collate(key, collation) if collation else key)
    window = Window(RowNumber(), partition_by=[F(field_name)] if field_name else [], order_by=order)
    columns = ["pk", "name", "unit__name", "total", "grade", *([field_name] if field_name else [])]
    rows = projects.order_by().annotate(place=window).filter(Q(place__lte=SHOWN_PER_GROUP)).values(*columns)
    first: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        first.setdefault(row[field_name] if field_name else "", []).append(row)
    return first


def _group_names(raw_values: Iterable[str], by: api.RankBy) -> dict[str, str]:
    """The core's group name for each raw department or region name (blank → 未填写, all → 全部)."""
    values = sorted(raw_values)
    rows = [
        api.SummaryRow(key=str(index), title="", department=value, region=value)
        for index, value in enumerate(values)
    ]
    return {
        values[int(item.row.key)]: group.name for group in api.rank_projects(rows, by) for item in group.rows
    }
