"""Rankings of projects within a department or a region (pure).

Projects are ranked by computed total, high to low; equal totals share a rank (1, 2, 2, 4). A project
without a total (it could not be scored) is listed after the ranked ones without a rank. Each group
also carries the forced 20/20/55/5 % distribution of its ranked projects (rules.md §B7) as a reference
column (equal totals share the better grade, as they share a rank); the project's own grade still
comes from the 90/80/60 thresholds (rules.md §H-10).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from jixiao.distribution import (
    DEFAULT_POLICY,
    Distribution,
    DistributionPolicy,
    ScoredEntry,
    distribute,
    shared_ranks,
)
from jixiao.model import Grade  # noqa: TC001

if TYPE_CHECKING:
    from collections.abc import Iterable

    from jixiao.batch.summary import SummaryRow

# Group label for projects whose department or region is not stated.
UNKNOWN_GROUP = "（未填写）"
WHOLE_BATCH = "全部"


class RankBy(StrEnum):
    """What to group projects by before ranking them."""

    department = "department"  # 主管部门
    region = "region"  # 地区 (the batch's top-level folder)
    all = "all"  # every project in one list


RANK_BY_LABELS = {RankBy.department: "主管部门", RankBy.region: "地区", RankBy.all: "全部项目"}


@dataclass(frozen=True, slots=True)
class RankedRow:
    """A project in a ranking: shared rank (None when unscored) and its forced-distribution grade."""

    rank: int | None
    row: SummaryRow
    forced_grade: Grade | None = None


@dataclass(frozen=True, slots=True)
class RankGroup:
    """One department's or region's ranking."""

    by: RankBy
    name: str
    rows: tuple[RankedRow, ...]
    distribution: Distribution

    @property
    def ranked_count(self) -> int:
        """How many projects have a rank."""
        return sum(1 for row in self.rows if row.rank is not None)


def group_key(row: SummaryRow, by: RankBy) -> str:
    """Return the group a row belongs to."""
    if by is RankBy.all:
        return WHOLE_BATCH
    value = row.department if by is RankBy.department else row.region
    return value.strip() or UNKNOWN_GROUP


def rank_rows(
    rows: Iterable[SummaryRow],
    by: RankBy = RankBy.department,
    policy: DistributionPolicy = DEFAULT_POLICY,
) -> tuple[RankGroup, ...]:
    """Group rows by department, region or nothing, and rank each group by total (ties shared).

    Only each project's main row (its own scheme) takes part, so a project scored under two schemes
    is ranked once.
    """
    groups: dict[str, list[SummaryRow]] = {}
    for row in rows:
        if not row.main:
            continue
        groups.setdefault(group_key(row, by), []).append(row)
    return tuple(rank_group(name, members, by, policy) for name, members in sorted(groups.items()))


def rank_group(
    name: str,
    rows: Iterable[SummaryRow],
    by: RankBy = RankBy.all,
    policy: DistributionPolicy = DEFAULT_POLICY,
) -> RankGroup:
    """Rank one group's rows by total, high to low; ties share a rank; unscored rows go last."""
    members = list(rows)
    scored = sorted((row for row in members if row.total is not None), key=_sort_key)
    unscored = sorted((row for row in members if row.total is None), key=lambda row: (row.title, row.key))
    ranks = shared_ranks([row.total for row in scored if row.total is not None])
    entries = [ScoredEntry(name=row.key, score=row.total) for row in scored if row.total is not None]
    distribution = distribute(entries, replace(policy, noun="项目"))
    # Equal totals share a rank, so they share the forced grade of the best-placed among them too;
    # the distribution's boundary_tie issue says that the quota could not be kept.
    shared = distribution.shared_grades
    ranked = [
        RankedRow(rank, row, shared.get(row.total) if row.total is not None else None)
        for rank, row in zip(ranks, scored, strict=True)
    ]
    ranked += [RankedRow(None, row) for row in unscored]
    return RankGroup(by=by, name=name, rows=tuple(ranked), distribution=distribution)


def _sort_key(row: SummaryRow) -> tuple[object, ...]:
    """High totals first; equal totals in a stable order by title and key."""
    total = row.total
    return (-total if total is not None else 0, row.title, row.key)
