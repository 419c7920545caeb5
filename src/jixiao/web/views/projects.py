"""Project pages: list, create, detail, editor with live scoring, workflow steps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.api import Project
from jixiao.web import formdata, formview, policy, services, workflow
from jixiao.web.errors import ConflictError, InputError
from jixiao.web.states import STATUS_CHOICES, Status

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse

    from jixiao.web.models import ProjectRecord, Unit


@login_required
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    """Projects in the user's scope, filtered by status and text."""
    projects = policy.scope_projects(request.user)
    status = request.GET.get("status", "")
    if status in set(Status):
        projects = projects.filter(status=status)
    query = request.GET.get("q", "").strip()
    if query:
        projects = projects.filter(name__icontains=query)
    context = {
        "projects": projects[:500],
        "statuses": STATUS_CHOICES,
        "status": status,
        "q": query,
        "can_create": policy.units_for_create(request.user).exists(),
    }
    return render(request, "jixiao/project_list.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_create(request: HttpRequest) -> HttpResponse:
    """Create an empty project for one of the user's units, then open the editor."""
    units = policy.units_for_create(request.user)
    if not units.exists():
        msg = "当前角色不能创建项目"
        raise PermissionDenied(msg)
    if request.method == "POST":
        unit = get_object_or_404(units, pk=request.POST.get("unit", ""))
        name = request.POST.get("name", "").strip()
        if not name:
            messages.error(request, "请填写项目名称")
        else:
            year = request.POST.get("year", "").strip()
            project = Project.model_validate(
                {"name": name, "year": int(year) if year.isdigit() else None,
                 "department": unit.department.name, "unit": unit.name, "self_eval_form": {}}
            )  # fmt: skip
            record = services.create_project(request.user, unit, project)
            return redirect("project_edit", pk=record.pk)
    return render(request, "jixiao/project_create.html", {"units": units})


@login_required
@require_GET
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A project read-only: scores, findings, workflow steps, history."""
    record = policy.get_project(request.user, pk)
    context = {
        "record": record,
        "project": services.load(record),
        "transitions": workflow.available(request.user, record),
        "can_edit": policy.can(request.user, policy.Action.EDIT, record),
        "events": record.events.select_related("user").all(),
        "action_labels": workflow.ACTION_LABELS,
        "status_labels": dict(STATUS_CHOICES),
    }
    return render(request, "jixiao/project_detail.html", context)


def _unit_names(record: ProjectRecord) -> dict[str, str]:
    unit: Unit = record.unit
    return {"department": unit.department.name, "unit": unit.name}


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The 自评表 editor; POST saves with optimistic locking."""
    record = policy.get_project(request.user, pk, policy.Action.EDIT)
    if not formdata.is_editable(services.load(record)):
        return render(request, "jixiao/not_editable.html", {"record": record})
    extra = formdata.BLANK_INDICATOR_ROWS
    if request.method == "POST":
        parsed = formdata.project_from_form(request.POST, services.load(record), **_unit_names(record))
        version = _int(request.POST.get("version"))
        extra += 3 if request.POST.get("add_rows") else 0
        try:
            evaluation = services.save_project(request.user, record, parsed.project, version)
        except ConflictError as error:
            messages.error(request, error.message)
            context = formview.build(dict(request.POST.items()), None, extra) | {"conflict": True}
            return render(request, "jixiao/project_edit.html", {"record": record, **context}, status=409)
        messages.success(request, f"已保存（版本 {record.version}）")
        if not request.POST.get("add_rows"):
            return redirect("project_edit", pk=record.pk)
    project = services.load(record)
    evaluation = services.evaluate(project)
    context = formview.build(formdata.form_values(project), evaluation, extra)
    return render(request, "jixiao/project_edit.html", {"record": record, **context})


@login_required
@require_POST
def project_live(request: HttpRequest, pk: int) -> HttpResponse:
    """Re-score the posted draft through the core and return the score cells and findings (htmx)."""
    record = policy.get_project(request.user, pk, policy.Action.EDIT)
    parsed = formdata.project_from_form(request.POST, services.load(record), **_unit_names(record))
    evaluation = services.evaluate(parsed.project)
    context = formview.build(dict(request.POST.items()), evaluation, 0, parsed.indicator_rows)
    return render(request, "jixiao/_live.html", {"record": record, **context})


@login_required
@require_POST
def project_transition(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    """Take a workflow step (submit, return with comment, approve, publish)."""
    record = policy.get_project(request.user, pk)
    workflow.apply(
        request.user,
        record,
        name,
        comment=request.POST.get("comment", ""),
        version=_int(request.POST.get("version")),
    )
    messages.success(request, f"已{workflow.ACTION_LABELS.get(name, name)}：{record.name}")
    return redirect("project_detail", pk=record.pk)


def _int(text: str | None) -> int:
    if text is None or not text.strip().isdigit():
        msg = "缺少版本号，请刷新页面后重试"
        raise InputError(msg)
    return int(text)
