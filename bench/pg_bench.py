"""PostgreSQL benchmark: 100,000 projects scored and checked on 2 processes (issue 7, item 3).

Creates a dedicated database (`jixiao_bench`, dropped at the end unless --keep), fills a table with
model JSON rows (forms from gen_forms.make_project: a pool of distinct projects, each stored several
times under its own name), then measures in one run, with 2 worker processes each taking an id range:

- baseline: read the rows (server-side cursor) and parse them into `Project` models;
- full: read, parse, score, check, and write total, grade and finding counts back (COPY into a temp
  table, then one UPDATE … FROM).

Reports both wall times, rows/s, the full/baseline ratio, the workers' CPU ms per row by phase (parse,
analyse = score + check, fetch and write) and the load average (other jobs share the cores). When the
full run misses the 60 s goal, it profiles one slice in-process with cProfile and prints where the time
goes. Usage:

    .venv/bin/python bench/pg_bench.py [--rows 100000] [--workers 2] [--dsn postgresql://root@localhost/test]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import psycopg

from jixiao.checks.runner import check_project
from jixiao.model import Project, Severity
from jixiao.scoring import score_project

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_forms import make_project

DATABASE = "jixiao_bench"
GOAL_SECONDS = 60
BATCH = 2_000


def bench_dsn(dsn: str) -> str:
    return psycopg.conninfo.make_conninfo(dsn, dbname=DATABASE)


def create_database(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")
        admin.execute(f"CREATE DATABASE {DATABASE}")
    with psycopg.connect(bench_dsn(dsn)) as conn:
        conn.execute(
            "CREATE TABLE projects (id bigint PRIMARY KEY, department text, unit text, data jsonb NOT NULL,"
            " total numeric, grade text, errors int, warnings int)"
        )


def drop_database(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE}")


def distinct_projects(count: int) -> list[str]:
    return [make_project(11, index)[0].model_dump_json() for index in range(count)]


def fill(dsn: str, rows: int, distinct: int, workers: int) -> float:
    started = time.perf_counter()
    slices = [range(start, min(distinct, start + 250)) for start in range(0, distinct, 250)]
    with ProcessPoolExecutor(workers) as pool:
        pool_json = [text for part in pool.map(_make_slice, slices) for text in part]
    with psycopg.connect(bench_dsn(dsn)) as conn, conn.cursor() as cursor:
        with cursor.copy("COPY projects (id, department, unit, data) FROM STDIN") as copy:
            for row_id in range(rows):
                data = json.loads(pool_json[row_id % distinct])
                data["name"]["value"] = f"{data['name']['value']}-{row_id}"
                data["name"]["raw"] = data["name"]["value"]
                copy.write_row((row_id, data["department"]["value"], data["unit"]["value"], json.dumps(data)))
        conn.execute("ANALYZE projects")
    return time.perf_counter() - started


def _make_slice(indexes: range) -> list[str]:
    return [make_project(11, index)[0].model_dump_json() for index in indexes]


def read_slice(args: tuple[str, int, int, bool]) -> tuple[int, dict[str, float]]:
    """Read rows [low, high) and parse them; with `full`, also score, check and write back.

    Returns the row count and this process's CPU seconds by phase (parse, analyse, the rest: fetching
    rows and writing back), so the report can say where the time goes.
    """
    dsn, low, high, full = args
    done = 0
    clock = time.process_time
    cpu = {"parse": 0.0, "analyse": 0.0, "total": 0.0, "wall": 0.0, "write_wall": 0.0}
    started, wall_started = clock(), time.perf_counter()
    with psycopg.connect(dsn) as conn:
        with conn.cursor(name=f"rows_{low}") as cursor:
            cursor.itersize = BATCH
            cursor.execute("SELECT id, data::text FROM projects WHERE id >= %s AND id < %s", (low, high))
            results = []
            for row_id, text in cursor:
                before = clock()
                project = Project.model_validate_json(text)
                parsed = clock()
                cpu["parse"] += parsed - before
                if full:
                    results.append((row_id, *analyse(project)))
                    cpu["analyse"] += clock() - parsed
                done += 1
        if full:
            writing = time.perf_counter()
            write_back(conn, results)
            cpu["write_wall"] = time.perf_counter() - writing
    cpu["total"] = clock() - started
    cpu["wall"] = time.perf_counter() - wall_started
    return done, cpu


def analyse(project: Project) -> tuple[str | None, str | None, int, int]:
    evaluations = score_project(project)
    findings = check_project(project, evaluations=evaluations)
    first = evaluations[0] if evaluations else None
    errors = sum(1 for finding in findings if finding.severity is Severity.error)
    warnings = sum(1 for finding in findings if finding.severity is Severity.warning)
    return (str(first.total) if first else None, first.grade.value if first else None, errors, warnings)


def write_back(conn: psycopg.Connection, results: list[tuple[int, str | None, str | None, int, int]]) -> None:
    conn.execute("CREATE TEMP TABLE scored (id bigint, total numeric, grade text, errors int, warnings int)")
    with conn.cursor() as cursor, cursor.copy("COPY scored FROM STDIN") as copy:
        for row in results:
            copy.write_row(row)
    conn.execute(
        "UPDATE projects p SET total = s.total, grade = s.grade, errors = s.errors, warnings = s.warnings"
        " FROM scored s WHERE p.id = s.id"
    )
    conn.commit()


def run(dsn: str, rows: int, workers: int, *, full: bool) -> tuple[float, dict[str, float]]:
    """Wall seconds of one run over all rows, and the workers' CPU ms per row by phase."""
    step = -(-rows // (workers * 4))
    slices = [(bench_dsn(dsn), low, min(rows, low + step), full) for low in range(0, rows, step)]
    started = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        parts = list(pool.map(read_slice, slices))
    wall = time.perf_counter() - started
    done = sum(count for count, _ in parts)
    if done != rows:
        message = f"read {done} rows, expected {rows}"
        raise RuntimeError(message)
    cpu = {key: sum(part[key] for _, part in parts) for key in ("parse", "analyse", "total")}
    cpu["fetch_and_write"] = cpu["total"] - cpu["parse"] - cpu["analyse"]
    result = {f"{key}_cpu_ms_per_row": round(seconds * 1000 / rows, 3) for key, seconds in cpu.items()}
    # Wall time the slices spent in their processes (summed over slices), and in the final UPDATE.
    result["slices_wall_ms_per_row"] = round(sum(part["wall"] for _, part in parts) * 1000 / rows, 3)
    write_wall = sum(part["write_wall"] for _, part in parts)
    result["write_back_wall_ms_per_row"] = round(write_wall * 1000 / rows, 3)
    return wall, result


def profile_slice(dsn: str, size: int) -> str:
    profiler = cProfile.Profile()
    profiler.enable()
    read_slice((bench_dsn(dsn), 0, size, True))
    profiler.disable()
    stream = io.StringIO()
    pstats.Stats(profiler, stream=stream).sort_stats("cumulative").print_stats(30)
    return stream.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", default="postgresql://root@localhost/test")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--distinct", type=int, default=5_000, help="distinct generated projects")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", action="store_true", help="keep the jixiao_bench database")
    parser.add_argument("--profile", action="store_true", help="profile a slice even when the goal is met")
    args = parser.parse_args()
    create_database(args.dsn)
    try:
        fill_seconds = fill(args.dsn, args.rows, min(args.distinct, args.rows), args.workers)
        load = [round(os.getloadavg()[0], 1)]
        baseline, baseline_cpu = run(args.dsn, args.rows, args.workers, full=False)
        load.append(round(os.getloadavg()[0], 1))
        full, full_cpu = run(args.dsn, args.rows, args.workers, full=True)
        load.append(round(os.getloadavg()[0], 1))
        with psycopg.connect(bench_dsn(args.dsn)) as conn:
            scored = conn.execute("SELECT count(*) FROM projects WHERE total IS NOT NULL").fetchone()
        result = {
            "rows": args.rows,
            "workers": args.workers,
            "fill_seconds": round(fill_seconds, 1),
            "baseline_read_parse_seconds": round(baseline, 1),
            "full_seconds": round(full, 1),
            "full_rows_per_second": round(args.rows / full),
            "ratio_full_to_baseline": round(full / baseline, 1),
            "rows_with_total_written": scored[0] if scored else 0,
            "load_average_before_baseline_full_after": load,
            "baseline_worker_time": baseline_cpu,
            "full_worker_time": full_cpu,
            "goal_met": full < GOAL_SECONDS,
        }
        print(json.dumps(result, indent=2))
        Path("bench/results").mkdir(parents=True, exist_ok=True)
        Path(f"bench/results/pg-{args.rows}.json").write_text(json.dumps(result, indent=2), encoding="utf-8")
        if full >= GOAL_SECONDS or args.profile:
            print(profile_slice(args.dsn, 1_000))
    finally:
        if not args.keep:
            drop_database(args.dsn)


if __name__ == "__main__":
    main()
