"""Background imports on the Celery worker (`jixiao.batch.worker`), for batches too big for one request.

The page saves the uploads under the data directory and queues them with `api.start_import_job`,
naming `store_import` as the sink; the worker (started with
`celery -A jixiao.batch.worker worker -c 2`, with the same JIXIAO_DATA_DIR or DATABASE_URL) calls the
sink once per file, and the job page polls `api.job_progress`.
"""

from __future__ import annotations

import uuid
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from kombu.exceptions import KombuError
from redis.exceptions import RedisError

from jixiao import api
from jixiao.web import imports, services
from jixiao.web.errors import UnavailableError
from jixiao.web.models import ImportJob, Unit

if TYPE_CHECKING:
    from collections.abc import Iterable

    from django.core.files.uploadedfile import UploadedFile

    from jixiao.web.policy import User

SINK = "jixiao.web.worker_setup:store_import"


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


def progress(job: ImportJob) -> dict[str, Any]:
    """The job's progress for the page: the worker's, or counted from the stored results."""
    state = None
    if not job.job_id.startswith(LOCAL):
        try:
            state = api.job_progress(job.job_id)
        except (OSError, RedisError):
            state = None
    if state is not None:
        return state.to_dict()
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
