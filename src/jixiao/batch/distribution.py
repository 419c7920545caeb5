"""The 点位 forced grade distribution (rules.md §B7, §G26, §K): rank-based 20/20/55/5 %.

The 点位 table of a Sichuan special-project report lists the end recipients of the project's money with
their self-evaluation scores. Ranked from high to low they must fall into 优/良/中/差 by count shares
20 % / 20 % / 55 % / 5 %, scores must differ between grades, and identical scores may make up at most
10 % of a grade. The provincial notice was not found; the rule is reconstructed from seed 000 [S].

Edge cases follow rules.md §K: quota = half-up(n × share), the remainder goes to 中; at most
max(1, ⌊10 % × count⌋) points of a grade may share one score; n = 1 skips the rule with an info note.
All functions are pure.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import StrEnum
from itertools import pairwise
from typing import TYPE_CHECKING

from jixiao.model import Grade, Location

if TYPE_CHECKING:
    from collections.abc import Sequence

# Grades in rank order (best first), each with its count share (rules.md §B7 note (1)).
DEFAULT_SHARES: tuple[tuple[Grade, Decimal], ...] = (
    (Grade.excellent, Decimal("0.20")),
    (Grade.good, Decimal("0.20")),
    (Grade.fair, Decimal("0.55")),
    (Grade.poor, Decimal("0.05")),
)


@dataclass(frozen=True, slots=True)
class DistributionPolicy:
    """The configurable parts of the rule (rules.md §K: all configurable per template)."""

    shares: tuple[tuple[Grade, Decimal], ...] = DEFAULT_SHARES
    remainder_grade: Grade = Grade.fair  # the grade that absorbs rounding (§K: "rest to 中")
    tie_share: Decimal = Decimal("0.10")  # identical scores allowed per grade, as a share of its count
    noun: str = "点位"  # what is ranked, in messages (项目 for a department ranking)


DEFAULT_POLICY = DistributionPolicy()


@dataclass(frozen=True, slots=True)
class ScoredEntry:
    """One ranked thing: a 点位 with its score, or a project with its total."""

    name: str
    score: Decimal
    location: Location | None = None


@dataclass(frozen=True, slots=True)
class Placement:
    """Where an entry lands: its shared rank (1, 2, 2, 4 …) and its grade under the forced distribution."""

    entry: ScoredEntry
    rank: int
    grade: Grade


class IssueKind(StrEnum):
    """What can be wrong with a distribution."""

    single_point = "single_point"  # n = 1: the rule does not apply (info)
    quota_zero = "quota_zero"  # n too small: a grade with a positive share gets no place (info)
    boundary_tie = "boundary_tie"  # equal scores on both sides of a grade boundary (warning)
    too_many_ties = "too_many_ties"  # more identical scores within a grade than allowed (warning)


@dataclass(frozen=True, slots=True)
class DistributionIssue:
    """One reason the scores cannot be distributed as the rule asks, with the numbers."""

    kind: IssueKind
    message: str  # Chinese, for users
    grades: tuple[Grade, ...] = ()
    score: Decimal | None = None
    entries: tuple[ScoredEntry, ...] = ()
    values: dict[str, str] = field(default_factory=dict)

    @property
    def is_violation(self) -> bool:
        """True for a broken rule (warning), False for an explanatory note (info)."""
        return self.kind in {IssueKind.boundary_tie, IssueKind.too_many_ties}


@dataclass(frozen=True, slots=True)
class Distribution:
    """The outcome: quotas per grade, each entry's place, and every issue found."""

    count: int
    applicable: bool
    quotas: dict[Grade, int]
    placements: tuple[Placement, ...] = ()
    issues: tuple[DistributionIssue, ...] = ()

    @property
    def violations(self) -> tuple[DistributionIssue, ...]:
        """The issues that break the rule (not the notes)."""
        return tuple(issue for issue in self.issues if issue.is_violation)

    def grade_of(self, name: str) -> Grade | None:
        """Return the forced grade of the entry called `name`, if placed."""
        return next((p.grade for p in self.placements if p.entry.name == name), None)


def half_up(value: Decimal) -> int:
    """Round to a whole number, halves away from zero (ROUND_HALF_UP)."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_UP))


def grade_quotas(count: int, policy: DistributionPolicy = DEFAULT_POLICY) -> dict[Grade, int]:
    """Return how many places each grade gets: half-up(n × share), the remainder to `remainder_grade`.

    rules.md §K. E.g. n = 21 → 优 4 (4.2), 良 4, 差 1 (1.05), 中 21 − 9 = 12.
    """
    quotas = {grade: half_up(count * share) for grade, share in policy.shares}
    others = sum(quota for grade, quota in quotas.items() if grade is not policy.remainder_grade)
    quotas[policy.remainder_grade] = max(0, count - others)
    return quotas


def tie_limit(grade_count: int, policy: DistributionPolicy = DEFAULT_POLICY) -> int:
    """Return how many points of a grade may share one score: max(1, ⌊10 % × count⌋) (rules.md §K)."""
    return max(1, int((grade_count * policy.tie_share).to_integral_value(rounding=ROUND_DOWN)))


def shared_ranks(scores: Sequence[Decimal]) -> list[int]:
    """Return competition ranks for scores sorted high to low: equal scores share a rank (1, 2, 2, 4)."""
    ranks: list[int] = []
    for position, score in enumerate(scores):
        tied = position > 0 and score == scores[position - 1]
        ranks.append(ranks[-1] if tied else position + 1)
    return ranks


def distribute(entries: Sequence[ScoredEntry], policy: DistributionPolicy = DEFAULT_POLICY) -> Distribution:
    """Place entries into grades by rank and report every way the rule is broken.

    Entries are ranked by score, high to low (equal scores keep their input order); the first quota of
    places is 优, and so on. Equal scores that straddle a boundary and too many identical scores inside
    a grade are reported, not repaired: the scores are the unit's, the software only checks them.
    """
    count = len(entries)
    quotas = grade_quotas(count, policy)
    if count <= 1:
        noun = policy.noun
        text = f"只有{count}个{noun}" if count else f"没有可读取得分的{noun}"
        note = DistributionIssue(
            IssueKind.single_point,
            f"{text}，不适用20%/20%/55%/5%等级分布规则",
            entries=tuple(entries),
            values={"count": str(count)},
        )
        return Distribution(count=count, applicable=False, quotas=quotas, issues=(note,))
    ordered = sorted(entries, key=lambda entry: entry.score, reverse=True)
    ranks = shared_ranks([entry.score for entry in ordered])
    # Custom shares may round up past n; the lowest grades then lose the surplus places.
    grades = [grade for grade, _ in policy.shares for _ in range(quotas[grade])][:count]
    placements = tuple(Placement(e, r, g) for e, r, g in zip(ordered, ranks, grades, strict=True))
    issues = [*_quota_notes(count, quotas, policy), *_boundary_ties(placements, policy)]
    issues += _grade_ties(placements, policy)
    return Distribution(count, applicable=True, quotas=quotas, placements=placements, issues=tuple(issues))


def _quota_notes(count: int, quotas: dict[Grade, int], policy: DistributionPolicy) -> list[DistributionIssue]:
    """Note grades that get no place although their share is positive (n too small)."""
    empty = tuple(grade for grade, share in policy.shares if share > 0 and quotas[grade] == 0)
    if not empty:
        return []
    names = "、".join(grade.value for grade in empty)
    plan = " ".join(f"{grade.value}{quotas[grade]}" for grade, _ in policy.shares)
    message = f"{policy.noun}数{count}个过少，无法满足等级比例：{names}名额为0（按四舍五入分配：{plan}）"
    return [DistributionIssue(IssueKind.quota_zero, message, grades=empty, values={"quotas": plan})]


def _boundary_ties(placements: Sequence[Placement], policy: DistributionPolicy) -> list[DistributionIssue]:
    """Find equal scores on both sides of a grade boundary (rule (2): scores differ between grades)."""
    issues: list[DistributionIssue] = []
    order = [grade for grade, _ in policy.shares]
    seen: set[Decimal] = set()
    for upper, lower in pairwise(placements):
        score = upper.entry.score
        if upper.grade is lower.grade or score != lower.entry.score or score in seen:
            continue
        seen.add(score)
        tied = tuple(p.entry for p in placements if p.entry.score == score)
        grades = tuple(sorted({p.grade for p in placements if p.entry.score == score}, key=order.index))
        message = (
            f"{len(tied)}个{policy.noun}得分同为{_points(score)}分，按排名分布落在「{grades[0].value}」"
            f"与「{grades[-1].value}」两个等级，不同等级的得分应有区分"
        )
        values = {
            "score": _points(score),
            "tied": str(len(tied)),
            "grades": "/".join(g.value for g in grades),
        }
        issues.append(DistributionIssue(IssueKind.boundary_tie, message, grades, score, tied, values))
    return issues


def _grade_ties(placements: Sequence[Placement], policy: DistributionPolicy) -> list[DistributionIssue]:
    """Find scores shared by more points of one grade than allowed (rule (3), ≤ 10 % identical)."""
    issues: list[DistributionIssue] = []
    for grade, _ in policy.shares:
        members = [p.entry for p in placements if p.grade is grade]
        limit = tie_limit(len(members), policy)
        for score, times in sorted(Counter(e.score for e in members).items(), reverse=True):
            if times <= limit:
                continue
            message = (
                f"「{grade.value}」等级{len(members)}个{policy.noun}中有{times}个得分同为{_points(score)}分，"
                f"同分{policy.noun}最多{limit}个（该等级{policy.noun}数的10%）"
            )
            tied = tuple(entry for entry in members if entry.score == score)
            values = {"grade": grade.value, "score": _points(score), "tied": str(times), "limit": str(limit)}
            issues.append(DistributionIssue(IssueKind.too_many_ties, message, (grade,), score, tied, values))
    return issues


def _points(value: Decimal) -> str:
    """Format a score for a message without exponent notation or trailing zeros."""
    return format(value.normalize(), "f")
