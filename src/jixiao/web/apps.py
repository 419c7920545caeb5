"""The Django app holding tenancy, projects, workflow and audit tables."""

from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "jixiao.web"
    label = "web"
    verbose_name = "绩效自评"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Drop cached dashboards whenever a project or its audit trail changes."""
        from django.db.models.signals import post_delete, post_save  # noqa: PLC0415

        from jixiao.web import stats  # noqa: PLC0415
        from jixiao.web.models import AuditEvent, ProjectRecord  # noqa: PLC0415

        def changed(**_: object) -> None:
            stats.invalidate()

        for model in (ProjectRecord, AuditEvent):
            post_save.connect(changed, sender=model, weak=False, dispatch_uid=f"dashboard-{model.__name__}")
            post_delete.connect(
                changed, sender=model, weak=False, dispatch_uid=f"dashboard-del-{model.__name__}"
            )
