"""Rankings of the visible projects by department or region, with the forced 20/20/55/5 % grades.

What the dashboard shows of a ranking depends only on each group's multiset of totals and on its first
rows, so neither is computed from 100,000 Python objects: the database returns, per group, how many
projects have each total (`GROUP BY group, total`) and the first SHOWN_PER_GROUP rows in ranking order
(`ROW_NUMBER() OVER (PARTITION BY group ORDER BY total DESC, name, pk)`), and `distribute_counts`
places the totals into grades from those counts. The semantics are those of the core's
`api.rank_projects` / `api.distribute_grades` (rules.md §B7, §K): ranks shared by equal totals,
unscored projects last, equal totals share the grade of the best-placed among them, the same quotas
and issue messages; `tests/web/test_rankings.py` compares both on projects with many ties.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.db import connection
from django.db.models import CharField, Count, F, Q, Window
from django.db.models.functions import Cast, Collate, RowNumber

from jixiao import api

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from django.db.models import QuerySet

    from jixiao.web.models import ProjectRecord

SHOWN_PER_GROUP = 10
GROUP_FIELDS = {
    api.RankBy.department: "unit__department__name",
    api.RankBy.region: "unit__department__region__name",
    api.RankBy.all: None,
}
POLICY = replace(api.DistributionPolicy(), noun="项目")  # what `api.rank_projects` ranks with
# Byte-wise string order (UTF-8 bytes sort like code points), the order Python's `sorted` uses.
COUNT_WORDS = {2: "两", 3: "三", 4: "四"}
BINARY_COLLATIONS = {"postgresql": "C", "sqlite": "BINARY"}


@dataclass(frozen=True, slots=True)
class GroupDistribution:
    """A group's forced distribution: quotas, the grade of each total, and the issues as shown."""

    count: int
    quotas: dict[api.Grade, int]
    forced: dict[Decimal, api.Grade] = field(default_factory=dict)
    issues: tuple[tuple[str, bool], ...] = ()  # (message, is a violation)


def rankings(projects: QuerySet[ProjectRecord], by: api.RankBy = api.RankBy.department) -> dict[str, Any]:
    """The ranking groups for the dashboard: counts, quotas, distribution issues and the top rows."""
    histograms = _histograms(projects, by)
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
    distribution = distribute_counts(scored)
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
            {"message": message, "violation": violation} for message, violation in distribution.issues
        ],
        "rows": [
            {
                "rank": None if row["total"] is None else ranks[row["total"]],
                "pk": row["pk"],
                "title": row["name"],
                "unit": row["unit__name"],
                "total": None if row["total"] is None else format(row["total"], "f"),
                "grade": row["grade"] or "",
                "forced": forced.value if (forced := distribution.forced.get(row["total"])) else "",
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


def distribute_counts(
    scores: Sequence[tuple[Decimal, int]], policy: api.DistributionPolicy = POLICY
) -> GroupDistribution:
    """`api.distribute_grades` from (total, how many) pairs sorted high to low, without one entry each.

    Places are handed out by rank: the first quota of places is 优, and so on; a total gets the grade
    of its first place (equal totals share the better grade, as in `api.rank_projects`). A total whose
    places straddle a grade boundary, and a total held by more places of one grade than its tie limit,
    are reported with the core's messages.
    """
    count = sum(n for _, n in scores)
    quotas = _quotas(count, policy)
    if count <= 1:
        text = f"只有{count}个{policy.noun}" if count else f"没有可读取得分的{policy.noun}"
        return GroupDistribution(
            count, quotas, issues=((f"{text}，不适用20%/20%/55%/5%等级分布规则", False),)
        )
    segments = _segments(count, quotas, policy)  # (grade, first place, end) in rank order
    forced: dict[Decimal, api.Grade] = {}
    spans: list[tuple[Decimal, int, list[tuple[api.Grade, int]]]] = []  # total, n, places per grade
    start = 0
    for total, n in scores:
        parts = [(grade, min(end, start + n) - max(low, start)) for grade, low, end in segments]
        parts = [(grade, size) for grade, size in parts if size > 0]
        forced[total] = parts[0][0]
        spans.append((total, n, parts))
        start += n
    issues = [
        *_quota_note(count, quotas, policy),
        *_boundary_ties(spans, policy),
        *_grade_ties(spans, policy),
    ]
    return GroupDistribution(count, quotas, forced, tuple(issues))


def _quotas(count: int, policy: api.DistributionPolicy) -> dict[api.Grade, int]:
    """half-up(n × share) per grade, the remainder to `remainder_grade` (rules.md §K)."""
    quotas = {
        grade: int((count * share).quantize(Decimal(1), rounding=ROUND_HALF_UP))
        for grade, share in policy.shares
    }
    others = sum(quota for grade, quota in quotas.items() if grade is not policy.remainder_grade)
    quotas[policy.remainder_grade] = max(0, count - others)
    return quotas


def _segments(
    count: int, quotas: dict[api.Grade, int], policy: api.DistributionPolicy
) -> list[tuple[api.Grade, int, int]]:
    """Each grade's places [first, end) in rank order; places past `count` are dropped."""
    segments, start = [], 0
    for grade, _ in policy.shares:
        end = min(count, start + quotas[grade])
        segments.append((grade, start, end))
        start = end
    return segments


def _quota_note(
    count: int, quotas: dict[api.Grade, int], policy: api.DistributionPolicy
) -> list[tuple[str, bool]]:
    empty = [grade for grade, share in policy.shares if share > 0 and quotas[grade] == 0]
    if not empty:
        return []
    names = "、".join(grade.value for grade in empty)
    plan = " ".join(f"{grade.value}{quotas[grade]}" for grade, _ in policy.shares)
    return [
        (f"{policy.noun}数{count}个过少，无法满足等级比例：{names}名额为0（按四舍五入分配：{plan}）", False)
    ]


def _boundary_ties(
    spans: Sequence[tuple[Decimal, int, list[tuple[api.Grade, int]]]], policy: api.DistributionPolicy
) -> list[tuple[str, bool]]:
    return [
        (
            f"{n}个{policy.noun}得分同为{_points(total)}分，按排名分布落在{_grade_list(parts)}，不同等级的得分应有区分",
            True,
        )
        for total, n, parts in spans
        if len(parts) > 1
    ]


def _grade_list(parts: Sequence[tuple[api.Grade, int]]) -> str:
    """「优」与「良」两个等级, 「优」「良」「中」三个等级 (as the core names the grades a total spans)."""
    names = [f"「{grade.value}」" for grade, _ in parts]
    joined = "与".join(names) if len(names) == 2 else "".join(names)
    return f"{joined}{COUNT_WORDS.get(len(names), str(len(names)))}个等级"


def _grade_ties(
    spans: Sequence[tuple[Decimal, int, list[tuple[api.Grade, int]]]], policy: api.DistributionPolicy
) -> list[tuple[str, bool]]:
    issues = []
    for grade, _ in policy.shares:
        held = [(total, size) for total, _, parts in spans for part, size in parts if part is grade]
        members = sum(size for _, size in held)
        limit = max(1, int((members * policy.tie_share).to_integral_value(rounding=ROUND_DOWN)))
        issues += [
            (
                (
                    f"「{grade.value}」等级{members}个{policy.noun}中有{times}个得分同为{_points(total)}分，"
                    f"同分{policy.noun}最多{limit}个（该等级{policy.noun}数的10%）"
                ),
                True,
            )
            for total, times in held
            if times > limit
        ]
    return issues


def _points(value: Decimal) -> str:
    """A total in a message without exponent notation or trailing zeros (as the core writes it)."""
    return format(value.normalize(), "f")
