"""Cached dashboards per scope: a change makes stale only the scopes that contain the changed project."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache

from jixiao.web import backup, policy, services, stats

if TYPE_CHECKING:
    from collections.abc import Callable

    from conftest import World

# Everyone whose dashboard a save in unit a1 (department A1, region A) concerns, and everyone else.
CONCERNED = ("unit_a1", "dept_A1", "finance_a", "admin")
UNCONCERNED = ("unit_a2", "unit_a3", "dept_A2", "unit_b1", "dept_B1", "finance_b")


@pytest.fixture
def computed(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the dashboards really computed (not served from the cache): one entry per computation."""
    calls: list[int] = []
    original: Callable[..., dict[str, Any]] = stats.dashboard

    def spy(*args: Any, **kwargs: Any) -> dict[str, Any]:
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(stats, "dashboard", spy)
    return calls


def _dashboard(world: World, who: str) -> dict[str, Any]:
    data: dict[str, Any] = world.client(who).get("/").context["data"]
    return data


def _titles(data: dict[str, Any]) -> set[str]:
    return {row["title"] for group in data["rankings"]["groups"] for row in group["rows"]}


def test_a_save_makes_stale_only_the_dashboards_whose_scope_contains_it(
    world: World, computed: list[int]
) -> None:
    everyone = CONCERNED + UNCONCERNED
    before = {who: _dashboard(world, who) for who in everyone}
    assert len(computed) == len(everyone)
    assert {who: _dashboard(world, who) for who in everyone} == before  # all served from the cache
    assert len(computed) == len(everyone)

    record = world.projects["a1"]
    services.save_project(world.users["unit_a1"], record, world.sample("改名项目a1"), record.version)

    computed.clear()
    for who in UNCONCERNED:
        assert _dashboard(world, who) == before[who], who  # same key, same figures
    assert computed == []
    for who in CONCERNED:
        after = _dashboard(world, who)
        assert after["key"] != before[who]["key"], who
        assert "改名项目a1" in _titles(after), who
        assert "项目a1" not in _titles(after), who
    assert len(computed) == len(CONCERNED)


def test_a_workflow_step_reaches_the_reviewers_dashboards(world: World, computed: list[int]) -> None:
    def submitted(who: str) -> int:
        counts = _dashboard(world, who)["status_counts"]
        return int(next(s["value"] for s in counts if s["name"] == "已提交"))

    assert [submitted(who) for who in ("dept_A1", "dept_B1", "finance_a", "admin")] == [0, 0, 0, 0]
    world.submit("b1")  # region B
    computed.clear()
    assert [submitted(who) for who in ("dept_A1", "finance_a")] == [0, 0]
    assert computed == []
    assert [submitted(who) for who in ("dept_B1", "admin")] == [1, 1]
    assert len(computed) == 2


def test_restore_drops_every_cached_dashboard(world: World, computed: list[int]) -> None:
    everyone = CONCERNED + UNCONCERNED
    before = {who: _dashboard(world, who)["key"] for who in everyone}
    backup.restore_data(backup.export_data(), replace=True)
    computed.clear()
    after = {who: _dashboard(world, who)["key"] for who in everyone}
    assert all(after[who] != before[who] for who in everyone)
    assert len(computed) == len(everyone)


def test_the_generations_are_bumped_again_when_the_save_commits(
    world: World, django_capture_on_commit_callbacks: Any
) -> None:
    record = world.projects["a1"]
    key = stats.SCOPE_GENERATION_KEY.format(f"unit:{record.unit_id}")
    with django_capture_on_commit_callbacks() as callbacks:
        services.save_project(world.users["unit_a1"], record, world.sample("再改"), record.version)
    saved = cache.get(key)
    assert saved is not None
    for callback in callbacks:
        callback()
    assert cache.get(key) != saved


def test_scope_keys_name_exactly_the_users_who_see_a_project(world: World) -> None:
    users = [*world.users.values(), get_user_model().objects.create_user("no_role", password="x-pass-123")]
    keys = {user.username: policy.scope_key(user) for user in users}
    assert keys["unit_a1"] == f"unit:{world.units['a1'].pk}"
    assert keys["dept_A1"] == f"department:{world.departments['A1'].pk}"
    assert keys["finance_a"] == f"region:{world.departments['A1'].region_id}"
    assert (keys["admin"], keys["no_role"]) == ("all", "none")
    for record in world.projects.values():
        concerned = policy.scope_keys_of(project_id=record.pk)
        assert concerned == policy.scope_keys_of(unit_id=record.unit_id)
        assert concerned is not None
        for user in users:
            sees = policy.scope_projects(user).filter(pk=record.pk).exists()
            assert (keys[user.username] in concerned) == sees, (user.username, record.name)
    assert policy.scope_keys_of(project_id=10**9) is None
