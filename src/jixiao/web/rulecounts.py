"""The per-project finding rule counts (`FindingRuleCount`), derived from `ProjectRecord.findings`.

Only errors and warnings are counted (what the dashboard lists). Every code path that writes
`findings` calls `refresh`; `rebuild` recomputes the table for many projects (restore, migration).
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from jixiao.web.models import FindingRuleCount, ProjectRecord

if TYPE_CHECKING:
    from collections.abc import Iterable

COUNTED = frozenset({"error", "warning"})
BATCH = 2000


def rows_for(project_id: int, findings: Iterable[dict[str, Any]]) -> list[FindingRuleCount]:
    """The rule-count rows of one project's findings JSON (one row per rule)."""
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}
    for finding in findings:
        if finding.get("severity") in COUNTED:
            rule = str(finding.get("rule", ""))[:80]
            counts[rule] += 1
            examples.setdefault(rule, str(finding.get("message", ""))[:300])
    return [
        FindingRuleCount(project_id=project_id, rule=rule, count=count, example=examples[rule])
        for rule, count in counts.items()
    ]


def refresh(project_id: int, findings: Iterable[dict[str, Any]]) -> None:
    """Replace one project's rule counts (call inside the transaction that saves `findings`)."""
    FindingRuleCount.objects.filter(project_id=project_id).delete()
    FindingRuleCount.objects.bulk_create(rows_for(project_id, findings))


def rebuild(project_ids: Iterable[int] | None = None) -> int:
    """Recompute the counts of the given projects (all when None); return how many rows were written."""
    records = ProjectRecord.objects.order_by("pk")
    if project_ids is not None:
        records = records.filter(pk__in=list(project_ids))
    stale = FindingRuleCount.objects.all()
    if project_ids is not None:
        stale = stale.filter(project_id__in=records.values("pk"))
    stale.delete()
    written, batch = 0, []
    for pk, findings in records.values_list("pk", "findings").iterator(chunk_size=BATCH):
        batch += rows_for(pk, findings or [])
        if len(batch) >= BATCH:
            written += len(FindingRuleCount.objects.bulk_create(batch))
            batch = []
    return written + len(FindingRuleCount.objects.bulk_create(batch))
