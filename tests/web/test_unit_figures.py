"""The per-unit figures (`figures.py`) give exactly the dashboard of the direct aggregation, in every scope.

A few hundred projects with random statuses, grades, totals, rates and rule counts (bin edges
included) across units, departments (equal and blank names in different regions) and regions;
`stats.dashboard(projects, by, units)` (from the figures) must equal `stats.dashboard(projects, by)`
(aggregated over the projects) for every role's scope and ranking, also after saves, workflow
steps, a create, an import, deletes and a restore.
"""

from __future__ import annotations

import random
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from jixiao import api
from jixiao.web import backup, figures, imports, policy, services, stats, workflow
from jixiao.web.models import (
    Department,
    FindingRuleCount,
    Profile,
    ProjectRecord,
    Region,
    Role,
    Unit,
    UnitFigures,
    UnitRuleCount,
    UnitTotal,
)
from jixiao.web.states import STATUS_CHOICES, Status

if TYPE_CHECKING:
    from conftest import World

pytestmark = pytest.mark.django_db

ROWS = 360
TOTAL_EDGES = [Decimal(v) for v in ("0", "59.99", "60", "70", "79.99", "80", "90", "100", "-1", "100.5")]
RATE_EDGES = [Decimal(v) for v in ("-0.5", "0", "0.4999", "0.5", "0.8", "0.9", "0.9999", "1", "1.5")]
RULES = [f"R{n}" for n in range(14)]


def _seed(generator: random.Random) -> dict[str, Any]:
    """Two regions × three departments (one blank, one named alike in both) × two units, plus users."""
    users: dict[str, Any] = {
        "admin": get_user_model().objects.create_superuser("root", password="x-pass-123")
    }
    units: list[Unit] = []
    for r, region_name in enumerate(("甲市", "乙市")):
        region = Region.objects.create(name=region_name)
        _user(users, f"finance{r}", Role.FINANCE, region=region)
        for d, name in enumerate(("教育局", f"卫健委{r}", "")):
            department = Department.objects.create(region=region, name=name)
            _user(users, f"dept{r}{d}", Role.DEPARTMENT, department=department, region=region)
            for u in range(2):
                unit = Unit.objects.create(department=department, name=f"单位{u}")
                _user(users, f"unit{r}{d}{u}", Role.UNIT, unit=unit, region=region)
                units.append(unit)
    records = [_random_record(generator, units[generator.randrange(len(units))], n) for n in range(ROWS)]
    ProjectRecord.objects.bulk_create(records)
    counts = [
        FindingRuleCount(
            project=record, rule=rule, count=generator.randint(1, 5), example=f"例{generator.randint(0, 9)}"
        )
        for record in ProjectRecord.objects.all()
        for rule in generator.sample(RULES, generator.randint(0, 4))
    ]
    FindingRuleCount.objects.bulk_create(counts)
    figures.rebuild()
    return users


def _user(users: dict[str, Any], name: str, role: Role, **scope: Any) -> None:
    user = get_user_model().objects.create_user(name, password="x-pass-123")
    Profile.objects.create(user=user, role=role, **scope)
    users[name] = user


def _random_record(generator: random.Random, unit: Unit, n: int) -> ProjectRecord:
    total = generator.choice(
        [None, generator.choice(TOTAL_EDGES), Decimal(generator.randint(4000, 10000)) / 100]
    )
    rate = generator.choice(
        [None, generator.choice(RATE_EDGES), Decimal(generator.randint(0, 12000)) / 10000]
    )
    return ProjectRecord(
        unit=unit,
        name=generator.choice(["甲项目", "乙项目", f"项目{n}"]),
        status=generator.choice(STATUS_CHOICES)[0],
        grade=generator.choice(["优", "良", "中", "差", ""]),
        total=total,
        execution_rate=rate,
    )


def _assert_equal_everywhere(users: dict[str, Any]) -> None:
    """The figures' dashboard equals the direct aggregation for every user's scope and ranking."""
    for name, user in users.items():
        projects, units = policy.scope_projects(user), policy.scope_units(user)
        for by in api.RankBy:
            summed = stats.dashboard(projects, by, units)
            assert summed == stats.dashboard(projects, by), (name, by)
    everything = stats.dashboard(ProjectRecord.objects.all(), api.RankBy.region, Unit.objects.all())
    assert everything["count"] == ProjectRecord.objects.count()


def _fresh(users: dict[str, Any], name: str) -> Any:
    user = users[name]
    return get_user_model().objects.get(pk=user.pk)  # no per-request caches from earlier calls


def test_figures_equal_the_direct_aggregation_in_every_scope() -> None:
    generator = random.Random(20261123)
    users = _seed(generator)
    assert UnitFigures.objects.exists()
    assert UnitRuleCount.objects.exists()
    assert UnitTotal.objects.exists()
    data = stats.dashboard(ProjectRecord.objects.all(), api.RankBy.department, Unit.objects.all())
    assert data["top_findings"]
    assert data["score_bins"]["counts"][0] > 0
    assert data["rate_bins"]["counts"][-1] > 0
    _assert_equal_everywhere(users)


def test_figures_follow_saves_workflow_imports_deletes_and_restores(world: World) -> None:
    generator = random.Random(7)
    users = _seed(generator)  # besides the `world` fixture's regions and projects
    unit_user = _fresh(users, "unit000")
    unit = Unit.objects.get(pk=unit_user.profile.unit_id)
    drafts = ProjectRecord.objects.filter(unit=unit, status__in=(Status.DRAFT, Status.RETURNED))
    for index, record in enumerate(drafts[:3]):  # saves: new totals, grades, rates, findings
        project = world.sample(f"改{index}", indicator_score=str(10 + index * 10))
        services.save_project(unit_user, record, project, record.version)
    _assert_equal_everywhere(users)

    record = services.create_project(unit_user, unit, world.sample("新建"))
    workflow.apply(unit_user, record, "submit")  # a workflow step moves it to another status
    workflow.apply(_fresh(users, "dept00"), record, "department_approve")
    _assert_equal_everywhere(users)

    upload = SimpleUploadedFile("p.json", world.sample("导入项目").model_dump_json().encode())
    imported = imports.import_files(unit_user, unit, [upload])
    assert imported[0].ok
    _assert_equal_everywhere(users)

    ProjectRecord.objects.filter(pk=record.pk).delete()
    with transaction.atomic():
        ProjectRecord.objects.filter(unit__department__region__name="乙市").order_by("pk")[:1].get().delete()
    _assert_equal_everywhere(users)

    payload = backup.export_data()
    UnitTotal.objects.all().delete()  # whatever the figures were, a restore rebuilds them
    backup.restore_data(payload, replace=True)
    _assert_equal_everywhere({name: _fresh(users, name) for name in users})


def test_rebuild_restores_figures_that_were_lost() -> None:
    users = _seed(random.Random(3))
    expected = stats.dashboard(ProjectRecord.objects.all(), api.RankBy.department)
    for model in (UnitFigures, UnitRuleCount, UnitTotal):
        model.objects.all().delete()
    assert stats.dashboard(ProjectRecord.objects.all(), api.RankBy.department, Unit.objects.all()) != expected
    assert figures.rebuild() > 0
    assert stats.dashboard(ProjectRecord.objects.all(), api.RankBy.department, Unit.objects.all()) == expected
    _assert_equal_everywhere(users)


def test_figures_written_around_are_rebuilt_when_the_rankings_meet_them(
    caplog: pytest.LogCaptureFixture,
) -> None:
    users = _seed(random.Random(11))
    top = ProjectRecord.objects.filter(total__isnull=False).order_by("-total").first()
    assert top is not None
    ProjectRecord.objects.filter(pk=top.pk).update(total=Decimal("100.25"))  # behind the app's back
    projects, units = ProjectRecord.objects.all(), Unit.objects.all()
    with caplog.at_level("WARNING", logger="jixiao.web.stats"):
        summed = stats.dashboard(projects, api.RankBy.department, units)  # no KeyError, no 500
    assert "out of date" in caplog.text
    assert summed == stats.dashboard(projects, api.RankBy.department)
    assert UnitTotal.objects.filter(total=Decimal("100.25")).exists()  # the unit's figures were rebuilt
    _assert_equal_everywhere(users)
