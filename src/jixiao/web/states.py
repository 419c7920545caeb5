"""Workflow states and roles as plain enums (typed), with the Chinese labels users see."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    """Workflow states (transitions in `workflow.py`)."""

    DRAFT = "draft"
    SUBMITTED = "submitted"
    RETURNED = "returned"
    DEPARTMENT_APPROVED = "department_approved"
    FINANCE_APPROVED = "finance_approved"
    PUBLISHED = "published"


STATUS_LABELS: dict[Status, str] = {
    Status.DRAFT: "草稿",
    Status.SUBMITTED: "已提交",
    Status.RETURNED: "已退回",
    Status.DEPARTMENT_APPROVED: "主管部门已审核",
    Status.FINANCE_APPROVED: "财政局已审核",
    Status.PUBLISHED: "已公开",
}
STATUS_CHOICES: list[tuple[str, str]] = [(status.value, label) for status, label in STATUS_LABELS.items()]


class Role(StrEnum):
    """What a person may do; the scope comes from the profile's region, department or unit."""

    UNIT = "unit"
    DEPARTMENT = "department"
    FINANCE = "finance"
    ADMIN = "admin"


ROLE_LABELS: dict[Role, str] = {
    Role.UNIT: "预算单位填报人",
    Role.DEPARTMENT: "主管部门审核人",
    Role.FINANCE: "财政局审核人",
    Role.ADMIN: "系统管理员",
}
ROLE_CHOICES: list[tuple[str, str]] = [(role.value, label) for role, label in ROLE_LABELS.items()]
