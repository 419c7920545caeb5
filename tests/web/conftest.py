"""Web fixtures: two regions with departments, units, one account per role, and projects."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from jixiao.api import Project
from jixiao.batch.worker import app as worker_app
from jixiao.web import services, workflow
from jixiao.web.models import Department, ImportJob, Profile, ProjectRecord, RecheckJob, Region, Role, Unit

PASSWORD = "test-pass-123"


def sample_project(name: str = "测试项目", *, indicator_score: str = "30") -> Project:
    """A small Sichuan 自评表 (invented numbers)."""
    money = lambda text: {"value": {"amount": text, "unit": "万元"}, "raw": text}  # noqa: E731
    return Project.model_validate({
        "name": name, "year": 2025,
        "self_eval_form": {
            "budget": {"rows": [{"source": "total", "initial_budget": money("100"), "adjusted_budget": money("100"),
                                 "spent": money("95"), "weight": 10, "score": Decimal("9.5")}]},
            "indicators": [
                {"level1": "产出指标", "level2": "数量指标", "name": "培训人次", "direction": "at_least",
                 "target": "100", "unit_of_measure": "人次", "actual": "100", "weight": 30,
                 "score": Decimal(indicator_score)},
                {"level1": "效益指标", "level2": "社会效益指标", "name": "群众知晓率", "direction": "at_least",
                 "target": "80", "unit_of_measure": "%", "actual": "85", "weight": 60, "score": 60},
            ],
            "total_weight": 100,
        },
    })  # fmt: skip


@dataclass
class World:
    """Everything the access tests need, by short name."""

    users: dict[str, Any] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    departments: dict[str, Department] = field(default_factory=dict)
    projects: dict[str, ProjectRecord] = field(default_factory=dict)
    job: ImportJob | None = None  # a background import queued by unit_a1
    recheck: RecheckJob | None = None  # a region re-check of region A queued by finance_a

    sample = staticmethod(sample_project)

    def submit(self, key: str) -> ProjectRecord:
        """Submit a unit's project as its filler."""
        record = self.projects[key]
        workflow.apply(self.users[f"unit_{key}"], record, "submit")
        return record

    def client(self, who: str) -> Client:
        """A logged-in test client (anonymous for 'anon')."""
        client = Client()
        if who != "anon":
            client.force_login(self.users[who])
        return client


def _user(world: World, name: str, role: Role, **scope: Any) -> None:
    user = get_user_model().objects.create_user(name, password=PASSWORD)
    Profile.objects.create(user=user, role=role, **scope)
    world.users[name] = user


@pytest.fixture
def world(db: None) -> World:
    """Region A (departments A1 with units a1 a2, A2 with a3) and region B (B1 with b1)."""
    w = World()
    region_a, region_b = Region.objects.create(name="甲市财政局"), Region.objects.create(name="乙市财政局")
    for key, region, name in (
        ("A1", region_a, "甲教育局"),
        ("A2", region_a, "甲卫健委"),
        ("B1", region_b, "乙教育局"),
    ):
        w.departments[key] = Department.objects.create(region=region, name=name)
    for key, dept in (("a1", "A1"), ("a2", "A1"), ("a3", "A2"), ("b1", "B1")):
        w.units[key] = Unit.objects.create(department=w.departments[dept], name=f"单位{key}")
    for key, unit in w.units.items():
        _user(w, f"unit_{key}", Role.UNIT, unit=unit, region=unit.department.region)
    for key, dept in w.departments.items():
        _user(w, f"dept_{key}", Role.DEPARTMENT, department=dept, region=dept.region)
    _user(w, "finance_a", Role.FINANCE, region=region_a)
    _user(w, "finance_b", Role.FINANCE, region=region_b)
    _user(w, "admin", Role.ADMIN)
    for key, unit in w.units.items():
        w.projects[key] = services.create_project(w.users[f"unit_{key}"], unit, sample_project(f"项目{key}"))
    w.job = ImportJob.objects.create(
        job_id="local-test", user=w.users["unit_a1"], unit=w.units["a1"], files=0
    )
    w.recheck = RecheckJob.objects.create(job_id="local-recheck", user=w.users["finance_a"], region=region_a)
    return w


@pytest.fixture(autouse=True)
def _eager_worker(monkeypatch: pytest.MonkeyPatch) -> Any:
    """Queued worker jobs run in this process with progress kept in memory (no broker is touched)."""
    monkeypatch.setenv("JIXIAO_PROGRESS_URL", "memory://")
    worker_app.conf.task_always_eager = True
    yield
    worker_app.conf.task_always_eager = False


@pytest.fixture(autouse=True)
def _fast_passwords(settings: Any) -> None:
    """Hash test passwords cheaply (the default PBKDF2 takes most of a test's time)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
