"""Django admin for the system administrator: tenancy, accounts and roles; projects and audit are read-only.

Only superusers get in (`is_staff` alone is not enough): project data is changed through the
workflow pages, never here, so the audit trail stays complete.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin

from jixiao.web.models import AuditEvent, Department, Profile, ProjectRecord, Region, Unit

if TYPE_CHECKING:
    from django.http import HttpRequest


class SuperuserAdminSite(admin.AdminSite):
    site_header = "jixiao 系统管理"
    site_title = "jixiao 系统管理"
    index_title = "单位、账号与角色"

    def has_permission(self, request: HttpRequest) -> bool:
        """Only active superusers."""
        return bool(request.user.is_active and request.user.is_superuser)


site = SuperuserAdminSite(name="admin")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        """Records come from the workflow."""
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        """Read-only."""
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        """Never deleted here."""
        return False


@admin.register(Region, site=site)
class RegionAdmin(admin.ModelAdmin):
    search_fields = ("name",)


@admin.register(Department, site=site)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "region")
    list_filter = ("region",)
    search_fields = ("name",)


@admin.register(Unit, site=site)
class UnitAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "department")
    list_filter = ("department__region", "department")
    search_fields = ("name", "code")


@admin.register(Profile, site=site)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "region", "department", "unit")
    list_filter = ("role", "region")
    autocomplete_fields = ("unit", "department", "region")


@admin.register(ProjectRecord, site=site)
class ProjectRecordAdmin(ReadOnlyAdmin):
    list_display = ("name", "unit", "status", "total", "grade", "error_count", "updated_at")
    list_filter = ("status", "grade")
    search_fields = ("name",)
    exclude = ("data", "findings", "evaluation")


@admin.register(AuditEvent, site=site)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ("created_at", "project", "user", "action", "from_status", "to_status")
    list_filter = ("action",)


def register_accounts() -> None:
    """Add Django's own user and group admin to this site."""
    from django.contrib.auth.admin import GroupAdmin, UserAdmin  # noqa: PLC0415
    from django.contrib.auth.models import Group, User  # noqa: PLC0415

    site.register(User, UserAdmin)
    site.register(Group, GroupAdmin)


register_accounts()
