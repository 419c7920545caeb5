"""`jixiao export` / `jixiao restore` round trip, demo data, and the serve command's start-up."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pytest
from django.contrib.auth import authenticate
from django.test import Client
from typer.testing import CliRunner

from jixiao.cli import app
from jixiao.web import backup, demo
from jixiao.web.errors import InputError
from jixiao.web.models import AuditEvent, ProjectRecord, Status

if TYPE_CHECKING:
    from pathlib import Path

pytestmark = pytest.mark.django_db(transaction=True)


def test_demo_has_region_accounts_and_projects_in_every_state() -> None:
    users = demo.load_demo()
    assert set(users) == {a[0] for a in demo.ACCOUNTS}
    assert ProjectRecord.objects.count() == len(demo.PROJECTS)
    assert set(ProjectRecord.objects.values_list("status", flat=True)) == {status.value for status in Status}
    assert authenticate(username="dept1", password=demo.DEMO_PASSWORD) is not None
    assert ProjectRecord.objects.filter(total__isnull=True).count() == 0
    assert demo.load_demo() == {}  # a second run changes nothing
    with_points = ProjectRecord.objects.exclude(allocation={}).get()
    assert with_points.allocation["count"] == len(demo.DEMO_POINTS[with_points.name])
    client = Client()
    client.force_login(users["finance"])
    assert 'id="points"' in client.get("/").content.decode()


def test_export_restore_round_trip_through_the_cli(tmp_path: Path) -> None:
    demo.load_demo()
    runner = CliRunner()
    first, second = tmp_path / "backup.json", tmp_path / "again.json"
    result = runner.invoke(app, ["export", str(first)])
    assert result.exit_code == 0, result.output
    exported = json.loads(first.read_text(encoding="utf-8"))
    assert len(exported["projects"]) == len(demo.PROJECTS)
    assert runner.invoke(app, ["restore", str(first)]).exit_code == 2  # refuses a database with data

    result = runner.invoke(app, ["restore", str(first), "--replace"])
    assert result.exit_code == 0, result.output
    assert runner.invoke(app, ["export", str(second)]).exit_code == 0
    assert json.loads(second.read_text(encoding="utf-8")) == exported
    assert AuditEvent.objects.filter(action="return").get().comment
    assert authenticate(username="finance", password=demo.DEMO_PASSWORD) is not None


def test_restore_rejects_other_files() -> None:
    with pytest.raises(InputError):
        backup.restore_data({"format": "something-else"})


def test_restored_database_accepts_new_projects(tmp_path: Path) -> None:
    demo.load_demo()
    payload = backup.export_data()
    backup.restore_data(payload, replace=True)
    record = ProjectRecord.objects.create(unit_id=payload["units"][0]["id"], name="新")
    assert record.pk > max(row["id"] for row in payload["projects"])
