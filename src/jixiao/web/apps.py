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
        """Recompute a unit's figures and make cached dashboards stale when a project or its trail changes."""
        from django.db.models.signals import post_delete, post_save  # noqa: PLC0415

        from jixiao.web.models import AuditEvent, ProjectRecord  # noqa: PLC0415

        for model in (ProjectRecord, AuditEvent):
            post_save.connect(saved, sender=model, weak=False, dispatch_uid=f"dashboard-{model.__name__}")
            post_delete.connect(
                deleted, sender=model, weak=False, dispatch_uid=f"dashboard-del-{model.__name__}"
            )


def saved(instance: ProjectRecord | AuditEvent, **_: object) -> None:
    """A saved project or audit event: its unit's figures and the dashboards that show it.

    Every change of a project (save, workflow step, create, import, re-check) ends with its audit
    event, so the unit's figures are recomputed in that transaction (`figures.refresh`), after the
    project's rule counts. The dashboards of its unit, department, region and "all" go stale: their
    generations are bumped at once and again when the transaction commits, so a dashboard computed
    in between (from the data before the commit) is not kept under the new generation.
    """
    from django.db import transaction  # noqa: PLC0415

    from jixiao.web import figures, policy, stats  # noqa: PLC0415
    from jixiao.web.models import ProjectRecord  # noqa: PLC0415

    if isinstance(instance, ProjectRecord):
        found = policy.unit_and_scope_keys(unit_id=instance.unit_id)
    else:
        found = policy.unit_and_scope_keys(project_id=instance.project_id)
    if found is None:  # cannot name the scopes: drop everything
        stats.invalidate()
        return
    unit_id, scopes = found
    figures.refresh(unit_id)
    stats.invalidate(*scopes)
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: stats.invalidate(*scopes))


def deleted(instance: ProjectRecord | AuditEvent, **_: object) -> None:
    """A deleted project or event (restores, cascades; no page deletes): drop every dashboard.

    Cheap per row (one counter), where naming the scopes would cost a query per deleted row. A
    deleted project's unit gets its figures recomputed (a restore suspends that and rebuilds all).
    """
    from jixiao.web import figures, stats  # noqa: PLC0415
    from jixiao.web.models import ProjectRecord  # noqa: PLC0415

    if isinstance(instance, ProjectRecord):
        figures.refresh(instance.unit_id)
    stats.invalidate()
