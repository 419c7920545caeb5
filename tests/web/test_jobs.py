"""Background imports: the Celery task runs eagerly here and calls the web app's sink."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jixiao.batch.worker import app
from jixiao.web.models import ImportJob, ProjectRecord

if TYPE_CHECKING:
    from collections.abc import Iterator
    from pathlib import Path

    from conftest import World


@pytest.fixture
def eager_worker(monkeypatch: pytest.MonkeyPatch, settings: Any, tmp_path: Path) -> Iterator[None]:
    """Run queued tasks in this process, with progress kept in memory."""
    monkeypatch.setenv("JIXIAO_PROGRESS_URL", "memory://")
    settings.DATA_DIR = tmp_path
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = False


def test_background_import_stores_projects_and_shows_progress(
    world: World, eager_worker: None, fixtures_dir: Path, tmp_path: Path
) -> None:
    files = [
        SimpleUploadedFile("p2.docx", (fixtures_dir / "lizhou-2023-p2.docx").read_bytes()),
        SimpleUploadedFile("a03.xlsx", (fixtures_dir / "ziyang-2022-a03.xlsx").read_bytes()),
        SimpleUploadedFile("x.exe", b"MZ"),
    ]
    client = world.client("unit_a1")
    response = client.post("/import/", {"unit": world.units["a1"].pk, "files": files, "background": "1"})
    job = ImportJob.objects.exclude(pk=world.job.pk).get()
    assert response["Location"] == f"/import/jobs/{job.pk}/"
    assert [(r["name"], r["ok"]) for r in job.results] == [
        ("x.exe", False),
        ("p2.docx", True),
        ("a03.xlsx", True),
    ]
    assert ProjectRecord.objects.filter(unit=world.units["a1"]).count() == 3
    page = client.get(f"/import/jobs/{job.pk}/progress/").content.decode()
    assert "已完成" in page
    assert "hx-trigger" not in page  # polling stops when the job is done
    assert not list((tmp_path / "uploads").rglob("*.docx"))  # uploads are removed once stored


def test_another_user_cannot_see_the_job(world: World) -> None:
    assert world.client("unit_a2").get(f"/import/jobs/{world.job.pk}/").status_code == 404
