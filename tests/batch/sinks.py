"""Sinks and loaders the worker tests plug into the Celery tasks by dotted path."""

from __future__ import annotations

from typing import Any

from jixiao.model import Project

COLLECTED: list[tuple[str, dict[str, Any]]] = []
CONTEXTS: list[dict[str, Any]] = []


def collect(job_id: str, payload: dict[str, Any], context: dict[str, Any]) -> None:
    COLLECTED.append((job_id, payload))
    CONTEXTS.append(context)


def two_projects(department: str) -> list[tuple[str, Any]]:
    """A region loader: one model and one JSON project."""
    return [
        ("p1", Project(name="项目甲", department=department)),
        ("p2", Project(name="项目乙", department=department).model_dump(mode="json")),
    ]
