"""Database tables: tenancy (region → department → unit), roles, projects, audit events.

The evaluation data itself is the domain model's JSON (`ProjectRecord.data`); the core owns its
meaning. The other columns of `ProjectRecord` are denormalised from the core's results on every save
(see `services.save_project`) so that lists and dashboards need no scoring.
"""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.db import models

from jixiao.web.states import ROLE_CHOICES, STATUS_CHOICES, Role, Status

__all__ = [
    "AuditEvent",
    "Department",
    "FindingRuleCount",
    "ImportJob",
    "Profile",
    "ProjectRecord",
    "RecheckJob",
    "Region",
    "Role",
    "Status",
    "Unit",
    "UnitFigures",
    "UnitRuleCount",
    "UnitTotal",
]


class Region(models.Model):
    """A finance bureau (财政局) and the area it governs."""

    name = models.CharField("财政局", max_length=100, unique=True)

    class Meta:
        verbose_name = "财政局"
        verbose_name_plural = "财政局"

    def __str__(self) -> str:
        """Show it by name."""
        return self.name


class Department(models.Model):
    """A 主管部门 under a finance bureau."""

    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="departments")
    name = models.CharField("主管部门", max_length=100)

    class Meta:
        verbose_name = "主管部门"
        verbose_name_plural = "主管部门"
        constraints: ClassVar = [models.UniqueConstraint(fields=["region", "name"], name="uniq_department")]

    def __str__(self) -> str:
        """Show it by name."""
        return self.name


class Unit(models.Model):
    """A 预算单位 under a department."""

    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="units")
    name = models.CharField("预算单位", max_length=100)
    code = models.CharField("单位编码", max_length=40, blank=True)

    class Meta:
        verbose_name = "预算单位"
        verbose_name_plural = "预算单位"
        constraints: ClassVar = [models.UniqueConstraint(fields=["department", "name"], name="uniq_unit")]

    def __str__(self) -> str:
        """Show it by name."""
        return self.name


class Profile(models.Model):
    """A person's role and the tenant it applies to (exactly one level, by role)."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    role = models.CharField("角色", max_length=20, choices=ROLE_CHOICES)
    region = models.ForeignKey(Region, null=True, blank=True, on_delete=models.PROTECT)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT)
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT)

    class Meta:
        verbose_name = "用户角色"
        verbose_name_plural = "用户角色"

    def __str__(self) -> str:
        """Show it by name."""
        return f"{self.user} ({self.get_role_display()})"


class ProjectRecord(models.Model):
    """One project's evaluation: the model JSON plus tenancy, workflow state and summary columns."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="projects")
    data = models.JSONField("评价数据", default=dict)
    status = models.CharField("状态", max_length=30, choices=STATUS_CHOICES, default=Status.DRAFT.value)
    version = models.PositiveIntegerField("版本", default=1)
    # Denormalised from the core on every save.
    name = models.CharField("项目名称", max_length=300, blank=True)
    year = models.PositiveIntegerField("年度", null=True, blank=True)
    scheme = models.CharField("评分方案", max_length=80, blank=True)
    total = models.DecimalField("得分", max_digits=7, decimal_places=2, null=True, blank=True)
    grade = models.CharField("等级", max_length=4, blank=True)
    execution_rate = models.DecimalField("预算执行率", max_digits=9, decimal_places=4, null=True, blank=True)
    error_count = models.PositiveIntegerField("错误", default=0)
    warning_count = models.PositiveIntegerField("警告", default=0)
    info_count = models.PositiveIntegerField("提示", default=0)
    findings = models.JSONField("审核发现", default=list)
    evaluation = models.JSONField("评分结果", default=list)
    allocation = models.JSONField("点位分布", default=dict, blank=True)  # forced 点位 distribution, if any
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "项目"
        verbose_name_plural = "项目"
        ordering = ("-updated_at", "-id")
        indexes: ClassVar = [
            models.Index(fields=["status", "-updated_at"], name="project_status_updated"),
            # The dashboard's aggregates, rankings and waiting list read only these columns of a
            # scope's units: on PostgreSQL an index-only scan instead of visiting every wide row (the
            # JSON is inline).
            models.Index(
                fields=["unit"],
                include=["id", "status", "grade", "total", "execution_rate", "name", "updated_at"],
                name="project_dashboard_columns",
            ),
            # The dashboard's 点位 list: only projects that have a 点位 table, by name.
            models.Index(
                fields=["unit", "name", "id"], condition=~models.Q(allocation={}), name="project_with_points"
            ),
        ]  # fmt: skip

    def __str__(self) -> str:
        """Show it by name."""
        return self.name or f"项目 {self.pk}"


class FindingRuleCount(models.Model):
    """How often one check rule fired on a project (errors and warnings), kept with `findings` on save.

    Dashboards count the most frequent rules with one `GROUP BY` here instead of reading every
    project's findings JSON (`rulecounts.py` fills it; a restore rebuilds it from `findings`).
    """

    project = models.ForeignKey(ProjectRecord, on_delete=models.CASCADE, related_name="rule_counts")
    rule = models.CharField("规则", max_length=80)
    count = models.PositiveIntegerField("次数", default=0)
    example = models.CharField("示例", max_length=300, blank=True)

    class Meta:
        verbose_name = "审核发现计数"
        verbose_name_plural = "审核发现计数"
        constraints: ClassVar = [models.UniqueConstraint(fields=["project", "rule"], name="uniq_rule_count")]
        indexes: ClassVar = [
            models.Index(fields=["rule"], name="rule_count_rule"),
            # Top rules of a scope: an index-only scan per project instead of reading the whole table.
            models.Index(fields=["project"], include=["rule", "count", "example"], name="rule_count_project"),
        ]

    def __str__(self) -> str:
        """Show the rule and its count."""
        return f"{self.rule} × {self.count}"


class UnitFigures(models.Model):
    """How many of a unit's projects have one status, grade, score bin and rate bin (`figures.py`).

    Recomputed completely from the unit's projects whenever one of them changes, so the dashboard of
    a department or a region sums a few rows per unit instead of aggregating every project.
    A bin is the index in `stats.SCORE_BINS` / `stats.RATE_BINS`, -1 for none (no total or rate).
    """

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="figures")
    status = models.CharField(max_length=30)
    grade = models.CharField(max_length=4, blank=True)
    score_bin = models.SmallIntegerField()
    rate_bin = models.SmallIntegerField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "单位汇总"
        verbose_name_plural = "单位汇总"

    def __str__(self) -> str:
        """Show the combination and its count."""
        return f"{self.status}/{self.grade}/{self.score_bin}/{self.rate_bin} × {self.count}"


class UnitRuleCount(models.Model):
    """How often one check rule fired on a unit's projects, and the greatest example (`figures.py`)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="rule_totals")
    rule = models.CharField(max_length=80)
    count = models.PositiveIntegerField(default=0)
    example = models.CharField(max_length=300, blank=True)

    class Meta:
        verbose_name = "单位审核发现计数"
        verbose_name_plural = "单位审核发现计数"

    def __str__(self) -> str:
        """Show the rule and its count."""
        return f"{self.rule} × {self.count}"


class UnitTotal(models.Model):
    """How many of a unit's projects have one total (None: not scored), for the rankings (`figures.py`)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="totals")
    total = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "单位得分分布"
        verbose_name_plural = "单位得分分布"

    def __str__(self) -> str:
        """Show the total and its count."""
        return f"{self.total} × {self.count}"


class AuditEvent(models.Model):
    """Who did what to a project and when; `diff` lists changed model paths (old → new)."""

    project = models.ForeignKey(ProjectRecord, on_delete=models.CASCADE, related_name="events")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    action = models.CharField("操作", max_length=30)
    from_status = models.CharField(max_length=30, blank=True)
    to_status = models.CharField(max_length=30, blank=True)
    comment = models.TextField("意见", blank=True)
    diff = models.JSONField(default=list)
    version = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "操作记录"
        verbose_name_plural = "操作记录"
        ordering = ("created_at", "id")

    def __str__(self) -> str:
        """Show it by name."""
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"


class ImportJob(models.Model):
    """A background import on the Celery worker: who queued it, for which unit, and each file's result."""

    job_id = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE)
    files = models.PositiveIntegerField("文件数", default=0)
    results = models.JSONField(default=list)  # [{name, ok, message, projects: [ids]}] in processing order
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "后台导入"
        verbose_name_plural = "后台导入"
        ordering = ("-created_at",)

    def __str__(self) -> str:
        """Show it by job id."""
        return self.job_id


class RecheckJob(models.Model):
    """A region-wide re-check on the Celery worker: who queued it, for which finance bureau, its counts."""

    job_id = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    region = models.ForeignKey(Region, on_delete=models.CASCADE)
    checked = models.PositiveIntegerField("已审核", default=0)
    changed = models.PositiveIntegerField("结果有变化", default=0)
    skipped = models.PositiveIntegerField("期间已修改（跳过）", default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "全区重新审核"
        verbose_name_plural = "全区重新审核"
        ordering = ("-created_at",)

    def __str__(self) -> str:
        """Show it by job id."""
        return self.job_id
