"""Long jobs on the Celery worker (`jixiao.batch.worker`): big imports and the region-wide re-check.

Imports: the page saves the uploads under the data directory and queues them with
`api.start_import_job`, naming `store_import` as the sink. Re-check: a finance reviewer queues
`api.start_recheck_job` with `region_projects` as the loader and `store_recheck` as the sink. The worker
(started with `celery -A jixiao.batch.worker worker -c 2`, with the same JIXIAO_DATA_DIR or
DATABASE_URL) imports this module by name, so importing it sets Django up first (`setup`); the job
pages poll `api.job_progress`.
"""

from __future__ import annotations

import uuid
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from jixiao.web.worker_setup import setup

setup()  # the worker resolves the functions below by name, before Django is configured

from django.conf import settings  # noqa: E402
from django.db import models, transaction  # noqa: E402
from kombu.exceptions import KombuError  # noqa: E402
from redis.exceptions import RedisError  # noqa: E402

from jixiao import api  # noqa: E402
from jixiao.web import figures, imports, rulecounts, services  # noqa: E402
from jixiao.web.errors import UnavailableError  # noqa: E402
from jixiao.web.models import AuditEvent, ImportJob, ProjectRecord, RecheckJob, Region, Unit  # noqa: E402

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator

    from django.core.files.uploadedfile import UploadedFile

    from jixiao.web.policy import User

SINK = "jixiao.web.worker_setup:store_import"
RECHECK_LOADER = "jixiao.web.jobs:region_projects"
RECHECK_SINK = "jixiao.web.jobs:store_recheck"
__all__ = ["progress", "region_projects", "setup", "start", "start_recheck", "store_import", "store_recheck"]


def start(user: User, unit: Unit, files: Iterable[UploadedFile]) -> ImportJob:
    """Save the uploads and queue them; files that are refused now are recorded as failed at once."""
    folder = Path(settings.DATA_DIR) / "uploads" / uuid.uuid4().hex
    folder.mkdir(parents=True, exist_ok=True)
    paths, refused = [], []
    for index, upload in enumerate(files):
        name = PurePath(upload.name or "未命名").name[:200]
        problem = imports.refusal(name, upload.size or 0)
        if problem:
            refused.append({"name": name, "ok": False, "message": problem, "projects": []})
            continue
        path = folder / f"{index:04d}-{name}"
        with path.open("wb") as target:
            for chunk in upload.chunks():
                target.write(chunk)
        paths.append(str(path))
    # The row exists (committed) before the worker can call the sink, which finds it by its pk.
    job = ImportJob.objects.create(
        job_id=f"{LOCAL}{uuid.uuid4().hex}", user_id=user.pk, unit=unit, files=len(paths) + len(refused),
        results=refused,
    )  # fmt: skip
    if not paths:
        return job
    context = {"user_id": user.pk, "unit_id": unit.pk, "import_job": job.pk}
    try:
        job_id = api.start_import_job(paths, SINK, context)
    except (OSError, KombuError, RedisError) as error:  # the broker (Redis) is not reachable
        job.delete()
        msg = "后台任务服务不可用，请取消「后台处理」后直接导入"
        raise UnavailableError(msg) from error
    ImportJob.objects.filter(pk=job.pk).update(job_id=job_id)
    job.job_id = job_id
    return job


LOCAL = "local-"  # a job none of whose files reached the worker (all refused on upload)


def progress(job: ImportJob | RecheckJob) -> dict[str, Any]:
    """The job's progress for the page: the worker's, or counted from the stored results."""
    state = None if job.job_id.startswith(LOCAL) else _worker_progress(job.job_id)
    if state is not None:
        return state
    if isinstance(job, RecheckJob):
        return {"state": "queued", "state_label": "排队中", "done": job.checked, "total": 0, "percent": 0,
                "message": ""}  # fmt: skip
    finished = len(job.results) >= job.files
    return {
        "state": "done" if finished else "queued", "state_label": "已完成" if finished else "排队中",
        "done": len(job.results), "total": job.files, "percent": 100 if finished else 0, "message": "",
    }  # fmt: skip


def store_import(job_id: str, payload: dict[str, Any], context: dict[str, Any]) -> None:
    """Worker sink: store one file's projects for the job's unit and note the file's result."""
    del job_id  # the job row is found by the pk in `context` (it may not know the worker's id yet)
    from django.contrib.auth import get_user_model  # noqa: PLC0415

    user = get_user_model().objects.get(pk=context["user_id"])
    unit = Unit.objects.get(pk=context["unit_id"])
    path = Path(payload.get("path", ""))
    name = path.name.partition("-")[2] or path.name
    with transaction.atomic():
        records = [
            services.create_project(user, unit, api.Project.model_validate(item), action="import")
            for item in payload.get("projects", [])
        ]
        errors = [str(error) for error in payload.get("errors", [])]
        message = f"导入 {len(records)} 个项目" if records else ("；".join(errors) or "未识别出项目表格")
        job = ImportJob.objects.select_for_update().get(pk=context["import_job"])
        job.results = [*job.results, {"name": name, "ok": bool(records), "message": message,
                                      "projects": [record.pk for record in records]}]  # fmt: skip
        job.save(update_fields=["results"])
    path.unlink(missing_ok=True)


def _worker_progress(job_id: str) -> dict[str, Any] | None:
    try:
        state = api.job_progress(job_id)
    except (OSError, RedisError):
        return None
    return None if state is None else state.to_dict()


def start_recheck(user: User, region: Region) -> RecheckJob:
    """Queue a re-check of every project of a finance bureau's region (the caller checked the role)."""
    job = RecheckJob.objects.create(job_id=f"{LOCAL}{uuid.uuid4().hex}", user_id=user.pk, region=region)
    context = {"user_id": user.pk, "recheck_job": job.pk}
    try:
        job_id = api.start_recheck_job(RECHECK_LOADER, [region.pk], sink=RECHECK_SINK, context=context)
    except (OSError, KombuError, RedisError) as error:
        job.delete()
        msg = "后台任务服务不可用，请稍后重试"
        raise UnavailableError(msg) from error
    RecheckJob.objects.filter(pk=job.pk).update(job_id=job_id)
    job.job_id = job_id
    return job


def region_projects(region_id: int) -> Iterator[tuple[int, dict[str, Any]]]:
    """Worker loader: every project of the region as `(pk, model JSON)`."""
    records = ProjectRecord.objects.filter(unit__department__region_id=region_id).order_by("pk")
    yield from records.values_list("pk", "data").iterator(chunk_size=500)


def store_recheck(job_id: str, payload: dict[str, Any], context: dict[str, Any]) -> None:
    """Worker sink: store one re-checked project's scores and findings, unless it was edited meanwhile.

    The project's data is never written (an edit saved during the job wins; its save already
    re-evaluated it). Only a change of the findings or the total is recorded in the audit trail.
    """
    del job_id
    job = RecheckJob.objects.filter(pk=context["recheck_job"])
    record = ProjectRecord.objects.filter(pk=int(payload["key"])).first()
    if record is None or not payload.get("projects") or record.data != payload["projects"][0]:
        job.update(checked=models.F("checked") + 1, skipped=models.F("skipped") + 1)
        return
    evaluation = services.from_json(payload["projects"][0], payload["evaluations"], payload["findings"])
    columns = services.columns(evaluation)
    del columns["data"]
    changed = columns["findings"] != record.findings or columns["total"] != record.total
    with transaction.atomic():
        updated = ProjectRecord.objects.filter(pk=record.pk, version=record.version).update(**columns)
        if updated and changed:
            rulecounts.refresh(record.pk, columns["findings"])
            AuditEvent.objects.create(
                project=record, user_id=context.get("user_id"), action="recheck", from_status=record.status,
                to_status=record.status, version=record.version, comment="全区重新审核",
            )  # fmt: skip
        elif updated and (columns["grade"], columns["execution_rate"]) != (
            record.grade,
            record.execution_rate,
        ):
            figures.refresh(record.unit_id)  # no audit event (so no signal), but the dashboards count these
        job.update(
            checked=models.F("checked") + 1,
            changed=models.F("changed") + int(bool(updated) and changed),
            skipped=models.F("skipped") + int(not updated),
        )
