"""Dashboard figures aggregated in the database from the stored summary columns (no scoring here).

Given the scope's units, the counts, histograms, departments, top finding rules and the rankings'
per-group totals are sums over the per-unit figures kept on every change (`figures.py`): at most a
few rows per unit, whatever the number of projects. Without units (the reference the tests compare
with, and what `figures.rebuild` mirrors) every figure is one SQL aggregate over the scoped
queryset: counts by status and grade and the histogram buckets in one pass
(`COUNT(*) FILTER (WHERE …)`), departments with `GROUP BY`, the top rules from `FindingRuleCount`.
Per-project parts (the rankings' first rows, the first 100 点位 summaries) always read the projects.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import time
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db.models import Count, Max, Q, Sum

from jixiao import api
from jixiao.web import rankings
from jixiao.web.models import FindingRuleCount, UnitFigures, UnitRuleCount
from jixiao.web.states import STATUS_CHOICES

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.db.models import QuerySet

    from jixiao.web.models import ProjectRecord, Unit

logger = logging.getLogger(__name__)
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
POINTS_SHOWN = 100
CACHE_SECONDS = 30  # the longest a dashboard lags behind a change made in another process
GENERATION_KEY = "jixiao:dashboard:generation"  # every dashboard (restore, deletes)
SCOPE_GENERATION_KEY = "jixiao:dashboard:gen:{}"  # one scope: unit:<id>, department:<id>, region:<id>, all
_computing: dict[str, threading.Lock] = {}  # per scope: one thread computes a missing dashboard
_computing_guard = threading.Lock()


def invalidate(*scopes: str) -> None:
    """Make cached dashboards stale: those of the named scopes (`policy.scope_keys_of`), or all of them.

    A scope's generation gets a new random value (one cache round trip for all the scopes); the
    global one is incremented, so dropping everything stays cheap even when called once per row.
    """
    if scopes:
        cache.set_many({SCOPE_GENERATION_KEY.format(scope): _fresh_generation() for scope in scopes}, None)
        return
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # not set yet (or evicted)
        cache.set(GENERATION_KEY, _fresh_generation(), None)


def _fresh_generation() -> int:
    """A value no earlier generation of the key can have had (a key may be evicted and set again)."""
    return time.time_ns() + secrets.randbelow(1 << 20)


def _generations(scope: str) -> str:
    """The global generation and the scope's, as one key part (set when missing; one round trip)."""
    keys = [GENERATION_KEY, SCOPE_GENERATION_KEY.format(scope)]
    values = cache.get_many(keys)
    for key in keys:
        if key not in values:
            cache.add(key, _fresh_generation(), None)  # another process may have set it meanwhile
            values[key] = cache.get(key)
    return f"{values[keys[0]]}-{values[keys[1]]}"


def cached_dashboard(
    projects: QuerySet[ProjectRecord],
    by: api.RankBy = api.RankBy.department,
    scope: str = "all",
    units: QuerySet[Unit] | None = None,
) -> dict[str, Any]:
    """`dashboard(projects, by, units)`, reused for up to CACHE_SECONDS until a project of the scope changes.

    `scope` names the one scope object the projects belong to (`policy.scope_key`): a change of a
    project makes stale only the dashboards of its unit, department, region and of "all"
    (`apps.WebConfig.ready`), a restore all of them. The key is the scoped query's SQL (so each
    scope and ranking has its own entry) and the two generation numbers; `data["key"]` names it, so
    the page can cache its rendered sections under the same key. While one thread recomputes a
    scope's figures, concurrent requests get the previous figures of that scope instead of waiting;
    other scopes (other users' dashboards) are computed at the same time, not one after another.
    """
    generations = _generations(scope)
    try:
        sql = str(projects.order_by().query)
    except EmptyResultSet:  # nothing visible (a user without a role)
        sql = "none"
    digest = hashlib.sha256(f"{by.value}:{sql}".encode()).hexdigest()[:32]
    key, stale_key = f"jixiao:dashboard:{generations}:{digest}", f"jixiao:dashboard:last:{digest}"
    data: dict[str, Any] | None = cache.get(key)
    if data is not None:
        return data
    stale: dict[str, Any] | None = cache.get(stale_key)
    with _computing_guard:
        computing = _computing.setdefault(digest, threading.Lock())
    if not computing.acquire(blocking=stale is None):
        return stale or dashboard(projects, by, units)
    try:
        data = cache.get(key)
        if data is None:
            data = dashboard(projects, by, units) | {"key": key}
            cache.set(key, data, CACHE_SECONDS)
            cache.set(stale_key, data, CACHE_SECONDS * 20)
    finally:
        computing.release()
    return data


def in_bin(field: str, low: Decimal, high: Decimal) -> Q:
    """A histogram bin of the dashboard: low ≤ field < high (here and in the kept unit figures)."""
    return Q(**{f"{field}__gte": low, f"{field}__lt": high})


def _counts(projects: QuerySet[ProjectRecord]) -> dict[str, int]:
    """Every count of the cards and charts in one aggregate query."""
    aggregates: dict[str, Any] = {"count": Count("id")}
    aggregates |= {f"status_{value}": Count("id", filter=Q(status=value)) for value, _ in STATUS_CHOICES}
    aggregates |= {f"grade_{index}": Count("id", filter=Q(grade=grade)) for index, grade in enumerate(GRADES)}
    aggregates |= {
        f"score_{index}": Count("id", filter=in_bin("total", low, high))
        for index, (_, low, high) in enumerate(SCORE_BINS)
    }
    aggregates |= {
        f"rate_{index}": Count("id", filter=in_bin("execution_rate", low, high))
        for index, (_, low, high) in enumerate(RATE_BINS)
    }
    return {key: int(value or 0) for key, value in projects.order_by().aggregate(**aggregates).items()}


def _unit_counts(units: QuerySet[Unit]) -> dict[str, int]:
    """`_counts` from the units' figures: one grouped sum over their rows."""
    counts = {"count": 0} | {f"status_{value}": 0 for value, _ in STATUS_CHOICES}
    counts |= {f"grade_{index}": 0 for index in range(len(GRADES))}
    counts |= {f"score_{index}": 0 for index in range(len(SCORE_BINS))}
    counts |= {f"rate_{index}": 0 for index in range(len(RATE_BINS))}
    rows = (
        UnitFigures.objects.filter(unit__in=units.order_by().values("pk"))
        .order_by()
        .values("status", "grade", "score_bin", "rate_bin")
        .annotate(n=Sum("count"))
    )
    grade_index = {grade: index for index, grade in enumerate(GRADES)}
    for row in rows:
        n = int(row["n"])
        counts["count"] += n
        for key in (
            f"status_{row['status']}",
            f"grade_{grade_index.get(row['grade'], -1)}",
            f"score_{row['score_bin']}",
            f"rate_{row['rate_bin']}",
        ):
            if key in counts:
                counts[key] += n
    return counts


def _unit_top_findings(units: QuerySet[Unit]) -> list[dict[str, Any]]:
    """`_top_findings` from the units' rule counts."""
    return _top_rules(UnitRuleCount.objects.filter(unit__in=units.order_by().values("pk")))


def _unit_departments(units: QuerySet[Unit]) -> list[dict[str, Any]]:
    """`_departments` from the units' figures."""
    rows = (
        UnitFigures.objects.filter(unit__in=units.order_by().values("pk"))
        .order_by()
        .values("unit__department__name", "status")
        .annotate(n=Sum("count"))
    )
    return _by_department((row["unit__department__name"], row["status"], int(row["n"])) for row in rows)


def _top_findings(projects: QuerySet[ProjectRecord]) -> list[dict[str, Any]]:
    return _top_rules(FindingRuleCount.objects.filter(project__in=projects.order_by().values("pk")))


def _top_rules(counts: QuerySet[Any]) -> list[dict[str, Any]]:
    """The most frequent rules of rule-count rows (per project or per unit): total and an example."""
    rows = (
        counts.values("rule")
        .annotate(total=Sum("count"), example=Max("example"))
        .order_by("-total", "rule")[:TOP_FINDINGS]
    )
    return [{"rule": row["rule"], "example": row["example"], "count": int(row["total"])} for row in rows]


def _departments(projects: QuerySet[ProjectRecord]) -> list[dict[str, Any]]:
    rows = projects.order_by().values("unit__department__name", "status").annotate(n=Count("id"))
    return _by_department((row["unit__department__name"], row["status"], row["n"]) for row in rows)


def _by_department(rows: Iterable[tuple[str, str, int]]) -> list[dict[str, Any]]:
    """Departments by name with their count per status, from (department, status, count) rows."""
    by_name: dict[str, dict[str, int]] = {}
    for name, status, n in rows:
        counts = by_name.setdefault(name, {})
        counts[status] = counts.get(status, 0) + n
    return [
        {
            "name": name,
            "total": sum(counts.values()),
            "by_status": [counts.get(value, 0) for value, _ in STATUS_CHOICES],
        }
        for name, counts in sorted(by_name.items())
    ]


def _points(projects: QuerySet[ProjectRecord]) -> list[dict[str, Any]]:
    rows = projects.exclude(allocation={}).order_by("name", "pk").values("name", "allocation")[:POINTS_SHOWN]
    return [
        {"project": row["name"], "count": row["allocation"]["count"],
         "applicable": row["allocation"]["applicable"],
         "quotas": [row["allocation"]["quotas"].get(grade, 0) for grade in GRADES],
         "issues": row["allocation"]["issues"]}
        for row in rows
    ]  # fmt: skip


def dashboard(
    projects: QuerySet[ProjectRecord],
    by: api.RankBy = api.RankBy.department,
    units: QuerySet[Unit] | None = None,
) -> dict[str, Any]:
    """Counts, histograms, frequent findings, 点位 notes, and the rankings (see `rankings.py`).

    `units`: the units whose projects `projects` are exactly (`policy.scope_units`); the figures
    then come from their kept summaries. Without it everything is aggregated over `projects`. Kept
    figures found out of date (projects written behind the app's back, see `figures.py`) are
    rebuilt for these units first, with a warning in the log.
    """
    if units is None:
        return _dashboard(projects, by, None)
    try:
        return _dashboard(projects, by, units)
    except rankings.FiguresOutOfDate:
        from jixiao.web import figures  # noqa: PLC0415 (figures imports this module)

        unit_ids = list(units.order_by().values_list("pk", flat=True))
        logger.warning("dashboard figures out of date for %d units: rebuilt", len(unit_ids))
        figures.rebuild(unit_ids)
        return _dashboard(projects, by, units)


def _dashboard(
    projects: QuerySet[ProjectRecord], by: api.RankBy, units: QuerySet[Unit] | None
) -> dict[str, Any]:
    counts = _counts(projects) if units is None else _unit_counts(units)
    return {
        "count": counts["count"],
        "status_counts": [
            {"value": counts[f"status_{value}"], "name": label} for value, label in STATUS_CHOICES
        ],
        "grade_counts": [{"name": grade, "value": counts[f"grade_{i}"]} for i, grade in enumerate(GRADES)],
        "score_bins": {
            "labels": [b[0] for b in SCORE_BINS],
            "counts": [counts[f"score_{i}"] for i in range(len(SCORE_BINS))],
        },
        "rate_bins": {
            "labels": [b[0] for b in RATE_BINS],
            "counts": [counts[f"rate_{i}"] for i in range(len(RATE_BINS))],
        },
        "top_findings": _top_findings(projects) if units is None else _unit_top_findings(units),
        "points": _points(projects),
        "departments": _departments(projects) if units is None else _unit_departments(units),
        "rankings": rankings.rankings(projects, by, units),
    }
