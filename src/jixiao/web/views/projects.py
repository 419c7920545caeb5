"""Project pages: list, create, detail, editor with live scoring, workflow steps."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.api import Project
from jixiao.web import editors, formdata, formview, policy, services, workflow
from jixiao.web.errors import ConflictError, InputError
from jixiao.web.states import STATUS_CHOICES, Status

if TYPE_CHECKING:
    from django.http import HttpRequest, HttpResponse


FORM_KINDS = {"self_eval_form": "self_eval_form", "score_sheet": "score_sheet"}
PAGE_SIZE = 50


@login_required
@require_GET
def project_list(request: HttpRequest) -> HttpResponse:
    """Projects in the user's scope, filtered by status and text, 50 to a page."""
    projects = policy.scope_projects(request.user)
    status = request.GET.get("status", "")
    if status in set(Status):
        projects = projects.filter(status=status)
    query = request.GET.get("q", "").strip()
    if query:
        projects = projects.filter(name__icontains=query)
    page = Paginator(projects.defer("data", "findings", "evaluation", "allocation"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "projects": page.object_list,
        "page": page,
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
                 "department": unit.department.name, "unit": unit.name,
                 FORM_KINDS.get(request.POST.get("form", ""), "self_eval_form"): {}}
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
        "findings": [
            finding | {"where": [formview.describe(location) for location in finding.get("locations", [])]}
            for finding in record.findings or []
        ],
        "transitions": workflow.available(request.user, record),
        "return_comment": workflow.return_comment(record),
        "can_edit": policy.can(request.user, policy.Action.EDIT, record),
        "events": record.events.select_related("user").all(),
        "action_labels": workflow.ACTION_LABELS,
        "status_labels": dict(STATUS_CHOICES),
    }
    return render(request, "jixiao/project_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The form editor (自评表 or 计分表); POST saves with optimistic locking."""
    record = policy.get_project(request.user, pk, policy.Action.EDIT)
    stored = services.load(record)
    extra = formdata.BLANK_INDICATOR_ROWS
    if request.method == "POST":
        posted = dict(request.POST.items())
        parsed = editors.parse(stored, posted, record)
        extra += 3 if request.POST.get("add_rows") else 0
        try:
            services.save_project(request.user, record, parsed.project, _int(request.POST.get("version")))
        except ConflictError as error:
            messages.error(request, error.message)
            context = editors.context(stored, posted, None, extra) | {"conflict": True, "record": record}
            return render(request, context["template"], context, status=409)
        messages.success(request, f"已保存（版本 {record.version}）")
        if not request.POST.get("add_rows"):
            return redirect("project_edit", pk=record.pk)
        stored = services.load(record)
    # Show the project as the form reads it back, so every position matches the inputs.
    parsed = editors.parse(stored, editors.values(stored), record)
    values = editors.values(parsed.project)
    context = editors.context(parsed.project, values, services.evaluate(parsed.project), extra)
    context["return_comment"] = workflow.return_comment(record)
    return render(request, context["template"], {"record": record, **context})


@login_required
@require_POST
def project_live(request: HttpRequest, pk: int) -> HttpResponse:
    """Re-score the posted draft through the core and return the score cells and findings (htmx)."""
    record = policy.get_project(request.user, pk, policy.Action.EDIT)
    stored = services.load(record)
    posted = dict(request.POST.items())
    parsed = editors.parse(stored, posted, record)
    context = editors.context(stored, posted, services.evaluate(parsed.project), 0, parsed.indicator_rows)
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
