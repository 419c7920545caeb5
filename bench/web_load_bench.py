"""Web load benchmark: dashboard and form page under 50 concurrent users, 100,000 projects in PostgreSQL.

Steps, all on loopback and bounded in time:

1. create a dedicated database (`jixiao_webbench`, dropped at the end unless --keep) and migrate it;
2. seed one finance bureau (10 departments × 5 units) with --rows projects: a pool of distinct
   generated projects (bench/gen_forms.py) is scored and checked once through the web app's own
   service layer, then stored many times under different names with COPY;
3. start `jixiao serve` (waitress: --workers processes × --threads threads; `--dev` for Django's
   development server) against that database;
4. log in as the bureau's finance reviewer (sees every project) and run wrk with 50 connections
   for --seconds against the dashboard (`/`) and against one project's form page
   (`/projects/<pk>/`); wrk's Lua `done` hook prints p50/p95/p99 and the non-2xx count.

The same run also measures a static file (`/static/jixiao/app.css`, through WhiteNoise) and a light
page (`/login/`) as baselines for the server itself, so the dashboard and form numbers can be read as
ratios. For the dashboard, `first_request_ms` is the request that fills its 30 s cache and
`uncached_aggregate_ms` times `stats.dashboard` (the SQL aggregation) in this process. Usage:

    .venv/bin/python bench/web_load_bench.py [--rows 100000] [--seconds 20] [--connections 50]
"""

from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from http import HTTPStatus
from pathlib import Path

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_forms import make_project

DATABASE = "jixiao_webbench"
PORT = 8765
PASSWORD = "bench-Pass-2026"
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
  io.write(string.format('{"requests": %d, "seconds": %.2f, "p50_ms": %.1f, "p95_ms": %.1f, "p99_ms": %.1f, '
    .. '"max_ms": %.1f, "non_2xx": %d, "timeouts": %d, "socket_errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3, summary.errors.status, summary.errors.timeout, errors))
end
"""


def database_url(dsn: str) -> str:
    parts = urllib.parse.urlsplit(dsn)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{DATABASE}"))


def setup_django(dsn: str) -> None:
    os.environ["DATABASE_URL"] = database_url(dsn)
    os.environ["DJANGO_SETTINGS_MODULE"] = "jixiao.web.settings"
    import django  # noqa: PLC0415
    from django.core.management import call_command  # noqa: PLC0415

    django.setup()
    call_command("migrate", interactive=False, verbosity=0)


def seed(rows: int, distinct: int) -> tuple[int, float]:
    """Create the bureau and its projects; return a project id and the seeding time."""
    from django.contrib.auth.models import User  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    from jixiao.web import rulecounts, services  # noqa: PLC0415
    from jixiao.web.models import Department, Profile, Region, Role, Unit  # noqa: PLC0415

    started = time.perf_counter()
    region = Region.objects.create(name="基准市财政局")
    units = []
    for index in range(10):
        department = Department.objects.create(region=region, name=f"基准部门{index + 1}")
        units += [
            Unit.objects.create(department=department, name=f"基准单位{index + 1}-{n + 1}") for n in range(5)
        ]
    user = User.objects.create_user("bench_finance", password=PASSWORD)
    Profile.objects.create(user=user, role=Role.FINANCE, region=region)
    pool = []
    for index in range(distinct):
        project = make_project(23, index)[0]
        columns = services._columns(services.evaluate(project))  # noqa: SLF001  (the app's own denormalisation)
        pool.append((project.title, columns))
    fields = ("unit_id", "data", "status", "version", "name", "year", "scheme", "total", "grade",
              "execution_rate", "error_count", "warning_count", "info_count", "findings", "evaluation",
              "allocation", "created_at", "updated_at")  # fmt: skip
    connection.ensure_connection()
    raw = connection.connection  # the psycopg connection under Django's wrapper
    with (
        raw.cursor() as cursor,
        cursor.copy(f"COPY web_projectrecord ({', '.join(fields)}) FROM STDIN") as copy,
    ):
        for row_id in range(rows):
            title, columns = pool[row_id % distinct]
            name = f"{title}-{row_id}"
            data = json.dumps(columns["data"], ensure_ascii=False).replace(
                json.dumps(title, ensure_ascii=False)[1:-1], name
            )
            findings = json.dumps(columns["findings"], ensure_ascii=False)
            evaluation = json.dumps(columns["evaluation"], ensure_ascii=False)
            allocation = json.dumps(columns["allocation"], ensure_ascii=False)
            copy.write_row((
                units[row_id % len(units)].pk, data, "submitted", 1, name, columns["year"], columns["scheme"],
                columns["total"], columns["grade"], columns["execution_rate"], columns["error_count"],
                columns["warning_count"], columns["info_count"], findings, evaluation, allocation,
                "now", "now",
            ))  # fmt: skip
    raw.commit()
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id) FROM web_projectrecord")
        first = cursor.fetchone()[0]
    counts = [rulecounts.rows_for(0, columns["findings"]) for _, columns in pool]
    with (
        raw.cursor() as cursor,
        cursor.copy("COPY web_findingrulecount (project_id, rule, count, example) FROM STDIN") as copy,
    ):
        for row_id in range(rows):
            for item in counts[row_id % distinct]:
                copy.write_row((first + row_id, item.rule, item.count, item.example))
    raw.commit()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE web_projectrecord")
        cursor.execute("ANALYZE web_findingrulecount")
    return int(first), time.perf_counter() - started


def start_server(dsn: str, log: Path, threads: int, workers: int, *, dev: bool) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": database_url(dsn), "JIXIAO_DEBUG": "0"}
    jixiao = str(Path(sys.executable).with_name("jixiao"))
    command = [jixiao, "serve", "--host", "127.0.0.1", "--port", str(PORT), "--threads", str(threads)]
    command += ["--dev"] if dev else ["--workers", str(workers)]
    process = subprocess.Popen(command, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}/login/", timeout=2).close()
        except OSError:
            time.sleep(0.5)
        else:
            return process
    process.terminate()
    message = f"the server did not start; see {log}"
    raise RuntimeError(message)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        del args, kwargs  # never follow: the caller reads the 302 itself


def login() -> str:
    """Log in through the login form; return the Cookie header for wrk."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar), _NoRedirect())
    page = opener.open(f"http://127.0.0.1:{PORT}/login/", timeout=10).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    form = {
        "username": "bench_finance",
        "password": PASSWORD,
        "csrfmiddlewaretoken": token.group(1) if token else "",
    }
    body = urllib.parse.urlencode(form).encode()
    request = urllib.request.Request(
        f"http://127.0.0.1:{PORT}/login/", data=body, headers={"Referer": f"http://127.0.0.1:{PORT}/login/"}
    )
    try:  # the 302 to the dashboard is not followed: with 100,000 projects it is the slow page
        opener.open(request, timeout=30).close()
    except urllib.error.HTTPError as error:
        if error.code != HTTPStatus.FOUND:
            raise
    cookies = {cookie.name: cookie.value for cookie in jar}
    if "sessionid" not in cookies:
        message = "login failed"
        raise RuntimeError(message)
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


def run_wrk(url: str, cookie: str, seconds: int, connections: int, script: Path) -> dict[str, float]:
    command = ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s",
               "-H", f"Cookie: {cookie}", "-s", str(script), url]  # fmt: skip
    output = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 90, check=True).stdout
    return json.loads(output.strip().splitlines()[-1])


def single_request_ms(url: str, cookie: str) -> tuple[float, float]:
    """First and median of three sequential requests on an idle server (one when that takes over 5 s).

    The first dashboard request after start-up is the one that fills the cache.
    """
    times: list[float] = []
    while len(times) < 3 and (not times or times[0] < 5_000):
        started = time.perf_counter()
        request = urllib.request.Request(url, headers={"Cookie": cookie})
        with urllib.request.urlopen(request, timeout=300) as response:
            response.read()
        times.append((time.perf_counter() - started) * 1000)
    return round(times[0], 1), round(sorted(times)[len(times) // 2], 1)


def aggregate_ms(user_name: str) -> float:
    """Median of three uncached `stats.dashboard` runs in this process for the user's scope (SQL only)."""
    from django.contrib.auth.models import User  # noqa: PLC0415

    from jixiao.web import policy, stats  # noqa: PLC0415

    projects = policy.scope_projects(User.objects.get(username=user_name))
    times = []
    for _ in range(3):
        started = time.perf_counter()
        stats.dashboard(projects)
        times.append((time.perf_counter() - started) * 1000)
    return round(sorted(times)[1], 1)


def drop_database(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", default="postgresql://root@localhost/test")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--distinct", type=int, default=300)
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=50)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--dev", action="store_true", help="Django's development server instead of waitress")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (scripts/setup-system.sh installs it)")
    drop_database(args.dsn)
    with psycopg.connect(args.dsn, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {DATABASE}")
    folder = Path(tempfile.mkdtemp(prefix="jixiao-webbench-"))
    server = None
    try:
        setup_django(args.dsn)
        project_id, seed_seconds = seed(args.rows, args.distinct)
        script = folder / "report.lua"
        script.write_text(WRK_SCRIPT, encoding="utf-8")
        server = start_server(args.dsn, folder / "server.log", args.threads, args.workers, dev=args.dev)
        cookie = login()
        base = f"http://127.0.0.1:{PORT}"
        # The dashboard goes last: requests still queued when wrk stops would slow the next page.
        pages = {"static (baseline)": "/static/jixiao/app.css", "login (baseline)": "/login/",
                 "form page": f"/projects/{project_id}/", "dashboard": "/"}  # fmt: skip
        results: dict[str, dict[str, float]] = {}
        for name, path in pages.items():
            first, single = single_request_ms(base + path, cookie)
            results[name] = {
                "first_request_ms": first,
                "single_request_ms": single,
                **run_wrk(base + path, cookie, args.seconds, args.connections, script),
            }
        for name in ("dashboard", "form page", "login (baseline)"):
            for base_name in ("static (baseline)", "login (baseline)"):
                for key in ("p50_ms", "p95_ms"):
                    ratio = results[name][key] / (results[base_name][key] or 1)
                    results[name][f"{key[:3]}_ratio_to_{base_name.split()[0]}"] = round(ratio, 1)
        results["dashboard"]["uncached_aggregate_ms"] = aggregate_ms("bench_finance")
        server_name = "runserver" if args.dev else f"waitress, {args.workers} x {args.threads} threads"
        summary = {"rows": args.rows, "connections": args.connections, "seed_seconds": round(seed_seconds, 1),
                   "server": server_name, "results": results}  # fmt: skip
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        Path("bench/results").mkdir(parents=True, exist_ok=True)
        suffix = "-dev" if args.dev else f"-w{args.workers}"
        Path(f"bench/results/web-{args.rows}{suffix}.json").write_text(
            json.dumps(summary, ensure_ascii=False, indent=2)
        )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)
        if not args.keep:
            from django.db import connections  # noqa: PLC0415

            connections.close_all()
            drop_database(args.dsn)


if __name__ == "__main__":
    main()
