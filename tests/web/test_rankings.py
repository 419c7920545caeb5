"""The dashboard's rankings from SQL counts equal the core's `api.rank_projects` on the same projects."""

from __future__ import annotations

import random
from decimal import Decimal
from itertools import pairwise
from typing import Any

import pytest

from jixiao import api
from jixiao.web import rankings
from jixiao.web.models import Department, ProjectRecord, Region, Unit


def _seed(rows: int) -> None:
    """Projects in 2 regions × 3 departments (one named with spaces, one blank) with many equal totals."""
    generator = random.Random(11)
    units = []
    for region_name in ("甲市", "乙市"):
        region = Region.objects.create(name=region_name)
        for name in ("教育局", " 教育局 ", "  "):
            department = Department.objects.create(region=region, name=name)
            units += [Unit.objects.create(department=department, name=f"单位{n}") for n in range(2)]
    names = ["甲项目", "乙项目", "项目A", "项目a", "丙"]
    records = []
    for index in range(rows):
        total = (
            None
            if index % 17 == 0
            else Decimal(generator.choice(range(55, 100, 5))) + generator.choice((Decimal(0), Decimal("0.5")))
        )
        grade = "" if total is None else ("优" if total >= 90 else "良" if total >= 80 else "中")
        name = generator.choice(names) if index % 3 else f"项目{index}"
        records.append(ProjectRecord(unit=units[index % len(units)], name=name, total=total, grade=grade))
    ProjectRecord.objects.bulk_create(records)


def _reference(projects: Any, by: api.RankBy) -> dict[str, Any]:
    """The former implementation: every project as a SummaryRow through `api.rank_projects`."""
    columns = ("pk", "name", "unit__department__name", "unit__department__region__name", "unit__name", "total",
               "grade")  # fmt: skip
    rows = [
        api.SummaryRow(key=str(pk), title=name, department=department, region=region, unit=unit, total=total,
                       grade=api.Grade(grade) if grade else None)
        for pk, name, department, region, unit, total, grade in projects.order_by().values_list(*columns)
    ]  # fmt: skip
    groups = [
        {
            "name": group.name,
            "count": len(group.rows),
            "ranked": group.ranked_count,
            "quotas": [group.distribution.quotas.get(grade, 0) for grade in api.Grade],
            "issues": [{"message": i.message, "violation": i.is_violation} for i in group.distribution.issues],
            "rows": [
                {"rank": item.rank, "pk": int(item.row.key), "title": item.row.title, "unit": item.row.unit,
                 "total": None if item.row.total is None else format(item.row.total, "f"),
                 "grade": item.row.grade.value if item.row.grade else "",
                 "forced": item.forced_grade.value if item.forced_grade else ""}
                for item in group.rows[: rankings.SHOWN_PER_GROUP]
            ],
        }
        for group in api.rank_projects(rows, by)
    ]  # fmt: skip
    return {
        "by": by.value,
        "label": api.RANK_BY_LABELS[by],
        "shown": rankings.SHOWN_PER_GROUP,
        "groups": groups,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("by", list(api.RankBy))
def test_sql_rankings_equal_the_core_rankings(by: api.RankBy) -> None:
    _seed(420)
    everything = ProjectRecord.objects.all()
    one_region = ProjectRecord.objects.filter(unit__department__region__name="乙市")
    few = ProjectRecord.objects.filter(pk__in=ProjectRecord.objects.order_by("pk").values("pk")[:3])
    for projects in (everything, one_region, few, ProjectRecord.objects.none()):
        assert rankings.rankings(projects, by) == _reference(projects, by)
    groups = rankings.rankings(everything, by)["groups"]
    assert any(issue["violation"] for group in groups for issue in group["issues"])  # ties to compare
    assert any(row["rank"] == other["rank"] for group in groups for row, other in pairwise(group["rows"]))
