"""The state machine: allowed paths, roles, comments, audit trail, optimistic locking."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest

from jixiao.web import services, workflow
from jixiao.web.errors import ConflictError, WorkflowError
from jixiao.web.models import AuditEvent, ProjectRecord, Status

if TYPE_CHECKING:
    from conftest import World


def test_full_path_is_recorded_with_who_and_comment(world: World) -> None:
    record = world.projects["a1"]
    steps = [("unit_a1", "submit", ""), ("dept_A1", "return", "请补充原因"), ("unit_a1", "submit", ""),
             ("dept_A1", "department_approve", ""), ("finance_a", "finance_approve", ""),
             ("finance_a", "publish", "")]  # fmt: skip
    for user, name, comment in steps:
        workflow.apply(world.users[user], record, name, comment=comment)
    record.refresh_from_db()
    assert record.status == Status.PUBLISHED
    events = list(AuditEvent.objects.filter(project=record).exclude(action="create"))
    assert [(e.user.username, e.action, e.to_status) for e in events] == [
        ("unit_a1", "submit", "submitted"), ("dept_A1", "return", "returned"), ("unit_a1", "submit", "submitted"),
        ("dept_A1", "department_approve", "department_approved"), ("finance_a", "finance_approve", "finance_approved"),
        ("finance_a", "publish", "published"),
    ]  # fmt: skip
    assert events[1].comment == "请补充原因"


def test_return_needs_a_comment(world: World) -> None:
    record = world.submit("a1")
    with pytest.raises(WorkflowError, match="意见"):
        workflow.apply(world.users["dept_A1"], record, "return", comment="  ")
    assert ProjectRecord.objects.get(pk=record.pk).status == Status.SUBMITTED


@pytest.mark.parametrize(
    ("user", "name"),
    [
        ("unit_a1", "department_approve"),  # a unit cannot approve its own project
        ("dept_A1", "submit"),  # nor can a reviewer submit for it
        ("finance_a", "department_approve"),  # finance waits for the department
        ("dept_A1", "publish"),
        ("unit_a1", "no-such-step"),
    ],
)
def test_wrong_role_or_state_is_refused(world: World, user: str, name: str) -> None:
    record = world.submit("a1") if name != "submit" else world.projects["a1"]
    with pytest.raises(WorkflowError):
        workflow.apply(world.users[user], record, name)


def test_other_department_sees_no_transitions(world: World) -> None:
    record = world.submit("a1")
    assert workflow.available(world.users["dept_A2"], record) == []
    assert [t.name for t in workflow.available(world.users["dept_A1"], record)] == [
        "return",
        "department_approve",
    ]


def test_stale_transition_is_a_conflict(world: World) -> None:
    record = world.projects["a1"]
    stale_version = record.version
    services.save_project(world.users["unit_a1"], record, world.sample("改名"), stale_version)
    with pytest.raises(ConflictError):
        workflow.apply(world.users["unit_a1"], record, "submit", version=stale_version)


def test_two_editors_never_overwrite_each_other(world: World) -> None:
    """Both load version v; the first save wins, the second gets 冲突 and changes nothing."""
    first = ProjectRecord.objects.get(pk=world.projects["a1"].pk)
    second = ProjectRecord.objects.get(pk=world.projects["a1"].pk)
    version = first.version
    services.save_project(world.users["unit_a1"], first, world.sample("第一人的修改"), version)
    with pytest.raises(ConflictError, match="冲突"):
        services.save_project(world.users["unit_a1"], second, world.sample("第二人的修改"), version)
    stored = ProjectRecord.objects.get(pk=first.pk)
    assert stored.name == "第一人的修改"
    assert stored.version == version + 1


def test_edit_page_reports_conflict_and_keeps_input(world: World) -> None:
    record = world.projects["a1"]
    client = world.client("unit_a1")
    page = client.get(f"/projects/{record.pk}/edit/")
    assert page.status_code == 200
    services.save_project(world.users["unit_a1"], record, world.sample("别人先保存"), record.version)
    response = client.post(
        f"/projects/{record.pk}/edit/", {"version": record.version - 1, "name": "我的修改"}
    )
    assert response.status_code == 409
    assert "冲突" in response.content.decode()
    assert 'value="我的修改"' in response.content.decode()
    assert ProjectRecord.objects.get(pk=record.pk).name == "别人先保存"


def test_every_save_records_a_diff(world: World) -> None:
    record = world.projects["a1"]
    created = record.updated_at
    services.save_project(
        world.users["unit_a1"], record, world.sample("项目a1", indicator_score="25"), record.version
    )
    event = record.events.filter(action="edit").get()
    assert event.user == world.users["unit_a1"]
    assert {"field": "self_eval_form.indicators[0].score", "old": "30", "new": "25"} in event.diff
    assert ProjectRecord.objects.get(pk=record.pk).updated_at > created


def test_submitted_project_cannot_be_edited(world: World) -> None:
    record = world.submit("a1")
    response = world.client("unit_a1").post(f"/projects/{record.pk}/edit/", {"version": record.version})
    assert response.status_code == 403


def test_password_can_be_changed(world: World) -> None:
    client = world.client("unit_a1")
    response = client.post(
        "/password/",
        {
            "old_password": "test-pass-123",
            "new_password1": "新的-密码-2026",
            "new_password2": "新的-密码-2026",
        },
    )
    assert response.status_code == 302
    world.users["unit_a1"].refresh_from_db()
    assert world.users["unit_a1"].check_password("新的-密码-2026")
