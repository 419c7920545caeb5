"""Per-unit dashboard figures (`UnitFigures`, `UnitRuleCount`, `UnitTotal`), kept on every change.

A unit's rows are recomputed COMPLETELY from its projects whenever one of them changes (one
aggregate per table over the unit's rows, no deltas, so nothing can drift): `apps.saved` calls
`refresh` for saves, workflow steps, creates, imports and re-checks, `apps.deleted` for deleted
projects; a restore and bulk loads call `rebuild`. The dashboard of a department, a region or of
everything then sums these rows (`stats.dashboard` with `units`) instead of aggregating every
project; the bins are the direct aggregation's own conditions (`stats.in_bin`, `stats.SCORE_BINS`).
Anything that writes projects or rule counts behind the app's back (COPY, a bare `.update()`) must
call `rebuild` afterwards, or the dashboards show the figures from before.

On PostgreSQL `refresh` first locks the unit's row (FOR NO KEY UPDATE, which does not block
inserting projects), so two transactions changing projects of one unit recompute one after the
other and the later one sees the earlier one's committed rows; SQLite has one writer at a time.
"""

from __future__ import annotations

import contextlib
import contextvars
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Case, Count, IntegerField, Max, Sum, Value, When

from jixiao.web.stats import RATE_BINS, SCORE_BINS, in_bin

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from django.apps.registry import Apps
    from django.db.models import Model, QuerySet

_suspended = contextvars.ContextVar("jixiao_figures_suspended", default=False)
NO_BIN = -1


@contextlib.contextmanager
def suspended() -> Iterator[None]:
    """Skip `refresh` meanwhile (a bulk change that calls `rebuild` afterwards, e.g. a restore)."""
    token = _suspended.set(True)
    try:
        yield
    finally:
        _suspended.reset(token)


def refresh(unit_id: int) -> None:
    """Recompute one unit's figures from its projects (inside the caller's transaction, if any)."""
    if _suspended.get():
        return
    from jixiao.web.models import Unit  # noqa: PLC0415

    with transaction.atomic():
        if not Unit.objects.select_for_update(no_key=True).filter(pk=unit_id).exists():
            return  # the unit is being deleted: its figures go with it
        rebuild([unit_id])


def rebuild(unit_ids: Iterable[int] | None = None, apps: Apps | None = None) -> int:
    """Recompute the figures of the given units (all when None); return how many rows were written.

    `apps` is a migration's model registry (the current models when None).
    """
    projects, rule_counts, figures, unit_rules, totals = _models(apps)
    ids = None if unit_ids is None else list(unit_ids)
    scoped = projects.objects.all() if ids is None else projects.objects.filter(unit_id__in=ids)
    for model in (figures, unit_rules, totals):
        (model.objects.all() if ids is None else model.objects.filter(unit_id__in=ids)).delete()
    rows: list[Any] = [figures(**row) for row in _figure_rows(scoped)]
    rules = rule_counts.objects.all() if ids is None else rule_counts.objects.filter(project__unit_id__in=ids)
    rows += [
        unit_rules(unit_id=row["project__unit_id"], rule=row["rule"], count=row["n"], example=row["example"])
        for row in rules.order_by()
        .values("project__unit_id", "rule")
        .annotate(n=Sum("count"), example=Max("example"))
    ]
    rows += [
        totals(unit_id=row["unit_id"], total=row["total"], count=row["n"])
        for row in scoped.order_by().values("unit_id", "total").annotate(n=Count("id"))
    ]
    written = 0
    for model in (figures, unit_rules, totals):
        written += len(
            model.objects.bulk_create([row for row in rows if isinstance(row, model)], batch_size=2000)
        )
    return written


def _figure_rows(projects: QuerySet[Any]) -> list[dict[str, Any]]:
    """Counts by unit, status, grade, score bin and rate bin (bins by `stats.in_bin`, as `stats._counts`)."""
    score_bin = _bins("total", SCORE_BINS)
    rate_bin = _bins("execution_rate", RATE_BINS)
    rows = (
        projects.order_by()
        .annotate(score_bin=score_bin, rate_bin=rate_bin)
        .values("unit_id", "status", "grade", "score_bin", "rate_bin")
        .annotate(count=Count("id"))
    )
    return list(rows)


def _bins(field: str, bins: tuple[tuple[str, Any, Any], ...]) -> Case:
    whens = [When(in_bin(field, low, high), then=Value(index)) for index, (_, low, high) in enumerate(bins)]
    return Case(*whens, default=Value(NO_BIN), output_field=IntegerField())


def _models(apps: Apps | None) -> tuple[type[Model], ...]:
    """ProjectRecord, FindingRuleCount, UnitFigures, UnitRuleCount, UnitTotal (of `apps` if given)."""
    names = ("ProjectRecord", "FindingRuleCount", "UnitFigures", "UnitRuleCount", "UnitTotal")
    if apps is not None:
        return tuple(apps.get_model("web", name) for name in names)
    from jixiao.web import models  # noqa: PLC0415

    return tuple(getattr(models, name) for name in names)
