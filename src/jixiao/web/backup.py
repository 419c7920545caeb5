"""Back up and restore all web data as one JSON document (tenancy, accounts, projects, audit trail).

Passwords are kept as Django's hashes; API tokens are not exported (they are re-issued).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.db import transaction

from jixiao.web import figures, rulecounts, stats
from jixiao.web.errors import InputError
from jixiao.web.models import AuditEvent, Department, Profile, ProjectRecord, Region, Unit

if TYPE_CHECKING:
    from django.db.models import QuerySet

FORMAT = "jixiao-backup"
FORMAT_VERSION = 1
PROJECT_FIELDS = (
    "id", "unit_id", "data", "status", "version", "name", "year", "scheme", "total", "grade",
    "execution_rate", "error_count", "warning_count", "info_count", "findings", "evaluation", "allocation",
    "created_at", "updated_at",
)  # fmt: skip
EVENT_FIELDS = (
    "id", "project_id", "user_id", "action", "from_status", "to_status", "comment", "diff", "version",
    "created_at",
)  # fmt: skip
USER_FIELDS = ("id", "username", "password", "first_name", "last_name", "email", "is_active", "is_staff",
               "is_superuser")  # fmt: skip


TEXT_COLUMNS = frozenset({"total", "execution_rate", "created_at", "updated_at"})  # Decimal and time as text


def _rows(queryset: QuerySet[Any], fields: tuple[str, ...]) -> list[dict[str, Any]]:
    def text(key: str, value: object) -> object:
        return str(value) if key in TEXT_COLUMNS and value is not None else value

    return [
        {key: text(key, value) for key, value in row.items()}
        for row in queryset.order_by("pk").values(*fields)
    ]


def export_data() -> dict[str, Any]:
    """Everything the web app stores, as JSON-ready values."""
    return {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "regions": _rows(Region.objects, ("id", "name")),
        "departments": _rows(Department.objects, ("id", "region_id", "name")),
        "units": _rows(Unit.objects, ("id", "department_id", "name", "code")),
        "users": _rows(get_user_model().objects, USER_FIELDS),
        "profiles": _rows(
            Profile.objects, ("id", "user_id", "role", "region_id", "department_id", "unit_id")
        ),
        "projects": _rows(ProjectRecord.objects, PROJECT_FIELDS),
        "events": _rows(AuditEvent.objects, EVENT_FIELDS),
    }


def is_empty() -> bool:
    """True when the database holds no tenancy, accounts or projects."""
    return not (
        Region.objects.exists() or get_user_model().objects.exists() or ProjectRecord.objects.exists()
    )


@transaction.atomic
def restore_data(payload: dict[str, Any], *, replace: bool = False) -> dict[str, int]:
    """Load a backup into an empty database (or replace everything); returns counts per table."""
    if payload.get("format") != FORMAT or payload.get("version") != FORMAT_VERSION:
        msg = "不是 jixiao 备份文件，或版本不受支持"
        raise InputError(msg)
    if not is_empty():
        if not replace:
            msg = "数据库中已有数据；如需覆盖请使用 --replace"
            raise InputError(msg)
        with figures.suspended():  # rebuilt below
            for model in (AuditEvent, ProjectRecord, Profile, Unit, Department, Region):
                model.objects.all().delete()
        get_user_model().objects.all().delete()
    tables: tuple[tuple[str, Any], ...] = (
        ("regions", Region), ("departments", Department), ("units", Unit), ("users", get_user_model()),
        ("profiles", Profile), ("projects", ProjectRecord), ("events", AuditEvent),
    )  # fmt: skip
    counts = {}
    for key, model in tables:
        rows = payload.get(key, [])
        model.objects.bulk_create([model(**row) for row in rows])
        counts[key] = len(rows)
    # auto_now fields are overwritten by bulk_create's pre_save; put the stored times back.
    for row in payload.get("projects", []):
        ProjectRecord.objects.filter(pk=row["id"]).update(
            updated_at=row["updated_at"], created_at=row["created_at"]
        )
    for row in payload.get("events", []):
        AuditEvent.objects.filter(pk=row["id"]).update(created_at=row["created_at"])
    rulecounts.rebuild()  # derived from the restored findings, not part of the backup
    figures.rebuild()  # derived from the restored projects and rule counts
    stats.invalidate()
    _reset_sequences()
    return counts


def _reset_sequences() -> None:
    """PostgreSQL: move id sequences past the restored ids (SQLite needs nothing)."""
    from django.core.management.color import no_style  # noqa: PLC0415
    from django.db import connection  # noqa: PLC0415

    models = [Region, Department, Unit, get_user_model(), Profile, ProjectRecord, AuditEvent]
    statements = connection.ops.sequence_reset_sql(no_style(), models)
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
