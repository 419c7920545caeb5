"""The region-wide re-check (全区重新审核) runs on the worker (eagerly here) and writes results back."""

from __future__ import annotations

from typing import TYPE_CHECKING

from jixiao.web import figures, jobs, services
from jixiao.web.models import AuditEvent, FindingRuleCount, ProjectRecord, RecheckJob

if TYPE_CHECKING:
    from conftest import World


def _stale(record: ProjectRecord) -> None:
    """Make the stored results look out of date (as after a rule change) without touching the data."""
    ProjectRecord.objects.filter(pk=record.pk).update(findings=[], error_count=0, warning_count=0, total=1)
    FindingRuleCount.objects.filter(project=record).delete()
    figures.rebuild([record.unit_id])  # what a direct write must be followed by (the dashboards read them)


def test_finance_reviewer_rechecks_the_region(world: World) -> None:
    expected = {key: (r.findings, r.total) for key, r in world.projects.items()}
    for record in world.projects.values():
        _stale(record)
    client = world.client("finance_a")
    assert "全区重新审核" in client.get("/").content.decode()
    response = client.post("/recheck/")
    job = RecheckJob.objects.exclude(pk=world.recheck.pk).get()
    assert response["Location"] == f"/recheck/{job.pk}/"
    assert (job.checked, job.changed, job.skipped) == (3, 3, 0)
    for key in ("a1", "a2", "a3"):
        record = ProjectRecord.objects.get(pk=world.projects[key].pk)
        assert (record.findings, record.total) == expected[key]
        assert FindingRuleCount.objects.filter(project=record).exists()
        assert AuditEvent.objects.filter(project=record, action="recheck").count() == 1
    untouched = ProjectRecord.objects.get(pk=world.projects["b1"].pk)  # region B is not re-checked
    assert untouched.total == 1
    page = client.get(f"/recheck/{job.pk}/progress/").content.decode()
    assert "已完成" in page
    assert "3 / 3" in page
    assert "hx-trigger" not in page  # polling stops when done


def test_recheck_skips_a_project_edited_meanwhile(world: World) -> None:
    record = world.projects["a1"]
    loaded = dict(jobs.region_projects(record.unit.department.region_id))
    assert set(loaded) == {world.projects[key].pk for key in ("a1", "a2", "a3")}
    services.save_project(world.users["unit_a1"], record, world.sample("改名了"), record.version)
    payload = {"key": str(record.pk), "projects": [loaded[record.pk]], "evaluations": [], "findings": []}
    jobs.store_recheck(
        "job", payload, {"recheck_job": world.recheck.pk, "user_id": world.users["finance_a"].pk}
    )
    world.recheck.refresh_from_db()
    assert (world.recheck.checked, world.recheck.skipped) == (1, 1)
    assert ProjectRecord.objects.get(pk=record.pk).name == "改名了"


def test_unchanged_results_add_no_history(world: World) -> None:
    world.client("finance_a").post("/recheck/")
    assert not AuditEvent.objects.filter(action="recheck").exists()
    job = RecheckJob.objects.exclude(pk=world.recheck.pk).get()
    assert (job.checked, job.changed) == (3, 0)


def test_a_running_job_page_polls(world: World) -> None:
    page = world.client("finance_a").get(f"/recheck/{world.recheck.pk}/").content.decode()
    assert 'hx-trigger="every 1s"' in page  # not started on the worker yet: queued, so it polls
