"""The unit of work a batch worker process runs: one file in, one small outcome out.

The worker reads the file once, hashes it, and stops early when the hash shows the content is what
the manifest recorded. Otherwise it runs the pipeline, writes the cached result itself (so large models
never cross the process boundary) and returns rows, findings and errors. Each worker gets its own
temporary folder and so its own LibreOffice profile (soffice instances sharing a profile block each
other, research/stack.md §3).
"""

from __future__ import annotations

import hashlib
import importlib
import json
import os
import signal
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jixiao.batch.store import result_name, write_json, write_text
from jixiao.batch.summary import summarize_projects

if TYPE_CHECKING:
    from collections.abc import Callable
    from types import FrameType

    from jixiao.batch.pipeline import FileAnalysis

DEFAULT_PIPELINE = "jixiao.batch.pipeline:analyze_file"


@dataclass(frozen=True, slots=True)
class RunOptions:
    """How to run a batch: worker count (0 = in this process), pipeline, retries, limits."""

    workers: int = 2
    retry_failed: bool = False
    pipeline: str = DEFAULT_PIPELINE
    start_method: str = "forkserver"  # workers never inherit the parent's threads (progress bar)
    timeout_seconds: int = 600
    max_bytes: int = 200 * 1024 * 1024
    formats: tuple[str, ...] = ("xlsx", "json", "html")  # reports to write (see batch.outputs)
    keep_models: bool = False  # also cache each file's projects and evaluations (models/<id>.json)


@dataclass(frozen=True, slots=True)
class FileTask:
    """One file to process; `known_sha256` is the manifest's hash when only size or mtime changed."""

    path: str
    region: str
    state_dir: str
    pipeline: str = DEFAULT_PIPELINE
    known_sha256: str | None = None
    max_bytes: int = 200 * 1024 * 1024
    timeout_seconds: int = 600
    keep_models: bool = False


@dataclass(frozen=True, slots=True)
class TaskOutcome:
    """What came back: `same` when the content hash matched, else the (possibly failed) processing."""

    path: str
    sha256: str = ""
    same: bool = False
    error: str = ""
    result: str = ""
    projects: int = 0
    seconds: float = 0.0
    record: dict[str, Any] = field(default_factory=dict)  # rows, findings, errors (as cached)


def init_worker(temp_root: str) -> None:
    """Give this worker process its own temporary folder inside the batch's state folder.

    The LibreOffice reader keeps one profile per process under the temporary folder
    (`jixiao.libreoffice.profile_dir`), so each worker converts with its own profile, and the runner
    removes them all when the batch ends.
    """
    folder = Path(temp_root) / f"worker-{os.getpid()}"
    folder.mkdir(parents=True, exist_ok=True)
    tempfile.tempdir = str(folder)


def run_task(task: FileTask) -> TaskOutcome:
    """Process one file; never raises for a bad file (the error is part of the outcome)."""
    started = time.perf_counter()
    try:
        data = _read_limited(Path(task.path), task.max_bytes)
    except (OSError, ValueError) as error:
        return TaskOutcome(task.path, error=f"无法读取文件：{error}", seconds=time.perf_counter() - started)
    digest = hashlib.sha256(data).hexdigest()
    del data
    if task.known_sha256 == digest:
        return TaskOutcome(task.path, sha256=digest, same=True, seconds=time.perf_counter() - started)
    try:
        with _deadline(task.timeout_seconds):
            analysis = resolve_pipeline(task.pipeline)(Path(task.path))
            record = _record(task, digest, analysis)
            models = _models(task, digest, analysis) if task.keep_models else ""
    except Exception as error:  # noqa: BLE001  (one bad file never stops the batch)
        message = f"处理失败：{type(error).__name__}: {error}"
        return TaskOutcome(task.path, sha256=digest, error=message, seconds=time.perf_counter() - started)
    name = result_name(task.path)
    state = Path(task.state_dir)
    if models:
        (state / "models").mkdir(exist_ok=True)
        write_text(state / "models" / name, models)
    write_json(state / "results" / name, record)
    failure = "；".join(analysis.errors) if not analysis.projects else ""
    seconds = time.perf_counter() - started
    return TaskOutcome(
        task.path,
        digest,
        error=failure,
        result=name,
        projects=len(analysis.projects),
        seconds=seconds,
        record=record,
    )


def resolve_pipeline(spec: str) -> Callable[[Path], FileAnalysis]:
    """Import the pipeline function named `module:function`."""
    module_name, _, function_name = spec.partition(":")
    function: Callable[[Path], FileAnalysis] = getattr(importlib.import_module(module_name), function_name)
    return function


def _record(task: FileTask, digest: str, analysis: FileAnalysis) -> dict[str, Any]:
    """Build the small cached record a later run reuses: rows, findings, errors."""
    file = Path(task.path).name
    rows = summarize_projects(
        analysis.projects, analysis.evaluations, analysis.findings, file=file, region=task.region
    )
    return {
        "path": task.path,
        "sha256": digest,
        "rows": [row.to_dict() for row in rows],
        "findings": [finding.to_dict() for finding in analysis.findings],
        "errors": list(analysis.errors),
    }


def _models(task: FileTask, digest: str, analysis: FileAnalysis) -> str:
    """Return the projects and evaluations as JSON text (pydantic's serializer: far faster than json)."""
    projects = ",".join(project.model_dump_json() for project in analysis.projects)
    evaluations = ",".join(evaluation.model_dump_json() for evaluation in analysis.evaluations)
    head = json.dumps({"path": task.path, "sha256": digest}, ensure_ascii=False)[:-1]
    return f'{head},"projects":[{projects}],"evaluations":[{evaluations}]}}'


def _read_limited(path: Path, max_bytes: int) -> bytes:
    """Read a file, refusing one larger than `max_bytes` (untrusted input)."""
    size = path.stat().st_size
    if size > max_bytes:
        message = f"文件大小{size}字节，超过上限{max_bytes}字节"
        raise ValueError(message)
    return path.read_bytes()


class _Deadline:
    """Raise TimeoutError in this (worker) process after `seconds`, via SIGALRM."""

    def __init__(self, seconds: int) -> None:
        usable = hasattr(signal, "SIGALRM") and threading.current_thread() is threading.main_thread()
        self.seconds = seconds if usable else 0
        self.previous: Any = None

    def __enter__(self) -> None:
        if self.seconds > 0:
            self.previous = signal.signal(signal.SIGALRM, self._expire)
            signal.alarm(self.seconds)

    def __exit__(self, *exc: object) -> None:
        if self.seconds > 0:
            signal.alarm(0)
            signal.signal(signal.SIGALRM, self.previous)

    def _expire(self, signum: int, frame: FrameType | None) -> None:
        del signum, frame
        message = f"超过{self.seconds}秒未完成"
        raise TimeoutError(message)


def _deadline(seconds: int) -> _Deadline:
    return _Deadline(seconds)
