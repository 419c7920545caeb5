"""Progress of long jobs (large uploads, region-wide re-checks), readable by the web page while they run.

A job's progress is a small record: state, done, total, a message and the last error. The store is
Redis (one hash per job, expiring after a day) or, for tests and single-process use, memory. Pick it
with `progress_store(url)`; the default URL is `JIXIAO_PROGRESS_URL`, else `JIXIAO_BROKER_URL`.
"""

from __future__ import annotations

import os
import threading
import time
from dataclasses import asdict, dataclass, replace
from enum import StrEnum
from typing import Any, Protocol, cast

DEFAULT_BROKER_URL = "redis://127.0.0.1:6379/0"
KEY_PREFIX = "jixiao:job:"
EXPIRE_SECONDS = 24 * 3600


class JobState(StrEnum):
    """Where a job is; `label` is what users see."""

    queued = "queued"
    running = "running"
    done = "done"
    failed = "failed"

    @property
    def label(self) -> str:
        """The Chinese label."""
        return {"queued": "排队中", "running": "处理中", "done": "已完成", "failed": "失败"}[self.value]


@dataclass(frozen=True, slots=True)
class JobProgress:
    """A job's progress as the page shows it."""

    job_id: str
    state: JobState = JobState.queued
    done: int = 0
    total: int = 0
    message: str = ""  # e.g. the file or project being processed
    error: str = ""
    failures: int = 0  # files or projects that could not be processed
    updated: float = 0.0  # Unix time of the last update

    @property
    def percent(self) -> int:
        """Whole percent done (0 when the total is not known yet)."""
        return (self.done * 100) // self.total if self.total else 0

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form (what a polling view sends to the page)."""
        return {
            **asdict(self),
            "state": self.state.value,
            "state_label": self.state.label,
            "percent": self.percent,
        }


class ProgressStore(Protocol):
    """Where job progress is kept."""

    def save(self, progress: JobProgress) -> None:
        """Store the job's latest progress."""

    def load(self, job_id: str) -> JobProgress | None:
        """Return the job's latest progress, or None for an unknown job."""


class MemoryProgressStore:
    """Progress in this process's memory (tests, eager tasks)."""

    def __init__(self) -> None:
        """Start empty."""
        self._jobs: dict[str, JobProgress] = {}
        self._lock = threading.Lock()

    def save(self, progress: JobProgress) -> None:
        """Store the job's latest progress."""
        with self._lock:
            self._jobs[progress.job_id] = progress

    def load(self, job_id: str) -> JobProgress | None:
        """Return the job's latest progress."""
        with self._lock:
            return self._jobs.get(job_id)


class RedisProgressStore:
    """Progress in Redis: one hash per job under `jixiao:job:<id>`, expiring after a day."""

    def __init__(self, url: str) -> None:
        """Connect lazily to the Redis at `url`."""
        import redis  # noqa: PLC0415  (only needed when Redis is used)

        self._client = redis.Redis.from_url(url, decode_responses=True)

    def save(self, progress: JobProgress) -> None:
        """Store the job's latest progress."""
        key = KEY_PREFIX + progress.job_id
        fields: dict[Any, Any] = {name: str(value) for name, value in asdict(progress).items()}
        fields["state"] = progress.state.value
        with self._client.pipeline() as pipe:
            pipe.hset(key, mapping=fields)
            pipe.expire(key, EXPIRE_SECONDS)
            pipe.execute()

    def load(self, job_id: str) -> JobProgress | None:
        """Return the job's latest progress."""
        data = cast("dict[str, str]", self._client.hgetall(KEY_PREFIX + job_id))
        if not data:
            return None
        return JobProgress(
            job_id=job_id,
            state=JobState(data.get("state", "queued")),
            done=int(data.get("done", 0)),
            total=int(data.get("total", 0)),
            message=data.get("message", ""),
            error=data.get("error", ""),
            failures=int(data.get("failures", 0)),
            updated=float(data.get("updated", 0)),
        )


_MEMORY = MemoryProgressStore()


def progress_url() -> str:
    """Return the configured progress store URL."""
    return os.environ.get("JIXIAO_PROGRESS_URL") or os.environ.get("JIXIAO_BROKER_URL") or DEFAULT_BROKER_URL


def progress_store(url: str | None = None) -> ProgressStore:
    """Return the store for `url`: `memory://` (one per process) or a Redis URL."""
    url = url or progress_url()
    if url.startswith("memory://"):
        return _MEMORY
    return RedisProgressStore(url)


class ProgressReporter:
    """Update one job's progress, writing at most every `interval` seconds (and on state changes)."""

    def __init__(self, store: ProgressStore, job_id: str, total: int = 0, interval: float = 0.5) -> None:
        """Start the job as running with a known total (0 when not known yet)."""
        self.store = store
        self.interval = interval
        self.progress = JobProgress(job_id, JobState.running, 0, total, updated=time.time())
        self._written = 0.0
        self._write(force=True)

    def step(self, message: str = "", *, failed: bool = False) -> None:
        """Count one unit of work done."""
        progress = self.progress
        self.progress = replace(
            progress, done=progress.done + 1, message=message, failures=progress.failures + failed
        )
        self._write(force=False)

    def finish(self, error: str = "") -> JobProgress:
        """Mark the job done (or failed with `error`) and write it."""
        state = JobState.failed if error else JobState.done
        self.progress = replace(self.progress, state=state, error=error, message="")
        self._write(force=True)
        return self.progress

    def _write(self, *, force: bool) -> None:
        now = time.monotonic()
        if force or now - self._written >= self.interval:
            self.progress = replace(self.progress, updated=time.time())
            self.store.save(self.progress)
            self._written = now
