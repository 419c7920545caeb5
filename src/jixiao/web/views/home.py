"""The dashboard (工作台) for a unit, a department or the region, by the user's role."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from jixiao import api
from jixiao.web import policy, stats
from jixiao.web.states import STATUS_LABELS, Role, Status

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

SCOPE_TITLES = {Role.UNIT: "本单位", Role.DEPARTMENT: "本部门", Role.FINANCE: "本地区", Role.ADMIN: "全部"}
WAITING = {
    Role.UNIT: (Status.DRAFT, Status.RETURNED),
    Role.DEPARTMENT: (Status.SUBMITTED,),
    Role.FINANCE: (Status.DEPARTMENT_APPROVED, Status.FINANCE_APPROVED),
    Role.ADMIN: (Status.SUBMITTED, Status.DEPARTMENT_APPROVED),
}


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """Counts, charts and the projects waiting for this user."""
    role = policy.role_of(request.user)
    projects = policy.scope_projects(request.user)
    waiting = projects.filter(status__in=WAITING.get(role, ())) if role else projects.none()
    waiting = waiting.select_related(None).select_related("unit").only("name", "status", "unit__name")
    default = api.RankBy.region if role is Role.ADMIN else api.RankBy.department
    by = api.RankBy(request.GET["rank"]) if request.GET.get("rank") in set(api.RankBy) else default
    context = {
        "role": role,
        "scope_title": SCOPE_TITLES.get(role, "") if role else "",
        "data": stats.cached_dashboard(
            projects, by, policy.scope_key(request.user), units=policy.scope_units(request.user)
        ),
        "rank_choices": api.RANK_BY_LABELS.items(),
        "statuses": list(STATUS_LABELS.values()),
        "waiting": waiting[:20],
        "departments": policy.scope_departments(request.user),
    }
    return render(request, "jixiao/home.html", context)
