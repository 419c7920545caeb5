"""The Django app holding tenancy, projects, workflow and audit tables."""

from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jixiao.web"
    label = "web"
    verbose_name = "绩效自评"
    default_auto_field = "django.db.models.BigAutoField"
