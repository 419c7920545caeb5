"""Celery tasks: eagerly in this process, and once through Redis with a real worker process."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from pathlib import Path  # noqa: TC003

import pytest

from batch import sinks
from jixiao.batch import worker
from jixiao.batch.progress import JobState, ProgressReporter, RedisProgressStore, progress_store

REDIS_URL = "redis://127.0.0.1:6379/15"
SINK = f"{sinks.__name__}:collect"


@pytest.fixture
def eager(monkeypatch):
    monkeypatch.setenv("JIXIAO_PROGRESS_URL", "memory://")
    worker.app.conf.task_always_eager = True
    sinks.COLLECTED.clear()
    sinks.CONTEXTS.clear()
    yield
    worker.app.conf.task_always_eager = False


def test_import_job_runs_eagerly_and_reports_progress(eager, fixtures_dir: Path, tmp_path: Path):
    bad = tmp_path / "坏文件.docx"
    bad.write_bytes(b"not a zip")
    job_id = worker.start_import([str(fixtures_dir / "lizhou-2023-p1.docx"), str(bad)], sink=SINK)
    progress = worker.job_progress(job_id)
    assert progress is not None
    assert (progress.state, progress.done, progress.total, progress.failures) == (JobState.done, 2, 2, 1)
    assert progress.percent == 100
    (good_job, good), (bad_job, failed) = sinks.COLLECTED
    assert good_job == bad_job == job_id
    assert good["projects"]
    assert good["evaluations"]
    assert good["rows"][0]["file"] == "lizhou-2023-p1.docx"
    assert failed["projects"] == []
    assert failed["errors"]


def test_recheck_job_scores_every_loaded_project(eager):
    job_id = worker.start_recheck(
        f"{sinks.__name__}:two_projects", ["教育局"], sink=SINK, context={"user": 7}
    )
    progress = worker.job_progress(job_id)
    assert (progress.state, progress.done, progress.total) == (JobState.done, 2, 2)
    assert [payload["key"] for _, payload in sinks.COLLECTED] == ["p1", "p2"]
    assert sinks.CONTEXTS == [{"user": 7}, {"user": 7}]
    assert [payload["projects"][0]["department"]["value"] for _, payload in sinks.COLLECTED] == [
        "教育局",
        "教育局",
    ]


def test_progress_reporter_counts_steps_in_memory():
    store = progress_store("memory://")
    reporter = ProgressReporter(store, "job-x", total=4, interval=0)
    reporter.step("a.docx")
    reporter.step("b.docx", failed=True)
    progress = store.load("job-x")
    assert (progress.state, progress.done, progress.failures, progress.percent) == (
        JobState.running,
        2,
        1,
        50,
    )
    assert reporter.finish("坏了").to_dict()["state_label"] == "失败"


@pytest.mark.slow
def test_a_real_worker_process_runs_an_import_through_redis(fixtures_dir: Path, tmp_path: Path):
    redis = pytest.importorskip("redis")
    try:
        redis.Redis.from_url(REDIS_URL).ping()
    except redis.RedisError:
        pytest.skip("no local Redis")
    queue = f"jixiao-test-{uuid.uuid4().hex[:8]}"
    env = {**os.environ, "JIXIAO_BROKER_URL": REDIS_URL, "JIXIAO_QUEUE": queue}
    command = [sys.executable, "-m", "celery", "-A", "jixiao.batch.worker", "worker", "--pool", "solo",
               "--without-heartbeat", "--without-gossip", "--without-mingle", "-l", "warning"]  # fmt: skip
    process = subprocess.Popen(
        command, env=env, cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    client = worker.Celery(broker=REDIS_URL, backend=REDIS_URL)
    job_id = f"test-{uuid.uuid4().hex}"
    store = RedisProgressStore(REDIS_URL)
    try:
        path = str(fixtures_dir / "ziyang-2022-a01.xlsx")
        result = client.send_task(
            "jixiao.import_files", args=[job_id, [path], {"progress_url": REDIS_URL}], queue=queue
        )
        summary = result.get(timeout=90)
        assert summary["files"] == 1
        assert summary["failures"] == []
        assert summary["rows"]
        progress = store.load(job_id)
        assert (progress.state, progress.done, progress.total) == (JobState.done, 1, 1)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)
        client_redis = redis.Redis.from_url(REDIS_URL)
        client_redis.delete(f"jixiao:job:{job_id}", f"celery-task-meta-{result.id}")
        client_redis.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
        client_redis.delete("_kombu.binding_deadlines")  # db 15 is this test's own
    assert process.returncode is not None
