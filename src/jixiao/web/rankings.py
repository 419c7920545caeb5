"""Rankings of the visible projects by department or region, with the forced 20/20/55/5 % grades.

The rows come from the denormalised columns only (title, tenancy names, total, grade), never from the
project JSON, and the core ranks them (`api.rank_projects`, rules.md §B7). Each group keeps its
first rows for the page; the full list is in the department summary workbook.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from jixiao import api

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from jixiao.web.models import ProjectRecord

SHOWN_PER_GROUP = 10
CHUNK = 5000
COLUMNS = ("pk", "name", "unit__department__name", "unit__department__region__name", "unit__name", "total",
           "grade")  # fmt: skip


def summary_rows(projects: QuerySet[ProjectRecord]) -> list[api.SummaryRow]:
    """One summary row per project, from the stored columns."""
    return [
        api.SummaryRow(
            key=str(pk), title=name, department=department, region=region, unit=unit, total=total,
            grade=api.Grade(grade) if grade else None,
        )
        for pk, name, department, region, unit, total, grade in projects.order_by()
        .values_list(*COLUMNS)
        .iterator(chunk_size=CHUNK)
    ]  # fmt: skip


def rankings(projects: QuerySet[ProjectRecord], by: api.RankBy = api.RankBy.department) -> dict[str, Any]:
    """The ranking groups for the dashboard: counts, quotas, distribution issues and the top rows."""
    groups = api.rank_projects(summary_rows(projects), by)
    return {
        "by": by.value,
        "label": api.RANK_BY_LABELS[by],
        "shown": SHOWN_PER_GROUP,
        "groups": [
            {
                "name": group.name,
                "count": len(group.rows),
                "ranked": group.ranked_count,
                "quotas": [group.distribution.quotas.get(grade, 0) for grade in api.Grade],
                "issues": [
                    {"message": issue.message, "violation": issue.is_violation}
                    for issue in group.distribution.issues
                ],
                "rows": [
                    {
                        "rank": item.rank,
                        "pk": int(item.row.key),
                        "title": item.row.title,
                        "unit": item.row.unit,
                        "total": None if item.row.total is None else format(item.row.total, "f"),
                        "grade": item.row.grade.value if item.row.grade else "",
                        "forced": item.forced_grade.value if item.forced_grade else "",
                    }
                    for item in group.rows[:SHOWN_PER_GROUP]
                ],
            }
            for group in groups
        ],
    }
