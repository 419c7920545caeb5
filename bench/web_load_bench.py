"""Web load benchmark: dashboard and form page under 50 concurrent users, 100,000 projects in PostgreSQL.

Steps, all on loopback and bounded in time:

1. create a dedicated database (`jixiao_webbench`, dropped at the end unless --keep) and migrate it;
2. seed one finance bureau (10 departments × 5 units) with --rows projects: a pool of distinct
   generated projects (bench/gen_forms.py) is scored and checked once through the web app's own
   service layer, then stored many times under different names with COPY (every 10th a draft);
   plus one account per virtual user: 40 unit fillers (40 different units), 8 department reviewers
   (8 departments) and 2 finance reviewers (the whole bureau);
3. start `jixiao serve` (waitress: --workers processes × --threads threads; `--dev` for Django's
   development server) against that database, with the dashboard cache and sessions in Redis
   (--cache-url; `""` for the default in-process or file cache);
4. two load models against the same server:
   - `users` (the goal's model): wrk with one thread and one connection per virtual user, each
     logged in with its own session; each user loops over its own pages (its dashboard, then four
     form pages `/projects/<pk>/` of projects it may see) with a think time drawn uniformly from
     --think (default 1–3 s) before every request. Latency is timed per request by the Lua hooks
     (`request()` → `response()`, monotonic clock through LuaJIT's FFI), think time excluded, and
     reported per page kind together with non-200 answers and bodies that are not the page
     (too short, or a login form). Meanwhile the unit fillers save their own drafts through the
     REST API (`PUT /api/projects/<pk>/` with their tokens, the JSON and the version last read)
     from a thread of this process, --saves-per-second of them in all (0: none); each save makes
     stale the dashboards of its unit, department and region. Reported: the saves' latency and
     non-2xx/409 answers, and an estimate of which dashboard visits recomputed (`recompute_estimate`);
   - `saturation` (a throughput test): wrk with --connections connections and no think time
     (always that many requests in flight) as one finance reviewer, for --seconds per page:
     `/static/jixiao/app.css` (WhiteNoise) and `/login/` as baselines, then one form page and
     the dashboard; wrk's Lua `done` hook prints p50/p95/p99 and the non-2xx count.

For the dashboard, `first_request_ms` is the request that fills its 30 s cache and
`uncached_aggregate_ms` times `stats.dashboard` (SQL aggregation and rankings) in this process, from
the per-unit figures as the page does (`figures`) and aggregated over all projects (`direct`). Usage:

    .venv/bin/python bench/web_load_bench.py [--rows 100000] [--users-seconds 60]
        [--think 1-3] [--saves-per-second 1.0] [--seconds 20] [--connections 50] [--workers 2] [--threads 8]
"""

from __future__ import annotations

import argparse
import http.client
import http.cookiejar
import json
import math
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http import HTTPStatus
from pathlib import Path
from typing import Any

import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent))
from gen_forms import make_project

DATABASE = "jixiao_webbench"
PORT = 8765
PASSWORD = "bench-Pass-2026"
UNITS, DEPARTMENTS = 50, 10
USER_MIX = {"unit": 40, "department": 8, "finance": 2}  # virtual users by role (of 50)
FORM_PAGES = 4  # form pages per user between two visits of its dashboard
MIN_BODY = 2000  # bytes: a real dashboard or form page is far larger, an error page is not
MARKERS = {"dashboard": 'id="rankings"', "form": 'id="history"'}  # present only in the real page
WRK_SCRIPT = """
done = function(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
  io.write(string.format('{"requests": %d, "seconds": %.2f, "p50_ms": %.1f, "p95_ms": %.1f, "p99_ms": %.1f, '
    .. '"max_ms": %.1f, "non_2xx": %d, "timeouts": %d, "socket_errors": %d}\\n',
    summary.requests, summary.duration / 1e6, latency:percentile(50) / 1e3, latency:percentile(95) / 1e3,
    latency:percentile(99) / 1e3, latency.max / 1e3, summary.errors.status, summary.errors.timeout, errors))
end
"""

# The users model: one wrk thread with one connection per virtual user (its state is the thread's).
# Each thread writes one line per answered request to its own file: page kind, latency in ms (timed
# in request() → response(), think time excluded), status, whether the body is the page, the visit
# number of that page kind, the start time (CLOCK_MONOTONIC ms, Python's `time.monotonic`). (wrk's
# thread:get in done() overflows its Lua stack with 50 threads.)
USERS_SCRIPT = """
local ffi = require("ffi")
ffi.cdef[[
typedef struct { long tv_sec; long tv_nsec; } jixiao_timespec;
int clock_gettime(int clock, jixiao_timespec *now);
]]
local clock = ffi.new("jixiao_timespec")
local function now_ms()
  ffi.C.clock_gettime(1, clock)  -- CLOCK_MONOTONIC
  return tonumber(clock.tv_sec) * 1000 + tonumber(clock.tv_nsec) / 1e6
end

local created = 0
function setup(thread)
  created = created + 1
  thread:set("uid", created)
end

function init(args)
  user = USERS[uid]
  step, current, started, csrf = 0, nil, 0, ""
  visits = {}
  math.randomseed(uid * 7919)
  log = io.open(string.format("%s/user-%02d.tsv", RESULTS, uid), "w")
  log:setvbuf("line")
end

function delay()  -- think time before every request (the first one too: users start spread out)
  return math.random(THINK_MIN_MS, THINK_MAX_MS)
end

function request()
  step = step % #user.paths + 1
  current = user.kinds[step]
  started = now_ms()
  return wrk.format("GET", user.paths[step], {Cookie = user.cookie .. csrf})
end

function response(status, headers, body)
  local elapsed = now_ms() - started
  local token = (headers["Set-Cookie"] or ""):match("csrftoken=([^;]+)")
  if token then csrf = "; csrftoken=" .. token end  -- kept, as a browser keeps it
  local page = #body >= MIN_BODY and body:find(MARKERS[current], 1, true) ~= nil
  visits[current] = (visits[current] or 0) + 1
  log:write(string.format("%s\\t%.3f\\t%d\\t%d\\t%d\\t%.3f\\n", current, elapsed, status, page and 1 or 0,
    visits[current], started))
end

function done(summary, overall, requests)
  local errors = summary.errors
  io.write(string.format('{"requests": %d, "seconds": %.2f, "wrk_p50_ms": %.1f, "wrk_p95_ms": %.1f, '
    .. '"socket_errors": %d, "timeouts": %d, "non_2xx": %d}\\n', summary.requests, summary.duration / 1e6,
    overall:percentile(50) / 1e3, overall:percentile(95) / 1e3,
    errors.connect + errors.read + errors.write, errors.timeout, errors.status))
end
"""


def is_draft(row_id: int) -> bool:
    """Every 10th project of each unit is a draft (editable by its filler); the others are submitted."""
    return (row_id // UNITS) % 10 == 0


def users_script(users: list[dict[str, Any]], think_ms: tuple[int, int], results: Path) -> str:
    """The users' Lua table and settings in front of USERS_SCRIPT."""

    def text(value: str) -> str:
        return json.dumps(value)  # a JSON string of ASCII is a valid Lua string

    entries = [
        "{cookie = %s, paths = {%s}, kinds = {%s}}"  # noqa: UP031
        % (text(user["cookie"]), ", ".join(map(text, user["paths"])), ", ".join(map(text, user["kinds"])))
        for user in users
    ]
    markers = ", ".join(f"{kind} = {text(marker)}" for kind, marker in MARKERS.items())
    return (
        "USERS = {\n  " + ",\n  ".join(entries) + "\n}\n"
        f"THINK_MIN_MS, THINK_MAX_MS, MIN_BODY = {think_ms[0]}, {think_ms[1]}, {MIN_BODY}\n"
        f"MARKERS = {{{markers}}}\nRESULTS = {text(str(results))}\n{USERS_SCRIPT}"
    )


def percentile(ordered: list[float], share: float) -> float:
    """Nearest-rank percentile of sorted values (0 for none)."""
    if not ordered:
        return 0.0
    return ordered[max(0, math.ceil(share / 100 * len(ordered)) - 1)]


def page_stats(lines: list[tuple[str, float, int, bool, int]]) -> dict[str, float]:
    ordered = sorted(line[1] for line in lines)
    return {
        "requests": len(lines),
        **{f"p{share}_ms": round(percentile(ordered, share), 1) for share in (50, 95, 99)},
        "max_ms": round(ordered[-1], 1) if ordered else 0.0,
        "non_200": sum(1 for line in lines if line[2] != HTTPStatus.OK),
        "wrong_body": sum(1 for line in lines if line[2] == HTTPStatus.OK and not line[3]),
    }


def run_users(  # noqa: PLR0913
    url: str,
    users: list[dict[str, Any]],
    seconds: int,
    think_ms: tuple[int, int],
    folder: Path,
    *,
    saver: Saver | None,
) -> dict[str, Any]:
    """The users model: one wrk thread and connection per user, think time between requests.

    With a `saver`, the unit fillers' saves run in a thread of this process during the wrk run.
    """
    results = folder / "users"
    results.mkdir()
    script = folder / "users.lua"
    script.write_text(users_script(users, think_ms, results), encoding="utf-8")
    count = str(len(users))
    command = [
        "wrk",
        "-t",
        count,
        "-c",
        count,
        "-d",
        f"{seconds}s",
        "--timeout",
        "30s",
        "-s",
        str(script),
        url,
    ]
    if saver is not None:
        saver.start()
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 90, check=True)
    finally:
        if saver is not None:
            saver.stop()
    summary: dict[str, Any] = json.loads(completed.stdout.strip().splitlines()[-1])
    lines = []
    visits = []  # dashboard visits: (user, start ms, elapsed ms)
    for path in sorted(results.glob("user-*.tsv")):
        user = users[int(path.stem.split("-")[1]) - 1]
        for row in path.read_text(encoding="utf-8").splitlines():
            kind, elapsed, status, page, visit, started = row.split("\t")
            lines.append((kind, float(elapsed), int(status), page == "1", int(visit)))
            if kind == "dashboard":
                visits.append((user, float(started), float(elapsed)))
    saves = saver.report() if saver is not None else {"requests": 0}
    return {
        "saves": saves,
        "dashboard_recomputed_estimate": recompute_estimate(visits, saver.done if saver else []),
        "dashboard": page_stats([line for line in lines if line[0] == "dashboard"]),
        "dashboard_after_first_visit": page_stats(
            [line for line in lines if line[0] == "dashboard" and line[4] > 1]
        ),
        "form": page_stats([line for line in lines if line[0] == "form"]),
        "all": page_stats(lines) | {"wrk": summary},
    }


class Saver:
    """The unit fillers' saves: `PUT /api/projects/<pk>/` with each filler's token, at a fixed rate.

    One thread; the fillers take turns in a shuffled order (so each saves every `len / rate`
    seconds), each over its own keep-alive connection, each editing one draft of its own unit: the
    implementation summary text changes on every save, and the version the answer gives back is the
    one sent next time (a stale one would be a 409).
    """

    def __init__(self, fillers: list[dict[str, Any]], rate: float) -> None:
        self.fillers, self.interval = fillers, 1 / rate
        self.times: list[float] = []  # ms per answered save
        self.statuses: list[int] = []
        self.done: list[tuple[int, float]] = []  # (unit number, time answered in ms) of each 2xx save
        self.errors: list[str] = []
        self.connections: dict[str, http.client.HTTPConnection] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="saver", daemon=True)
        self._started = 0.0

    def load(self) -> None:
        """Read each filler's project (its JSON and version) through the API, before the run."""
        for filler in self.fillers:
            status, body = self._request(filler, "GET", None)
            if status != HTTPStatus.OK:
                message = f"GET {filler['project']} as {filler['name']}: {status}"
                raise RuntimeError(message)
            filler["data"], filler["version"], filler["saves"] = body["data"], body["version"], 0

    def start(self) -> None:
        self._started = time.monotonic()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=60)

    def _run(self) -> None:
        order = list(self.fillers)
        random.Random(7).shuffle(order)
        count = 0
        while not self._stop.wait(max(0.0, self._started + count * self.interval - time.monotonic())):
            self._save(order[count % len(order)])
            count += 1

    def _save(self, filler: dict[str, Any]) -> None:
        filler["saves"] += 1
        text = f"{filler['name']} 第{filler['saves']}次修改：实施内容及过程概述（基准测试）"
        form = filler["data"]["self_eval_form"]
        form["implementation_summary"] = {
            **(form.get("implementation_summary") or {}),
            "value": text,
            "raw": text,
        }
        started = time.monotonic()
        try:
            status, body = self._request(
                filler, "PUT", {"data": filler["data"], "version": filler["version"]}
            )
        except (OSError, http.client.HTTPException) as error:
            self.errors.append(f"{filler['name']}: {error!r}")
            return
        finished = time.monotonic()
        self.times.append((finished - started) * 1000)
        self.statuses.append(status)
        if HTTPStatus.OK <= status < HTTPStatus.MULTIPLE_CHOICES:
            filler["version"] = body["version"]
            self.done.append((filler["unit"], finished * 1000))

    def _request(self, filler: dict[str, Any], method: str, payload: object) -> tuple[int, Any]:
        """One request on the filler's keep-alive connection (opened again once if the server closed it)."""
        headers = {"Authorization": f"Token {filler['token']}", "Accept": "application/json"}
        body = None
        if payload is not None:
            body = json.dumps(payload, ensure_ascii=False).encode()
            headers["Content-Type"] = "application/json"
        path = f"/api/projects/{filler['project']}/"
        for attempt in (1, 2):
            connection = self.connections.get(filler["name"])
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", PORT, timeout=60)
                self.connections[filler["name"]] = connection
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                answer = response.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                connection.close()
                del self.connections[filler["name"]]
                if attempt == 2:
                    raise
                continue
            return response.status, json.loads(answer) if answer else None
        raise AssertionError  # unreachable

    def report(self) -> dict[str, Any]:
        ordered = sorted(self.times)
        seconds = time.monotonic() - self._started
        return {
            "requests": len(self.times),
            "per_second": round(len(self.times) / seconds, 2) if seconds else 0.0,
            **{f"p{share}_ms": round(percentile(ordered, share), 1) for share in (50, 95, 99)},
            "max_ms": round(ordered[-1], 1) if ordered else 0.0,
            "non_2xx": sum(
                1 for status in self.statuses if not HTTPStatus.OK <= status < HTTPStatus.MULTIPLE_CHOICES
            ),
            "conflicts_409": self.statuses.count(HTTPStatus.CONFLICT),
            "connection_errors": len(self.errors),
            "fillers_saving": sum(1 for filler in self.fillers if filler.get("saves")),
        }

    def close(self) -> None:
        for connection in self.connections.values():
            connection.close()


def recompute_estimate(
    visits: list[tuple[dict[str, Any], float, float]], saves: list[tuple[int, float]]
) -> dict[str, Any]:
    """Which dashboard visits found no usable cache entry, from the visit and save logs and the cache rules.

    Not measured in the server: a visit recomputes when its scope's entry (shared by users of the
    same scope) is missing, older than CACHE_SECONDS, or older than a save in one of the scope's
    units (the save's answer time stands for its commit). A stale-while-revalidate answer (another
    user of the scope computing at that moment) counts as a recompute. The latencies of the two
    groups show whether the estimate holds (recomputes should be the slow ones). Each user's first
    visit is left out, as in `dashboard_after_first_visit`.
    """
    cache_ms = 30_000  # stats.CACHE_SECONDS
    entries: dict[str, tuple[float, float]] = {}  # scope → (generation read at, stored at)
    groups: dict[str, list[float]] = {"recomputed": [], "cached": []}
    by_role: dict[str, list[int]] = {}
    seen: set[str] = set()
    for user, started, elapsed in sorted(visits, key=lambda visit: visit[1]):
        scope, units = user["scope"], user["units"]
        entry = entries.get(scope)
        stale = entry is None or started - entry[1] > cache_ms
        if entry is not None and not stale:
            stale = any(unit in units and entry[0] < at <= started for unit, at in saves)
        if stale:
            entries[scope] = (started, started + elapsed)
        if user["name"] not in seen:  # each user's first visit (all within 1-3 s of the start) left out
            seen.add(user["name"])
            continue
        groups["recomputed" if stale else "cached"].append(elapsed)
        counts = by_role.setdefault(user["role"], [0, 0])
        counts[0 if stale else 1] += 1
    result: dict[str, Any] = {
        "after_first_visit_by_role_recomputed_cached": by_role,
    }
    for name, times in groups.items():
        ordered = sorted(times)
        result[name] = {
            "visits": len(ordered),
            "p50_ms": round(percentile(ordered, 50), 1),
            "p95_ms": round(percentile(ordered, 95), 1),
        }
    return result


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


def seed(rows: int, distinct: int) -> tuple[int, float, float]:
    """Create the bureau and its projects; return a project id, the seeding and the figures' rebuild time.

    COPY bypasses the app, so the per-unit dashboard figures are rebuilt afterwards (`figures.rebuild`).
    """
    from django.contrib.auth.models import User  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    from jixiao.web import figures, rulecounts, services  # noqa: PLC0415
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
                units[row_id % len(units)].pk, data, "draft" if is_draft(row_id) else "submitted", 1, name,
                columns["year"], columns["scheme"], columns["total"], columns["grade"],
                columns["execution_rate"], columns["error_count"], columns["warning_count"],
                columns["info_count"], findings, evaluation, allocation,
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
    rebuilding = time.perf_counter()
    figures.rebuild()
    rebuild_seconds = time.perf_counter() - rebuilding
    with connection.cursor() as cursor:  # what autovacuum does soon after a bulk load, for every table:
        cursor.execute("VACUUM ANALYZE")  # planner statistics and the visibility map (index-only scans)
    return int(first), time.perf_counter() - started, rebuild_seconds


def seed_users(first: int, rows: int) -> list[dict[str, Any]]:
    """One account per virtual user with its own session; its pages: dashboard, then form pages.

    Project `first + i` belongs to unit `i % UNITS`, department `(i % UNITS) // 5` (see `seed`).
    A unit filler also gets an API token and the project it edits: `first + i` for unit i, a draft.
    """
    from django.contrib.auth.models import User  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415
    from rest_framework.authtoken.models import Token  # noqa: PLC0415

    from jixiao.web.models import Department, Profile, Region, Role, Unit  # noqa: PLC0415

    region = Region.objects.get()
    units = list(Unit.objects.order_by("pk"))
    departments = list(Department.objects.order_by("pk"))
    generator = random.Random(2026)
    users: list[dict[str, Any]] = []
    for role, count in USER_MIX.items():
        for index in range(count):
            name = f"bench_{role}_{index + 1}"
            user = User.objects.create_user(name, password=PASSWORD)
            if role == "unit":
                unit_numbers = [index]
                Profile.objects.create(user=user, role=Role.UNIT, unit=units[index], region=region)
            elif role == "department":
                unit_numbers = list(range(index * 5, index * 5 + 5))
                department = departments[index]
                Profile.objects.create(user=user, role=Role.DEPARTMENT, department=department, region=region)
            else:
                unit_numbers = list(range(UNITS))
                Profile.objects.create(user=user, role=Role.FINANCE, region=region)
            projects = [
                first + generator.randrange(rows // UNITS) * UNITS + generator.choice(unit_numbers)
                for _ in range(FORM_PAGES)
            ]
            client = Client()
            client.force_login(user)  # a session in the database, as a login through the form makes
            scope = {"unit": f"unit:{index}", "department": f"department:{index}"}.get(role, "region")
            users.append({
                "name": name, "role": role, "cookie": f"sessionid={client.cookies['sessionid'].value}",
                "paths": ["/", *(f"/projects/{pk}/" for pk in projects)],
                "kinds": ["dashboard", *(["form"] * FORM_PAGES)],
                "scope": scope, "units": set(unit_numbers),
            })  # fmt: skip
            if role == "unit":
                assert is_draft(index)
                users[-1] |= {
                    "unit": index,
                    "project": first + index,
                    "token": Token.objects.create(user=user).key,
                }
    return users


def start_server(  # noqa: PLR0913
    dsn: str, log: Path, threads: int, workers: int, cache_url: str, *, dev: bool
) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DATABASE_URL": database_url(dsn), "JIXIAO_DEBUG": "0"}
    if cache_url:
        env["JIXIAO_CACHE_URL"] = cache_url
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


def aggregate_ms(user_name: str) -> dict[str, float]:
    """Median of five uncached `stats.dashboard` runs in this process for the user's scope (SQL only).

    `figures`: as the dashboard page computes it, from the per-unit figures (`units`); `direct`:
    aggregated over every project of the scope (the reference). Interleaved, so both see the same load.
    """
    from django.contrib.auth.models import User  # noqa: PLC0415

    from jixiao.web import policy, stats  # noqa: PLC0415

    user = User.objects.get(username=user_name)
    projects, units = policy.scope_projects(user), policy.scope_units(user)
    times: dict[str, list[float]] = {"figures": [], "direct": []}
    for _ in range(5):
        for kind, values in times.items():
            started = time.perf_counter()
            stats.dashboard(projects, units=units if kind == "figures" else None)
            values.append((time.perf_counter() - started) * 1000)
    return {kind: round(sorted(values)[2], 1) for kind, values in times.items()}


def drop_database(dsn: str) -> None:
    with psycopg.connect(dsn, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)")


def clear_cache(url: str) -> None:
    """Drop the web app's keys from a previous run (the bench's Redis database may hold them)."""
    import redis  # noqa: PLC0415

    client = redis.Redis.from_url(url)
    for key in client.scan_iter(match="jixiao-web:*", count=1000):
        client.delete(key)


def load_average() -> list[float]:
    return [round(value, 2) for value in os.getloadavg()]


def saturation(base: str, project_id: int, seconds: int, connections: int, folder: Path) -> dict[str, Any]:
    """50 connections, no think time, one page at a time, as one finance reviewer (throughput)."""
    script = folder / "report.lua"
    script.write_text(WRK_SCRIPT, encoding="utf-8")
    cookie = login()
    # The dashboard goes last: requests still queued when wrk stops would slow the next page.
    pages = {"static (baseline)": "/static/jixiao/app.css", "login (baseline)": "/login/",
             "form page": f"/projects/{project_id}/", "dashboard": "/"}  # fmt: skip
    results: dict[str, dict[str, float]] = {}
    for name, path in pages.items():
        first, single = single_request_ms(base + path, cookie)
        results[name] = {
            "first_request_ms": first,
            "single_request_ms": single,
            **run_wrk(base + path, cookie, seconds, connections, script),
        }
    for name in ("dashboard", "form page", "login (baseline)"):
        for base_name in ("static (baseline)", "login (baseline)"):
            for key in ("p50_ms", "p95_ms"):
                ratio = results[name][key] / (results[base_name][key] or 1)
                results[name][f"{key[:3]}_ratio_to_{base_name.split()[0]}"] = round(ratio, 1)
    return {"connections": connections, "seconds_per_page": seconds, "pages": results}


def main() -> None:  # noqa: PLR0915  (one linear script)
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dsn", default="postgresql://root@localhost/test")
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--distinct", type=int, default=300)
    parser.add_argument("--users-seconds", type=int, default=60, help="length of the users run")
    parser.add_argument("--think", default="1-3", help="think time in seconds, uniform MIN-MAX")
    parser.add_argument("--seconds", type=int, default=20, help="saturation: seconds per page")
    parser.add_argument("--connections", type=int, default=50, help="saturation: connections")
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--cache-url", default="redis://127.0.0.1:6379/9", help='"" for the local cache')
    parser.add_argument(
        "--saves-per-second",
        type=float,
        default=1.0,
        help="users: unit fillers' saves (all together; 0: none)",
    )
    parser.add_argument("--skip-saturation", action="store_true")
    parser.add_argument("--dev", action="store_true", help="Django's development server instead of waitress")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    think = tuple(round(float(value) * 1000) for value in args.think.split("-"))
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed (scripts/setup-system.sh installs it)")
    drop_database(args.dsn)
    with psycopg.connect(args.dsn, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {DATABASE}")
    folder = Path(tempfile.mkdtemp(prefix="jixiao-webbench-"))
    server = None
    try:
        setup_django(args.dsn)
        project_id, seed_seconds, rebuild_seconds = seed(args.rows, args.distinct)
        users = seed_users(project_id, args.rows)
        if args.cache_url:
            clear_cache(args.cache_url)
        server = start_server(
            args.dsn, folder / "server.log", args.threads, args.workers, args.cache_url, dev=args.dev
        )
        base = f"http://127.0.0.1:{PORT}"
        loads = {"start": load_average()}
        baselines = {"static (baseline)": "/static/jixiao/app.css", "login (baseline)": "/login/"}
        idle = {name: single_request_ms(base + path, "")[1] for name, path in baselines.items()}
        saver = None
        if args.saves_per_second > 0:
            saver = Saver([user for user in users if user["role"] == "unit"], args.saves_per_second)
            saver.load()
        loads["users start"] = load_average()
        try:
            users_result = run_users(
                base + "/", users, args.users_seconds, (think[0], think[1]), folder, saver=saver
            )
        finally:
            if saver is not None:
                saver.close()
        loads["after users"] = load_average()
        users_result |= {
            "users": len(users), "mix": USER_MIX, "think_seconds": args.think, "seconds": args.users_seconds,
            "pages_per_cycle": "dashboard, then 4 form pages", "idle_single_request_ms": idle,
            "saves_per_second": args.saves_per_second,
        }  # fmt: skip
        summary: dict[str, Any] = {
            "rows": args.rows, "seed_seconds": round(seed_seconds, 1),
            "figures_rebuild_seconds": round(rebuild_seconds, 2),
            "server": "runserver" if args.dev else f"waitress, {args.workers} x {args.threads} threads",
            "cache": args.cache_url or "local", "users": users_result,
        }  # fmt: skip
        if not args.skip_saturation:
            summary["saturation"] = saturation(base, project_id, args.seconds, args.connections, folder)
            loads["after saturation"] = load_average()
        summary["uncached_aggregate_ms"] = {role: aggregate_ms(f"bench_{role}_1") for role in USER_MIX}
        summary["load_average"] = loads
        print(json.dumps(summary, ensure_ascii=False, indent=2))
        Path("bench/results").mkdir(parents=True, exist_ok=True)
        suffix = "-dev" if args.dev else f"-w{args.workers}"
        suffix += f"-saves{args.saves_per_second:g}"
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
