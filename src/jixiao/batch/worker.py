"""Celery tasks for long jobs in the web app: importing many uploaded files, re-checking a region.

Run a worker with `celery -A jixiao.batch.worker worker -c 2` (broker: `JIXIAO_BROKER_URL`, default
`redis://127.0.0.1:6379/0`). The tasks call the core only; the web app plugs in through dotted-path
callables, so this module never imports Django:

- `sink` (`module:function`, called as `sink(job_id, payload, context)`) stores each file's or project's
  result; `context` is the JSON dict the caller queued the job with (user id, unit id …);
- `loader` (`module:function`, called as `loader(*loader_args)`) yields `(key, Project)` pairs to re-check;
- `JIXIAO_WORKER_SETUP` (`module:function`) runs once in each worker process, e.g. `django.setup()`.

Progress goes to `jixiao.batch.progress` (Redis), where a polling view reads it with `job_progress`.
"""

from __future__ import annotations

import importlib
import os
import uuid
from pathlib import Path
from typing import TYPE_CHECKING, Any

from celery import Celery, signals

from jixiao.batch.pipeline import FileAnalysis, analyze_file, analyze_projects
from jixiao.batch.progress import DEFAULT_BROKER_URL, JobProgress, JobState, ProgressReporter, progress_store
from jixiao.batch.summary import summarize_projects
from jixiao.model import Project

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

BROKER_URL = os.environ.get("JIXIAO_BROKER_URL", DEFAULT_BROKER_URL)
QUEUE = os.environ.get("JIXIAO_QUEUE", "jixiao")

app = Celery("jixiao", broker=BROKER_URL, backend=os.environ.get("JIXIAO_RESULT_URL", BROKER_URL))
app.conf.update(
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    task_default_queue=QUEUE,
    task_acks_late=True,  # a job whose worker died is delivered again
    worker_prefetch_multiplier=1,  # long jobs: never hold a second one while busy
    task_track_started=True,
    result_expires=24 * 3600,
    broker_connection_retry_on_startup=True,
)


@signals.worker_process_init.connect  # type: ignore[untyped-decorator]
def _setup_worker_process(**_: object) -> None:
    """Run the configured setup hook (the web app passes one that calls django.setup())."""
    hook = os.environ.get("JIXIAO_WORKER_SETUP")
    if hook:
        resolve(hook)()


def resolve(spec: str) -> Callable[..., Any]:
    """Import the callable named `module:function`."""
    module_name, _, name = spec.partition(":")
    function: Callable[..., Any] = getattr(importlib.import_module(module_name), name)
    return function


def payload(analysis: FileAnalysis, *, path: str = "", key: str = "") -> dict[str, Any]:
    """Return what a sink receives: the models, the scores, the findings, the summary rows (JSON)."""
    file = Path(path).name if path else ""
    rows = summarize_projects(analysis.projects, analysis.evaluations, analysis.findings, file=file)
    return {
        "path": path,
        "key": key,
        "projects": [project.model_dump(mode="json") for project in analysis.projects],
        "evaluations": [evaluation.model_dump(mode="json") for evaluation in analysis.evaluations],
        "findings": [finding.to_dict() for finding in analysis.findings],
        "errors": list(analysis.errors),
        "rows": [row.to_dict() for row in rows],
    }


@app.task(name="jixiao.import_files")  # type: ignore[untyped-decorator]
def import_files(job_id: str, paths: Sequence[str], job: dict[str, Any] | None = None) -> dict[str, Any]:
    """Import, score and check files one by one, reporting progress; a bad file never stops the job.

    `job` may hold `sink` (dotted path), `context` (passed to the sink) and `progress_url`.
    """
    job = job or {}
    reporter = ProgressReporter(progress_store(job.get("progress_url")), job_id, total=len(paths))
    store = resolve(job["sink"]) if job.get("sink") else None
    rows: list[dict[str, Any]] = []
    failures: list[dict[str, str]] = []
    for path in paths:
        try:
            result = payload(analyze_file(Path(path)), path=path)
            if store is not None:
                store(job_id, result, job.get("context") or {})
        except Exception as error:  # noqa: BLE001  (reported per file, the job goes on)
            result = {"errors": [f"处理失败：{type(error).__name__}: {error}"], "projects": [], "rows": []}
        failed = not result["projects"] and bool(result["errors"])
        if failed:
            failures.append({"path": path, "error": "；".join(result["errors"])})
        rows += result["rows"]
        reporter.step(Path(path).name, failed=failed)
    reporter.finish()
    return {"job_id": job_id, "files": len(paths), "rows": rows, "failures": failures}


@app.task(name="jixiao.recheck_projects")  # type: ignore[untyped-decorator]
def recheck_projects(
    job_id: str, loader: str, loader_args: Sequence[Any] = (), job: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Score and check every project the loader yields (a region, a department), reporting progress."""
    job = job or {}
    store = progress_store(job.get("progress_url"))
    try:
        items = list(_projects(resolve(loader)(*loader_args)))
    except Exception as error:
        ProgressReporter(store, job_id).finish(f"无法读取要复核的项目：{type(error).__name__}: {error}")
        raise
    reporter = ProgressReporter(store, job_id, total=len(items))
    save = resolve(job["sink"]) if job.get("sink") else None
    counts = {"projects": len(items), "errors": 0, "warnings": 0, "failures": 0}
    for key, project in items:
        analysis = analyze_projects([project])
        if save is not None:
            save(job_id, payload(analysis, key=key), job.get("context") or {})
        counts["errors"] += sum(1 for f in analysis.findings if f.severity.value == "error")
        counts["warnings"] += sum(1 for f in analysis.findings if f.severity.value == "warning")
        counts["failures"] += bool(analysis.errors)
        reporter.step(project.title, failed=bool(analysis.errors))
    reporter.finish()
    return {"job_id": job_id, **counts}


def _projects(items: Iterable[tuple[str, Project | dict[str, Any]]]) -> Iterable[tuple[str, Project]]:
    """Accept projects as models or as their JSON form."""
    for key, project in items:
        yield str(key), project if isinstance(project, Project) else Project.model_validate(project)


def new_job(progress_url: str | None = None) -> str:
    """Create a job id and record it as queued."""
    job_id = uuid.uuid4().hex
    progress_store(progress_url).save(JobProgress(job_id, JobState.queued))
    return job_id


def start_import(paths: Sequence[str], sink: str | None = None, context: dict[str, Any] | None = None) -> str:
    """Queue an import of files; return the job id to poll with `job_progress`."""
    job_id = new_job()
    import_files.delay(job_id, [str(path) for path in paths], {"sink": sink, "context": context})
    return job_id


def start_recheck(
    loader: str,
    loader_args: Sequence[Any] = (),
    sink: str | None = None,
    context: dict[str, Any] | None = None,
) -> str:
    """Queue a re-check of the projects `loader(*loader_args)` yields; return the job id."""
    job_id = new_job()
    recheck_projects.delay(job_id, loader, list(loader_args), {"sink": sink, "context": context})
    return job_id


def job_progress(job_id: str) -> JobProgress | None:
    """Return a job's progress (None for an unknown or expired job)."""
    return progress_store().load(job_id)
