"""REST API serializers: the project JSON is the domain model's, validated by pydantic."""

from __future__ import annotations

from pydantic import ValidationError
from rest_framework import serializers

from jixiao.api import Project
from jixiao.web.models import ProjectRecord


def validate_project(data: object) -> Project:
    """Parse project JSON into the model, with pydantic's errors as a 400."""
    try:
        return Project.model_validate(data)
    except ValidationError as error:
        raise serializers.ValidationError(
            [f"{'.'.join(str(part) for part in e['loc'])}: {e['msg']}" for e in error.errors()[:20]]
        ) from error


class ProjectSerializer(serializers.ModelSerializer):
    unit_name = serializers.CharField(source="unit.name", read_only=True)
    department = serializers.CharField(source="unit.department.name", read_only=True)

    class Meta:
        model = ProjectRecord
        fields: tuple[str, ...] = (
            "id", "unit", "unit_name", "department", "status", "version", "name", "year", "scheme", "total",
            "grade", "execution_rate", "error_count", "warning_count", "info_count", "updated_at",
        )  # fmt: skip
        read_only_fields: tuple[str, ...] = fields


class ProjectDetailSerializer(ProjectSerializer):
    class Meta(ProjectSerializer.Meta):
        fields: tuple[str, ...] = (*ProjectSerializer.Meta.fields, "data", "findings", "evaluation")
        read_only_fields: tuple[str, ...] = fields


class ProjectWriteSerializer(serializers.Serializer):
    """Create: `unit` and `data`; update: `data` and the `version` it was read at."""

    unit = serializers.IntegerField(required=False)
    version = serializers.IntegerField(required=False)
    data = serializers.JSONField()

    def validate_data(self, value: object) -> Project:
        """The project JSON as a model value."""
        return validate_project(value)


class TransitionSerializer(serializers.Serializer):
    name = serializers.CharField()
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField()


class ProjectPayloadSerializer(serializers.Serializer):
    """A project JSON to score or check without storing it."""

    data = serializers.JSONField()
    scheme = serializers.CharField(required=False, allow_blank=True, default="")

    def validate_data(self, value: object) -> Project:
        """The project JSON as a model value."""
        return validate_project(value)


class ImportSerializer(serializers.Serializer):
    unit = serializers.IntegerField()
    files = serializers.ListField(child=serializers.FileField(), allow_empty=False)
