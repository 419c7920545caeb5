"""The review workflow as one state machine: states, transitions and who may take them.

draft → submitted → returned (with a comment) → submitted …
submitted → department_approved → finance_approved → published;
the finance bureau may also return a department-approved project.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from jixiao.web import policy
from jixiao.web.errors import ConflictError, WorkflowError
from jixiao.web.models import AuditEvent, ProjectRecord, Role, Status

if TYPE_CHECKING:
    from jixiao.web.policy import User


@dataclass(frozen=True, slots=True)
class Transition:
    """One allowed move between states."""

    name: str
    label: str  # the button text
    sources: frozenset[Status]
    target: Status
    roles: frozenset[Role]
    needs_comment: bool = False
    style: str = "primary"


TRANSITIONS: tuple[Transition, ...] = (
    Transition("submit", "提交审核", frozenset({Status.DRAFT, Status.RETURNED}), Status.SUBMITTED,
               frozenset({Role.UNIT, Role.ADMIN})),
    Transition("return", "退回修改", frozenset({Status.SUBMITTED}), Status.RETURNED,
               frozenset({Role.DEPARTMENT, Role.ADMIN}), needs_comment=True, style="danger"),
    Transition("department_approve", "主管部门审核通过", frozenset({Status.SUBMITTED}),
               Status.DEPARTMENT_APPROVED, frozenset({Role.DEPARTMENT, Role.ADMIN})),
    Transition("finance_return", "财政局退回", frozenset({Status.DEPARTMENT_APPROVED}), Status.RETURNED,
               frozenset({Role.FINANCE, Role.ADMIN}), needs_comment=True, style="danger"),
    Transition("finance_approve", "财政局审核通过", frozenset({Status.DEPARTMENT_APPROVED}),
               Status.FINANCE_APPROVED, frozenset({Role.FINANCE, Role.ADMIN})),
    Transition("publish", "公开", frozenset({Status.FINANCE_APPROVED}), Status.PUBLISHED,
               frozenset({Role.FINANCE, Role.ADMIN})),
)  # fmt: skip

BY_NAME = {transition.name: transition for transition in TRANSITIONS}


def available(user: User, record: ProjectRecord) -> list[Transition]:
    """The transitions the user may take on the project now."""
    role = policy.role_of(user)
    if role is None or not policy.can(user, policy.Action.VIEW, record):
        return []
    return [t for t in TRANSITIONS if Status(record.status) in t.sources and role in t.roles]


def apply(
    user: User, record: ProjectRecord, name: str, *, comment: str = "", version: int | None = None
) -> None:
    """Move the project along transition `name`, recording who, when and why.

    Raises WorkflowError when the transition is unknown, not allowed now or lacks its comment, and
    ConflictError when `version` is given and the project changed meanwhile.
    """
    transition = BY_NAME.get(name)
    if transition is None or transition not in available(user, record):
        msg = f"当前状态「{record.get_status_display()}」下不能执行此操作"
        raise WorkflowError(msg)
    comment = comment.strip()
    if transition.needs_comment and not comment:
        msg = "退回时必须填写意见"
        raise WorkflowError(msg)
    expected = record.version if version is None else version
    with transaction.atomic():
        updated = ProjectRecord.objects.filter(pk=record.pk, version=expected, status=record.status).update(
            status=transition.target, version=expected + 1, updated_at=timezone.now()
        )
        if updated != 1:
            raise ConflictError
        AuditEvent.objects.create(
            project=record,
            user_id=user.pk,
            action=transition.name,
            from_status=record.status,
            to_status=transition.target,
            comment=comment,
            version=expected + 1,
        )
    record.status = transition.target
    record.version = expected + 1


ACTION_LABELS = {t.name: t.label for t in TRANSITIONS} | {
    "create": "创建",
    "edit": "修改",
    "import": "导入",
    "restore": "恢复",
    "recheck": "重新审核",
}


def return_comment(record: ProjectRecord) -> str:
    """The reviewer's comment when the project is back with its unit ('' otherwise)."""
    if record.status != Status.RETURNED:
        return ""
    event = (
        record.events.filter(action__in=("return", "finance_return")).order_by("-created_at", "-id").first()
    )
    return event.comment if event else ""
