"""The REST API: projects (scoped by the same policy as the pages), import, check, score."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action, api_view
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from jixiao import api
from jixiao.web import imports, policy, serializers, services, workflow
from jixiao.web.models import Unit

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django.http import HttpRequest, HttpResponse
    from rest_framework.request import Request

    from jixiao.web.models import ProjectRecord


class ProjectViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Projects in the caller's scope."""

    serializer_class = serializers.ProjectSerializer

    def get_queryset(self) -> QuerySet[ProjectRecord]:
        """Only what the policy lets the caller see."""
        return policy.scope_projects(self.request.user).order_by("-updated_at", "-id")

    def get_serializer_class(self) -> type:
        """Detail includes the project JSON, findings and scores."""
        return serializers.ProjectDetailSerializer if self.action != "list" else serializers.ProjectSerializer

    def get_object(self) -> ProjectRecord:
        """Fetch through the policy (404 outside the scope)."""
        return policy.get_project(self.request.user, int(self.kwargs["pk"]))

    @extend_schema(request=serializers.ProjectWriteSerializer, responses=serializers.ProjectDetailSerializer)
    def create(self, request: Request) -> Response:
        """Create a project for one of the caller's units."""
        payload = serializers.ProjectWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        unit = Unit.objects.filter(pk=payload.validated_data.get("unit")).first()
        if unit is None or not policy.can_create(request.user, unit):
            msg = "不能为该单位创建项目"
            raise PermissionDenied(msg)
        record = services.create_project(request.user, unit, payload.validated_data["data"])
        return Response(serializers.ProjectDetailSerializer(record).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=serializers.ProjectWriteSerializer, responses=serializers.ProjectDetailSerializer)
    def update(self, request: Request, pk: str) -> Response:
        """Replace the project JSON; `version` must be the one read (else 409 冲突)."""
        record = policy.get_project(request.user, int(pk), policy.Action.EDIT)
        payload = serializers.ProjectWriteSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        version = payload.validated_data.get("version")
        if version is None:
            raise ValidationError({"version": "必须提供读取时的版本号"})
        services.save_project(request.user, record, payload.validated_data["data"], version)
        return Response(serializers.ProjectDetailSerializer(record).data)

    @extend_schema(request=serializers.TransitionSerializer, responses=serializers.ProjectSerializer)
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str) -> Response:
        """Take a workflow step; `name` is one of `workflow.TRANSITIONS` (submit, return, …, publish)."""
        record = policy.get_project(request.user, int(pk))
        payload = serializers.TransitionSerializer(data=request.data)
        payload.is_valid(raise_exception=True)
        data = payload.validated_data
        workflow.apply(request.user, record, data["name"], comment=data["comment"], version=data["version"])
        return Response(serializers.ProjectSerializer(record).data)


@extend_schema(request=serializers.ProjectPayloadSerializer, responses=dict[str, Any])
@api_view(["POST"])
def score(request: Request) -> Response:
    """Score a project JSON (not stored); every score with its explanation."""
    payload = serializers.ProjectPayloadSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    evaluation = services.evaluate(payload.validated_data["data"])
    return Response({"evaluations": [s.model_dump(mode="json") for s in evaluation.scored],
                     "notices": list(evaluation.notices)})  # fmt: skip


@extend_schema(request=serializers.ProjectPayloadSerializer, responses=dict[str, Any])
@api_view(["POST"])
def check(request: Request) -> Response:
    """Run the review rules on a project JSON (not stored)."""
    payload = serializers.ProjectPayloadSerializer(data=request.data)
    payload.is_valid(raise_exception=True)
    evaluation = services.evaluate(payload.validated_data["data"])
    return Response(
        {"findings": [f.to_dict() for f in evaluation.findings], "notices": list(evaluation.notices)}
    )


@extend_schema(request={"multipart/form-data": serializers.ImportSerializer}, responses=dict[str, Any])
@api_view(["POST"])
def import_files(request: Request) -> Response:
    """Import files (multipart `files`, several allowed) into projects of `unit`."""
    unit = Unit.objects.filter(pk=request.data.get("unit") or 0).first()
    if unit is None or not policy.can_create(request.user, unit):
        msg = "预算单位不存在或无权导入"
        raise Http404(msg)
    results = imports.import_files(request.user, unit, request.FILES.getlist("files"))
    return Response({"files": [
        {"name": r.name, "ok": r.ok, "message": r.message, "projects": [p.pk for p in r.projects]}
        for r in results
    ]})  # fmt: skip


def api_docs(request: HttpRequest) -> HttpResponse:
    """A plain page listing the endpoints from the OpenAPI schema (no CDN assets)."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    endpoints = [
        {"path": path, "method": method.upper(), "summary": (op.get("description") or "").split("\n")[0]}
        for path, methods in schema.get("paths", {}).items()
        for method, op in methods.items()
    ]
    return render(request, "jixiao/api_docs.html", {"endpoints": endpoints, "info": schema.get("info", {})})


__all__ = ["ProjectViewSet", "api", "api_docs", "check", "import_files", "score"]
