"""Entry points the Celery worker resolves by name; they set Django up before touching the web app.

`jobs.py` needs Django configured before it can be imported, and the worker imports sinks by
dotted path, so the sink named in queued jobs is `store_import` here, which sets Django up (once)
and hands over. `setup` can also be given as `JIXIAO_WORKER_SETUP=jixiao.web.worker_setup:setup`.
"""

from __future__ import annotations

import os
from typing import Any


def setup() -> None:
    """Point Django at the web settings and set it up (idempotent)."""
    import django  # noqa: PLC0415
    from django.apps import apps  # noqa: PLC0415

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jixiao.web.settings")
    if not apps.ready:
        django.setup()


def store_import(job_id: str, payload: dict[str, Any], context: dict[str, Any]) -> None:
    """The background import sink: see `jixiao.web.jobs.store_import`."""
    setup()
    from jixiao.web.jobs import store_import as store  # noqa: PLC0415

    store(job_id, payload, context)
