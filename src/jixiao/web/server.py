"""The production server behind `jixiao serve`: waitress threads, optionally in several processes.

One process serves with a pool of `threads` (waitress, pure Python, also on Windows). With
`workers` > 1 (POSIX only) the listening socket is bound once and that many forked processes serve
it, each with its own thread pool, so the app uses more than one core despite the GIL; the parent
only waits and stops the children on Ctrl+C or SIGTERM. Caches are then shared through files
(`settings.CACHES`, set up from JIXIAO_CACHE_DIR before Django starts) so that a project change in
one process drops the cached dashboards of all.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
from typing import Any

SERVER_OPTIONS: dict[str, Any] = {
    "ident": "jixiao", "connection_limit": 200, "channel_timeout": 60, "_quiet": True,
}  # fmt: skip


def _stop(*_: object) -> None:
    raise KeyboardInterrupt


def _serve(**options: object) -> None:
    from django.core.wsgi import get_wsgi_application  # noqa: PLC0415
    from waitress import serve as waitress_serve  # type: ignore[import-untyped]  # noqa: PLC0415

    signal.signal(signal.SIGTERM, _stop)  # `kill` stops it like Ctrl+C
    with contextlib.suppress(KeyboardInterrupt):  # waitress itself also returns on Ctrl+C
        waitress_serve(get_wsgi_application(), **SERVER_OPTIONS, **options)


def serve(host: str, port: int, threads: int, workers: int = 1) -> None:
    """Serve until Ctrl+C or SIGTERM."""
    if workers <= 1 or not hasattr(os, "fork"):
        _serve(host=host, port=port, threads=threads)
        return
    from django.db import connections  # noqa: PLC0415

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.create_server((host, port), family=family, backlog=1024)
    connections.close_all()  # each child opens its own database connections
    children = []
    for _ in range(workers):
        pid = os.fork()
        if pid == 0:  # pragma: no cover  (child)
            code = 0
            try:
                _serve(sockets=[listener], threads=threads)
            except BaseException:  # noqa: BLE001
                code = 1
            os._exit(code)
        children.append(pid)
    listener.close()
    signal.signal(signal.SIGTERM, _stop)
    try:
        for pid in children:
            os.waitpid(pid, 0)
    except KeyboardInterrupt:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)
