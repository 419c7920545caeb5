"""Every URL × every role: who may read or change unit a1's project (and nothing else leaks).

A new route fails `test_every_url_is_in_the_matrix` until it is added to MATRIX with its
expectations for each role.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

if TYPE_CHECKING:
    from conftest import World


ROLES = ("anon", "unit_a1", "unit_a2", "dept_A1", "dept_A2", "finance_a", "finance_b", "admin")

# Expected status per role, in ROLES order, for unit a1's draft project (or department A1).
OWN_PROJECT_READ = (302, 200, 404, 200, 404, 200, 404, 200)
OWN_PROJECT_WRITE = (302, 200, 404, 403, 404, 403, 404, 200)
API_READ = (401, 200, 404, 200, 404, 200, 404, 200)


def _project(w: World) -> dict[str, Any]:
    return {"pk": w.projects["a1"].pk}


def _payload(w: World) -> dict[str, Any]:
    return {"data": json.loads(w.sample().model_dump_json())}


def _upload(w: World) -> dict[str, Any]:
    content = w.sample("导入项目").model_dump_json().encode()
    return {"unit": w.units["a1"].pk, "files": [SimpleUploadedFile("p.json", content, "application/json")]}


Request = tuple[str, Callable[[Any], dict[str, Any]], Callable[[Any], Any], tuple[int, ...]]
NONE: Callable[[Any], dict[str, Any]] = lambda w: {}  # noqa: E731
# url name → (method, url kwargs, body, expected statuses by role)
MATRIX: dict[str, Request] = {
    "home": ("get", NONE, NONE, (302, 200, 200, 200, 200, 200, 200, 200)),
    "login": ("get", NONE, NONE, (200,) * 8),
    "logout": ("post", NONE, NONE, (302,) * 8),
    "password_change": ("get", NONE, NONE, (302, 200, 200, 200, 200, 200, 200, 200)),
    "password_change_done": ("get", NONE, NONE, (302, 200, 200, 200, 200, 200, 200, 200)),
    "project_list": ("get", NONE, NONE, (302, 200, 200, 200, 200, 200, 200, 200)),
    "project_create": ("get", NONE, NONE, (302, 200, 200, 403, 403, 403, 403, 200)),
    "project_detail": ("get", _project, NONE, OWN_PROJECT_READ),
    "project_edit": ("get", _project, NONE, OWN_PROJECT_WRITE),
    "project_live": ("post", _project, NONE, OWN_PROJECT_WRITE),
    "project_transition": (
        "post", lambda w: {"pk": w.projects["a1"].pk, "name": "submit"},
        lambda w: {"version": w.projects["a1"].version},
        (302, 302, 404, 409, 404, 409, 404, 302),
    ),
    "project_export": ("get", lambda w: {"pk": w.projects["a1"].pk, "kind": "json"}, NONE, OWN_PROJECT_READ),
    "department_summary": (
        "get", lambda w: {"pk": w.departments["A1"].pk}, NONE, (302, 404, 404, 200, 404, 200, 404, 200),
    ),
    "import_upload": ("get", NONE, NONE, (302, 200, 200, 403, 403, 403, 403, 200)),
    "import_job": ("get", lambda w: {"pk": w.job.pk}, NONE, (302, 200, 404, 404, 404, 404, 404, 200)),
    "import_job_progress": ("get", lambda w: {"pk": w.job.pk}, NONE, (302, 200, 404, 404, 404, 404, 404, 200)),
    "recheck_start": ("post", NONE, NONE, (302, 403, 403, 403, 403, 302, 302, 403)),
    "recheck_job": ("get", lambda w: {"pk": w.recheck.pk}, NONE, (302, 404, 404, 404, 404, 200, 404, 200)),
    "recheck_job_progress": (
        "get", lambda w: {"pk": w.recheck.pk}, NONE, (302, 404, 404, 404, 404, 200, 404, 200),
    ),
    "api-project-list": ("get", NONE, NONE, (401, 200, 200, 200, 200, 200, 200, 200)),
    "api-project-detail": ("get", _project, NONE, API_READ),
    "api-project-transition": (
        "post", _project, lambda w: {"name": "submit", "version": w.projects["a1"].version},
        (401, 200, 404, 409, 404, 409, 404, 200),
    ),
    "api_score": ("post", NONE, _payload, (401, 200, 200, 200, 200, 200, 200, 200)),
    "api_check": ("post", NONE, _payload, (401, 200, 200, 200, 200, 200, 200, 200)),
    "api_import": ("post", NONE, _upload, (401, 200, 404, 404, 404, 404, 404, 200)),
    "api_token": ("post", NONE, NONE, (400,) * 8),
    "api_schema": ("get", NONE, NONE, (200,) * 8),
    "api_docs": ("get", NONE, NONE, (200,) * 8),
}  # fmt: skip


def _names(patterns: list[URLPattern | URLResolver]) -> set[str]:
    names: set[str] = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":  # the admin site: tests/web/test_admin.py
                names |= _names(pattern.url_patterns)
        elif pattern.name:
            names.add(pattern.name)
        else:
            names.add(f"<unnamed {pattern.pattern}>")
    return names


def test_every_url_is_in_the_matrix() -> None:
    assert _names(get_resolver().url_patterns) == set(MATRIX)


CASES = [(name, index, role) for name in MATRIX for index, role in enumerate(ROLES)]


@pytest.mark.parametrize(("name", "index", "role"), CASES, ids=[f"{n}-{r}" for n, _, r in CASES])
def test_access(world: World, name: str, index: int, role: str) -> None:
    method, kwargs, body, expected = MATRIX[name]
    url = reverse(name, kwargs=kwargs(world) or None)
    client = world.client(role)
    data = body(world)
    if method == "get":
        response = client.get(url)
    elif name.startswith("api") and not any(isinstance(v, list) for v in data.values()):
        response = client.post(url, data=json.dumps(data), content_type="application/json")
    else:
        response = client.post(url, data=data)
    assert response.status_code == expected[index], response.content[:300]
