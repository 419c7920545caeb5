"""Concurrent saves in one unit on PostgreSQL leave that unit's kept figures exact (figures.refresh's row lock).

Two threads save different projects of the same unit at the same moment, many times over. Each save
recomputes the unit's figures inside its transaction; without the lock on the unit's row the two
recomputations interleave (each deletes what it sees and inserts what it counted), and the figures end
up doubled or missing a change. SQLite has one writer at a time, so this runs on PostgreSQL only.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

import pytest
from django.db import connection, connections

from jixiao import api
from jixiao.web import figures, services, stats
from jixiao.web.models import ProjectRecord, Unit, UnitFigures, UnitRuleCount, UnitTotal

if TYPE_CHECKING:
    from conftest import World

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]
ROUNDS = 12


def _saver(world: World, pk: int, start: threading.Barrier, errors: list[BaseException]) -> None:
    try:
        user = world.users["unit_a1"]
        for round_ in range(ROUNDS):
            record = ProjectRecord.objects.get(pk=pk)
            score = str(10 + (round_ * 7 + pk) % 21)  # a new total each round
            start.wait(timeout=30)
            services.save_project(
                user, record, world.sample(f"并发{pk}-{round_}", indicator_score=score), record.version
            )
    except BaseException as error:  # noqa: BLE001 (reported by the test)
        errors.append(error)
        start.abort()
    finally:
        connections.close_all()


def _kept(unit_id: int) -> dict[str, list[tuple[object, ...]]]:
    """The unit's kept figure rows, without their ids, in a stable order."""
    rows: dict[str, list[tuple[object, ...]]] = {}
    for model in (UnitFigures, UnitRuleCount, UnitTotal):
        fields = [f.name for f in model._meta.concrete_fields if f.name != "id"]
        values = model.objects.filter(unit_id=unit_id).values_list(*fields)
        rows[model.__name__] = sorted(values, key=repr)
    return rows


def test_concurrent_saves_in_one_unit_keep_exact_figures(world: World) -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (SQLite has one writer at a time)")
    unit = world.units["a1"]
    second = services.create_project(world.users["unit_a1"], unit, world.sample("第二个项目"))
    start, errors = threading.Barrier(2), []
    threads = [
        threading.Thread(target=_saver, args=(world, pk, start, errors))
        for pk in (world.projects["a1"].pk, second.pk)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    kept = _kept(unit.pk)
    figures.rebuild([unit.pk])  # what the figures must be: recomputed from the committed projects
    assert kept == _kept(unit.pk)
    projects, units = ProjectRecord.objects.filter(unit=unit), Unit.objects.filter(pk=unit.pk)
    for by in api.RankBy:
        assert stats.dashboard(projects, by, units) == stats.dashboard(projects, by), by
    everything = ProjectRecord.objects.all()
    assert stats.dashboard(everything, api.RankBy.department, Unit.objects.all()) == stats.dashboard(
        everything, api.RankBy.department
    )
