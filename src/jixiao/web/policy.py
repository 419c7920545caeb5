"""The one access policy: who sees which projects (queryset scoping) and who may do what (object rules).

Every view and API endpoint goes through `scope_projects`, `get_project` or `require`. A project
outside a person's scope is reported as not found (404), so ids of other units' projects leak
nothing; a visible project with a forbidden action gives 403.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Any, TypeAlias

from django.core.exceptions import PermissionDenied
from django.http import Http404

from jixiao.web.models import (
    Department,
    ImportJob,
    Profile,
    ProjectRecord,
    RecheckJob,
    Region,
    Role,
    Status,
    Unit,
)

if TYPE_CHECKING:
    from django.db.models import QuerySet

# Django's user classes carry no type hints here; a request's user may also be AnonymousUser.
User: TypeAlias = Any


class Action(StrEnum):
    """What can be done to a project (workflow transitions are checked in `workflow.py`)."""

    VIEW = "view"
    EDIT = "edit"


EDITABLE_STATES = frozenset({Status.DRAFT, Status.RETURNED})


def profile_of(user: User) -> Profile | None:
    """Return the user's profile, or None for anonymous users and users without a role.

    Kept on the user object, which lives for one request, so a page asks the database once.
    """
    if not user.is_authenticated:
        return None
    if hasattr(user, "_jixiao_profile"):
        cached: Profile | None = user._jixiao_profile  # noqa: SLF001
        return cached
    relation = Profile.user.field.remote_field
    if relation.is_cached(user):  # loaded with the user (`auth.ProfileBackend`); None when it has none
        user._jixiao_profile = relation.get_cached_value(user)  # noqa: SLF001
        return profile_of(user)
    try:
        profile: Profile | None = Profile.objects.select_related(
            "unit__department__region", "department__region", "region"
        ).get(user_id=user.pk)
    except Profile.DoesNotExist:
        profile = None
    else:  # `user.profile` (the page header) then needs no query either
        Profile.user.field.remote_field.set_cached_value(user, profile)
    user._jixiao_profile = profile  # noqa: SLF001
    return profile


def role_of(user: User) -> Role | None:
    """Return the user's role (superusers count as admin)."""
    if user.is_authenticated and getattr(user, "is_superuser", False):
        return Role.ADMIN
    profile = profile_of(user)
    return Role(profile.role) if profile else None


def _scope(user: User) -> tuple[str, int | None]:
    """The one scope object whose projects the user sees: (unit|department|region, id), (all|none, None)."""
    profile = profile_of(user)
    if role_of(user) is Role.ADMIN and (profile is None or profile.region_id is None):
        return "all", None
    if profile is None:
        return "none", None
    if profile.role == Role.UNIT:
        return "unit", profile.unit_id
    if profile.role == Role.DEPARTMENT:
        return "department", profile.department_id
    return "region", profile.region_id


def scope_units(user: User) -> QuerySet[Unit]:
    """The units whose projects the user may see."""
    units = Unit.objects.select_related("department__region")
    kind, pk = _scope(user)
    if kind == "all":
        return units.all()
    if kind == "unit":
        return units.filter(pk=pk)
    if kind == "department":
        return units.filter(department_id=pk)
    if kind == "region":
        return units.filter(department__region_id=pk)
    return units.none()


def scope_key(user: User) -> str:
    """Name the user's scope for caching: "unit:12", "department:3", "region:1", "all" or "none".

    A change to a project concerns exactly the keys `scope_keys_of` gives for it.
    """
    kind, pk = _scope(user)
    return kind if kind in {"all", "none"} else f"{kind}:{pk}"


def scope_keys_of(*, unit_id: int | None = None, project_id: int | None = None) -> list[str] | None:
    """The `scope_key`s of every user who sees a unit's (or a project's) projects; None if it is gone."""
    found = unit_and_scope_keys(unit_id=unit_id, project_id=project_id)
    return None if found is None else found[1]


def unit_and_scope_keys(
    *, unit_id: int | None = None, project_id: int | None = None
) -> tuple[int, list[str]] | None:
    """The unit of a unit or project and `scope_keys_of` it, in one small query; None if it is gone."""
    if unit_id is not None:
        row = Unit.objects.filter(pk=unit_id).values_list("pk", "department_id", "department__region_id")
    else:
        row = ProjectRecord.objects.filter(pk=project_id).values_list(
            "unit_id", "unit__department_id", "unit__department__region_id"
        )
    found = row.first()
    if found is None:
        return None
    unit, department, region = found
    return unit, [f"unit:{unit}", f"department:{department}", f"region:{region}", "all"]


def scope_departments(user: User) -> QuerySet[Department]:
    """The departments the user may see (those of its visible units)."""
    return Department.objects.filter(pk__in=scope_units(user).values("department_id")).order_by("name")


def scope_projects(user: User) -> QuerySet[ProjectRecord]:
    """The projects the user may see."""
    return ProjectRecord.objects.select_related("unit__department__region").filter(unit__in=scope_units(user))


def _sees_unit(user: User, unit_id: int) -> bool:
    """True when the unit is in the user's scope (remembered on the user object for the request)."""
    if not user.is_authenticated:
        return False
    seen: dict[int, bool] | None = getattr(user, "_jixiao_units", None)
    if seen is None:
        seen = {}
        user._jixiao_units = seen  # noqa: SLF001
    if unit_id not in seen:
        seen[unit_id] = scope_units(user).filter(pk=unit_id).exists()
    return seen[unit_id]


def can(user: User, action: Action, record: ProjectRecord) -> bool:
    """True when the user may do `action` to a project within its scope."""
    if not _sees_unit(user, record.unit_id):
        return False
    role = role_of(user)
    if action is Action.VIEW:
        return True
    if action is Action.EDIT:
        return role in {Role.UNIT, Role.ADMIN} and record.status in EDITABLE_STATES
    return False


def can_create(user: User, unit: Unit) -> bool:
    """True when the user may create or import projects for `unit`."""
    return role_of(user) in {Role.UNIT, Role.ADMIN} and scope_units(user).filter(pk=unit.pk).exists()


def get_project(user: User, pk: int, action: Action = Action.VIEW) -> ProjectRecord:
    """Fetch a project the user may see (else 404) and may act on (else 403)."""
    try:
        record = scope_projects(user).get(pk=pk)
    except ProjectRecord.DoesNotExist as error:
        msg = "项目不存在或无权访问"
        raise Http404(msg) from error
    user._jixiao_units = getattr(user, "_jixiao_units", None) or {}  # noqa: SLF001
    user._jixiao_units[record.unit_id] = True  # noqa: SLF001  (found through the scope: its unit is seen)
    if not can(user, action, record):
        msg = "当前状态或角色不允许此操作"
        raise PermissionDenied(msg)
    return record


def require_role(user: User, *roles: Role) -> Role:
    """Return the user's role if it is one of `roles`, else raise 403."""
    role = role_of(user)
    if role is None or role not in roles:
        msg = "当前角色不允许此操作"
        raise PermissionDenied(msg)
    return role


def units_for_create(user: User) -> QuerySet[Unit]:
    """The units the user may create or import projects for."""
    if role_of(user) not in {Role.UNIT, Role.ADMIN}:
        return Unit.objects.none()
    return scope_units(user).order_by("department__name", "name")


def get_department(user: User, pk: int) -> Department:
    """A department whose summary the user may see: reviewers of it, its finance bureau, admins."""
    if role_of(user) not in {Role.DEPARTMENT, Role.FINANCE, Role.ADMIN}:
        msg = "无权访问"
        raise Http404(msg)
    try:
        return scope_departments(user).get(pk=pk)
    except Department.DoesNotExist as error:
        msg = "主管部门不存在或无权访问"
        raise Http404(msg) from error


def get_import_job(user: User, pk: int) -> ImportJob:
    """A background import the user queued (admins see all), else 404."""
    jobs = ImportJob.objects.select_related("unit")
    if role_of(user) is not Role.ADMIN:
        jobs = jobs.filter(user_id=user.pk)
    try:
        return jobs.get(pk=pk)
    except ImportJob.DoesNotExist as error:
        msg = "导入任务不存在或无权访问"
        raise Http404(msg) from error


def recheck_region(user: User) -> Region:
    """The region a finance reviewer may re-check as a whole (its own bureau), else 403."""
    require_role(user, Role.FINANCE)
    profile = profile_of(user)
    if profile is None or profile.region is None:
        msg = "账号未关联财政局"
        raise PermissionDenied(msg)
    return profile.region


def get_recheck_job(user: User, pk: int) -> RecheckJob:
    """A region re-check visible to the user: finance reviewers of that region and admins, else 404."""
    jobs = RecheckJob.objects.select_related("region")
    role, profile = role_of(user), profile_of(user)
    if role is not Role.ADMIN:
        region_id = profile.region_id if role is Role.FINANCE and profile is not None else None
        jobs = jobs.filter(region_id=region_id) if region_id is not None else jobs.none()
    try:
        return jobs.get(pk=pk)
    except RecheckJob.DoesNotExist as error:
        msg = "审核任务不存在或无权访问"
        raise Http404(msg) from error
