"""The Django app holding tenancy, projects, workflow and audit tables."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.apps import AppConfig

if TYPE_CHECKING:
    from jixiao.web.models import AuditEvent, ProjectRecord


class WebConfig(AppConfig):
    name = "jixiao.web"
    label = "web"
    verbose_name = "绩效自评"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Make cached dashboards stale whenever a project or its audit trail changes."""
        from django.db.models.signals import post_delete, post_save  # noqa: PLC0415

        from jixiao.web.models import AuditEvent, ProjectRecord  # noqa: PLC0415

        for model in (ProjectRecord, AuditEvent):
            post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"dashboard-{model.__name__}")
            post_delete.connect(
                deleted, sender=model, weak=False, dispatch_uid=f"dashboard-del-{model.__name__}"
            )


def saved(instance: ProjectRecord | AuditEvent, **_: object) -> None:
    """A saved project or audit event: the dashboards of its unit, department, region and "all".

    The generations are bumped at once and again when the transaction commits, so a dashboard
    computed in between (from the data before the commit) is not kept under the new generation.
    """
    from django.db import transaction  # noqa: PLC0415

    from jixiao.web import policy, stats  # noqa: PLC0415
    from jixiao.web.models import ProjectRecord  # noqa: PLC0415

    if isinstance(instance, ProjectRecord):
        scopes = policy.scope_keys_of(unit_id=instance.unit_id)
    else:
        scopes = policy.scope_keys_of(project_id=instance.project_id)
    if scopes is None:  # cannot name the scopes: drop everything
        stats.invalidate()
        return
    stats.invalidate(*scopes)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: stats.invalidate(*scopes))


def deleted(**_: object) -> None:
    """A deleted project or event (restores, cascades; no page deletes): drop every dashboard.

    Cheap per row (one counter), where naming the scopes would cost a query per deleted row.
    """
    from jixiao.web import stats  # noqa: PLC0415

    stats.invalidate()
