"""The dashboard aggregates in the database, scoped by role; finding rule counts follow every save."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from jixiao.api import Project
from jixiao.web import backup, rulecounts, services, stats
from jixiao.web.models import FindingRuleCount, ProjectRecord

if TYPE_CHECKING:
    import pytest

    from conftest import World


def _counted(record: ProjectRecord) -> dict[str, int]:
    return dict(FindingRuleCount.objects.filter(project=record).values_list("rule", "count"))


def _expected(record: ProjectRecord) -> dict[str, int]:
    counts: dict[str, int] = {}
    for finding in record.findings:
        if finding["severity"] in {"error", "warning"}:
            counts[finding["rule"]] = counts.get(finding["rule"], 0) + 1
    return counts


def test_rule_counts_follow_create_and_save(world: World) -> None:
    record = world.projects["a1"]
    assert _expected(record), "the sample project should have at least one error or warning"
    assert _counted(record) == _expected(record)
    changed = world.sample("改后项目", indicator_score="99")  # a score above its weight: another finding
    services.save_project(world.users["unit_a1"], record, changed, record.version)
    record.refresh_from_db()
    assert _counted(record) == _expected(record)
    assert _counted(record) != _counted(world.projects["a2"])


def test_restore_rebuilds_rule_counts(world: World) -> None:
    payload = backup.export_data()
    expected = {r.pk: _expected(r) for r in ProjectRecord.objects.all()}
    backup.restore_data(payload, replace=True)
    assert {r.pk: _counted(r) for r in ProjectRecord.objects.all()} == expected
    FindingRuleCount.objects.all().delete()
    assert rulecounts.rebuild() == sum(len(c) for c in expected.values())


def test_dashboard_is_scoped_and_matches_python_counts(world: World) -> None:
    world.submit("a1")
    for who, keys in (("dept_A1", {"a1", "a2"}), ("finance_a", {"a1", "a2", "a3"}), ("unit_a1", {"a1"})):
        data = world.client(who).get("/").context["data"]
        records = [world.projects[key] for key in keys]
        assert data["count"] == len(keys)
        assert sum(s["value"] for s in data["status_counts"]) == len(keys)
        assert sum(data["score_bins"]["counts"]) == sum(1 for r in records if r.total is not None)
        expected: dict[str, int] = {}
        for record in records:
            for rule, count in _expected(record).items():
                expected[rule] = expected.get(rule, 0) + count
        assert {f["rule"]: f["count"] for f in data["top_findings"]} == expected
    submitted = world.client("finance_a").get("/").context["data"]["status_counts"]
    assert next(s["value"] for s in submitted if s["name"] == "已提交") == 1


def test_dashboard_query_count_does_not_grow_with_projects(
    world: World, django_assert_max_num_queries: Any
) -> None:
    for index in range(5):
        services.create_project(world.users["unit_a1"], world.units["a1"], world.sample(f"更多{index}"))
    with django_assert_max_num_queries(6):  # counts, findings, 点位, departments, 2 for the rankings
        data = stats.dashboard(ProjectRecord.objects.all())
    assert data["count"] == ProjectRecord.objects.count()


def test_project_list_paginates(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.web.views import projects  # noqa: PLC0415

    monkeypatch.setattr(projects, "PAGE_SIZE", 2)
    client = world.client("finance_a")
    first = client.get("/projects/")
    assert len(first.context["projects"]) == 2
    assert "第 1 / 2 页" in first.content.decode()
    second = client.get("/projects/?page=2")
    assert len(second.context["projects"]) == 1
    names = {p.name for p in first.context["projects"]} | {p.name for p in second.context["projects"]}
    assert names == {"项目a1", "项目a2", "项目a3"}


def test_cached_dashboard_follows_changes(world: World) -> None:
    client = world.client("finance_a")

    def submitted() -> int:
        counts = client.get("/").context["data"]["status_counts"]
        return int(next(s["value"] for s in counts if s["name"] == "已提交"))

    assert submitted() == 0
    assert submitted() == 0  # served from the cache
    world.submit("a1")  # a workflow step (an update() plus an audit event) drops the cached figures
    assert submitted() == 1
    services.create_project(world.users["unit_a3"], world.units["a3"], world.sample("新项目"))
    assert client.get("/").context["data"]["count"] == 4


def _with_actual(world: World, name: str, actual: str) -> Project:
    data = world.sample(name).model_dump(mode="json")
    data["self_eval_form"]["indicators"][0]["actual"] = {"value": actual, "raw": actual}
    return Project.model_validate(data)


def test_rankings_by_department_with_forced_grades(world: World) -> None:
    services.create_project(world.users["unit_a2"], world.units["a2"], _with_actual(world, "低分项目", "50"))
    response = world.client("finance_a").get("/")
    ranking = response.context["data"]["rankings"]
    assert ranking["by"] == "department"
    groups = {group["name"]: group for group in ranking["groups"]}
    assert set(groups) == {"甲教育局", "甲卫健委"}  # region B's department is out of scope
    rows = groups["甲教育局"]["rows"]
    assert [row["rank"] for row in rows] == [1, 1, 3]  # the two equal sample totals share rank 1
    assert rows[-1]["title"] == "低分项目"
    assert Decimal(rows[-1]["total"]) < Decimal(rows[0]["total"])
    assert rows[0]["forced"] == "优"  # equal totals share the better forced grade
    assert all(row["forced"] in {"优", "良", "中", "差"} for row in rows)
    assert sum(groups["甲教育局"]["quotas"]) == groups["甲教育局"]["ranked"] == 3
    assert "项目排名（按主管部门）" in response.content.decode()
    by_region = world.client("finance_a").get("/?rank=region").context["data"]["rankings"]
    assert [group["name"] for group in by_region["groups"]] == ["甲市财政局"]
    assert world.client("unit_a1").get("/").context["data"]["rankings"]["groups"][0]["count"] == 1
