"""Run a batch: plan against the manifest, process changed files in a process pool, keep the state.

The pool keeps a small window of files in flight (memory stays flat for any batch size). A worker that
dies (a crash in a native library) breaks the pool: the files it had in flight are retried once in a
fresh pool, then reported as failed. The manifest is saved every few seconds, so an interrupted run
resumes where it stopped.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import shutil
import tempfile
import time
from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from jixiao.batch.manifest import FileStat, Manifest, ManifestEntry, plan_run
from jixiao.batch.outcome import FileOutcome, OutcomeKind, RunResult, outcome_from_record
from jixiao.batch.task import FileTask, RunOptions, TaskOutcome, init_worker, run_task

if TYPE_CHECKING:
    from collections.abc import Callable, Generator, Iterator, Sequence

    from jixiao.batch.store import BatchStore

SAVE_EVERY_SECONDS = 5.0
MAX_ATTEMPTS = 2  # a file in flight when a worker died is tried once more


def pipeline_fingerprint(pipeline: str) -> str:
    """Identify what produced cached results: jixiao version, scheme files, pipeline function."""
    import jixiao  # noqa: PLC0415
    from jixiao import schemes  # noqa: PLC0415

    digest = hashlib.sha256(f"{jixiao.__version__}|{pipeline}".encode())
    for folder in {Path(path) for path in schemes.__path__}:
        for scheme in sorted(folder.glob("*.yaml")):
            digest.update(scheme.name.encode() + b"\0" + scheme.read_bytes())
    return digest.hexdigest()[:32]


def run_batch(
    stats: Sequence[FileStat],
    store: BatchStore,
    options: RunOptions | None = None,
    on_outcome: Callable[[FileOutcome], None] | None = None,
) -> RunResult:
    """Process every input file that changed since the last run; reuse cached results for the rest."""
    options = options or RunOptions()
    started = time.perf_counter()
    fingerprint = pipeline_fingerprint(options.pipeline)
    plan = plan_run(stats, store.load_manifest(), fingerprint, retry_failed=options.retry_failed)
    tracker = _Tracker(store, Manifest(fingerprint), on_outcome)
    tracker.manifest = tracker.manifest.with_entries([entry for _, entry in plan.unchanged])
    known: dict[str, tuple[FileStat, ManifestEntry | None]] = {}
    tasks: list[FileTask] = []
    for stat, entry in plan.unchanged:
        outcome = outcome_from_record(stat, entry, store)
        if outcome is None:
            known[stat.path] = (stat, None)
            tasks.append(_task(stat, None, store, options))
        else:
            tracker.add(outcome, entry)
    for stat, entry in plan.check_hash:
        cached = store.read_result(entry.result) is not None
        known[stat.path] = (stat, entry if cached else None)
        tasks.append(_task(stat, entry.sha256 if cached else None, store, options))
    for stat in plan.new:
        known[stat.path] = (stat, None)
        tasks.append(_task(stat, None, store, options))
    try:
        for task, result in _execute(tasks, options, store):
            task_stat, known_entry = known[task.path]
            tracker.add_task(task_stat, known_entry, result, store)
    finally:
        tracker.save()
    order = {stat.path: index for index, stat in enumerate(stats)}
    outcomes = sorted(tracker.outcomes, key=lambda outcome: order.get(outcome.path, len(order)))
    return RunResult(outcomes, time.perf_counter() - started, tracker.manifest, plan.total)


def _task(stat: FileStat, known_sha256: str | None, store: BatchStore, options: RunOptions) -> FileTask:
    return FileTask(
        path=stat.path,
        region=stat.region,
        state_dir=str(store.state_dir),
        pipeline=options.pipeline,
        known_sha256=known_sha256,
        max_bytes=options.max_bytes,
        timeout_seconds=options.timeout_seconds,
        keep_models=options.keep_models,
    )


def _execute(
    tasks: Sequence[FileTask], options: RunOptions, store: BatchStore
) -> Iterator[tuple[FileTask, TaskOutcome]]:
    """Yield each task with its outcome, in completion order."""
    profile_root = str(store.state_dir / "tmp")
    try:
        if options.workers <= 0:
            yield from _in_process(tasks, profile_root)
            return
        yield from _in_pool(tasks, options, profile_root)
    finally:
        shutil.rmtree(profile_root, ignore_errors=True)


def _in_process(tasks: Sequence[FileTask], temp_root: str) -> Iterator[tuple[FileTask, TaskOutcome]]:
    """Run tasks one by one here (workers = 0), restoring the temporary folder afterwards."""
    previous = tempfile.tempdir
    init_worker(temp_root)
    try:
        for task in tasks:
            yield task, run_task(task)
    finally:
        tempfile.tempdir = previous


def _in_pool(
    tasks: Sequence[FileTask], options: RunOptions, profile_root: str
) -> Iterator[tuple[FileTask, TaskOutcome]]:
    """Run tasks in worker processes; files in flight when a worker died are retried alone once."""
    queue = deque((task, 1) for task in tasks)
    while queue:
        broken = yield from _pool_round(queue, options, profile_root)
        for task, attempt in reversed(broken):
            if attempt >= MAX_ATTEMPTS:
                yield (
                    task,
                    TaskOutcome(task.path, error="处理失败：工作进程异常退出（文件可能导致解析器崩溃）"),
                )
            else:
                queue.appendleft((task, attempt + 1))


def _pool_round(
    queue: deque[tuple[FileTask, int]], options: RunOptions, profile_root: str
) -> Generator[tuple[FileTask, TaskOutcome], None, list[tuple[FileTask, int]]]:
    """Run tasks from the queue in one pool until it is empty or the pool breaks.

    A retried task runs alone (isolated), so that a second crash names the file that causes it.
    Returns (as the generator's value) the tasks that were in flight when the pool broke.
    """
    context = multiprocessing.get_context(options.start_method)
    window = max(2, options.workers * 4)
    in_flight: dict[Future[TaskOutcome], tuple[FileTask, int]] = {}
    broken: list[tuple[FileTask, int]] = []
    with ProcessPoolExecutor(options.workers, context, init_worker, (profile_root,)) as pool:
        while queue or in_flight:
            _fill(pool, queue, in_flight, window)
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            for future in done:
                task, attempt = in_flight.pop(future)
                try:
                    yield task, future.result()
                except BrokenProcessPool:
                    broken.append((task, attempt))
            if broken:
                broken.extend(in_flight.values())
                break
    return broken


def _fill(
    pool: ProcessPoolExecutor,
    queue: deque[tuple[FileTask, int]],
    in_flight: dict[Future[TaskOutcome], tuple[FileTask, int]],
    window: int,
) -> None:
    """Submit queued tasks up to the window; a retried task waits for an empty pool and runs alone."""
    while queue and len(in_flight) < window:
        if any(attempt > 1 for _, attempt in in_flight.values()):
            return
        task, attempt = queue[0]
        if attempt > 1 and in_flight:
            return
        queue.popleft()
        in_flight[pool.submit(run_task, task)] = (task, attempt)


class _Tracker:
    """Collect outcomes, update the manifest, and save it every few seconds."""

    def __init__(
        self, store: BatchStore, manifest: Manifest, on_outcome: Callable[[FileOutcome], None] | None
    ) -> None:
        self.store = store
        self.manifest = manifest
        self.on_outcome = on_outcome
        self.outcomes: list[FileOutcome] = []
        self.pending: list[ManifestEntry] = []
        self.saved_at = time.monotonic()
        self.interval = SAVE_EVERY_SECONDS

    def add(self, outcome: FileOutcome, entry: ManifestEntry | None) -> None:
        self.outcomes.append(outcome)
        if entry is not None:
            self.pending.append(entry)
        if self.on_outcome is not None:
            self.on_outcome(outcome)
        if time.monotonic() - self.saved_at > self.interval:
            self.save()

    def add_task(
        self, stat: FileStat, entry: ManifestEntry | None, result: TaskOutcome, store: BatchStore
    ) -> None:
        if result.same and entry is not None:
            refreshed = replace(entry, size=stat.size, mtime_ns=stat.mtime_ns)
            outcome = outcome_from_record(stat, refreshed, store)
            if outcome is not None:
                self.add(outcome, refreshed)
                return
        self.add(*FileOutcome.from_task(stat, result))

    def save(self) -> None:
        started = time.monotonic()
        if self.pending:
            self.manifest = self.manifest.with_entries(self.pending)
            self.pending = []
        self.store.save_manifest(self.manifest)
        self.saved_at = time.monotonic()
        # A save costs O(files); keep it under a tenth of the time between saves.
        self.interval = max(SAVE_EVERY_SECONDS, 10 * (self.saved_at - started))


__all__ = ["FileOutcome", "OutcomeKind", "RunOptions", "RunResult", "pipeline_fingerprint", "run_batch"]
