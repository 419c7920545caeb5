"""`jixiao serve --demo` on a fresh data directory: creates the SQLite database, loads demo data, answers.

It runs waitress (the production server), which also serves the static files through WhiteNoise.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_creates_database_and_prints_accounts(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["JIXIAO_DATA_DIR"] = str(tmp_path / "data")
    command = [str(Path(sys.executable).parent / "jixiao"), "serve", "--port", str(port), "--demo"]
    server = subprocess.Popen(
        command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline, status, server_header = time.monotonic() + 90, None, None
        while time.monotonic() < deadline and status is None:
            time.sleep(0.5)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5) as response:
                    status, server_header = response.status, response.headers["Server"]
            except OSError:
                continue
        assert status == 200
        assert server_header == "jixiao"  # waitress's ident, not Django's WSGIServer
        static = f"http://127.0.0.1:{port}/static/jixiao/app.css"
        with urllib.request.urlopen(static, timeout=5) as response:
            assert b".pager" in response.read()
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert (tmp_path / "data" / "jixiao.sqlite3").is_file()
    assert f"http://127.0.0.1:{port}/" in output
    assert "finance" in output
    assert "jixiao-demo" in output
    assert "已停止" in output  # SIGTERM stops it cleanly


def test_serve_with_two_worker_processes(tmp_path: Path) -> None:
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    env["JIXIAO_DATA_DIR"] = str(tmp_path / "data")
    command = [str(Path(sys.executable).parent / "jixiao"), "serve", "--port", str(port), "--workers", "2"]
    server = subprocess.Popen(
        command, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        deadline, statuses = time.monotonic() + 90, []
        while time.monotonic() < deadline and len(statuses) < 6:
            time.sleep(0.3)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/login/", timeout=5) as response:
                    statuses.append(response.status)
            except OSError:
                continue
        assert statuses == [200] * 6
        children = subprocess.run(
            ["pgrep", "-P", str(server.pid)], capture_output=True, text=True, check=False
        ).stdout.split()
        assert len(children) == 2
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0].decode()
    assert "已停止" in output
