"""What one page view costs in queries, and the settings that keep it low."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jixiao.web import policy
from jixiao.web.auth import ProfileBackend
from jixiao.web.models import Role

if TYPE_CHECKING:
    from tests.web.conftest import World


def _queries(client: Client, url: str) -> list[str]:
    client.get(url)  # the first request may fill caches (dashboard figures)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return [query["sql"] for query in context.captured_queries]


def test_form_page_needs_session_user_project_and_history_only(world: World) -> None:
    queries = _queries(world.client("unit_a1"), f"/projects/{world.projects['a1'].pk}/")
    assert len(queries) == 4, queries  # session, user with profile, project (scoped), audit events
    assert any("web_profile" in sql and "auth_user" in sql for sql in queries)  # one join, not two queries


def test_dashboard_queries_do_not_load_project_json(world: World) -> None:
    queries = _queries(world.client("dept_A1"), "/")
    assert len(queries) <= 4, queries  # session, user with profile, departments, waiting list
    waiting = [sql for sql in queries if "web_projectrecord" in sql]
    assert waiting, queries
    assert all('"data"' not in sql and '"findings"' not in sql for sql in waiting)


def test_profile_comes_with_the_user(world: World) -> None:
    user = ProfileBackend().get_user(world.users["dept_A1"].pk)
    with CaptureQueriesContext(connection) as context:
        profile = policy.profile_of(user)
        assert profile is not None
        assert profile.department_id == world.departments["A1"].pk
        assert policy.role_of(user) is Role.DEPARTMENT
    assert len(context.captured_queries) == 0


def test_users_without_profile_or_inactive(world: World) -> None:
    del world
    bare = get_user_model().objects.create_user("bare", password="x-pass-123")
    loaded = ProfileBackend().get_user(bare.pk)
    assert loaded is not None
    assert policy.profile_of(loaded) is None
    assert policy.role_of(loaded) is None
    client = Client()
    client.force_login(bare)
    assert "尚未分配角色" in client.get("/").content.decode()
    bare.is_active = False
    bare.save()
    assert ProfileBackend().get_user(bare.pk) is None
    assert client.get("/").status_code == 302  # logged out: back to the login page


def _settings_with(environment: dict[str, str]) -> dict[str, Any]:
    code = (
        "import json; from jixiao.web import settings as s; "
        "print(json.dumps({'cache': s.CACHES['default']['BACKEND'] if hasattr(s, 'CACHES') else None, "
        "'session': getattr(s, 'SESSION_ENGINE', None)}))"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("JIXIAO_CACHE")}
    output = subprocess.run(
        [sys.executable, "-c", code], env=env | environment, capture_output=True, text=True, check=True
    ).stdout
    result: dict[str, Any] = json.loads(output)
    return result


def test_redis_cache_and_cached_sessions_when_a_cache_url_is_set() -> None:
    redis = _settings_with({"JIXIAO_CACHE_URL": "redis://127.0.0.1:6379/9"})
    assert redis == {
        "cache": "django.core.cache.backends.redis.RedisCache",
        "session": "django.contrib.sessions.backends.cached_db",
    }
    files = _settings_with({"JIXIAO_CACHE_DIR": "/tmp/jixiao-cache-test"})
    assert files == {"cache": "django.core.cache.backends.filebased.FileBasedCache", "session": None}
    assert _settings_with({}) == {"cache": None, "session": None}
