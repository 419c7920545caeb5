"""The forced grade distribution (rules.md §B7, §G26, §K): rank-based 20/20/55/5 %, one implementation.

The 点位 table of a Sichuan special-project report lists the end recipients of the project's money with
their self-evaluation scores. Ranked from high to low they must fall into 优/良/中/差 by count shares
20 % / 20 % / 55 % / 5 %, scores must differ between grades, and identical scores may make up at most
10 % of a grade. The provincial notice was not found; the rule is reconstructed from seed 000 [S].

Edge cases follow rules.md §K: quota = half-up(n × share), the remainder goes to 中; at most
max(1, ⌊10 % × count⌋) points of a grade may share one score; n = 1 skips the rule with an info note.

Used by rule G26 (`jixiao.checks.batch`, a project's 点位 table), by the rankings of `jixiao.batch`
(projects within a department or region) and, through `jixiao.api`, by the web dashboards. Imports
`jixiao.model` only, so checks and batch may both use it. All functions are pure.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from enum import StrEnum
from itertools import groupby
from typing import TYPE_CHECKING

from jixiao.model import Grade, Location

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from jixiao.model import AllocationPoint, Project, Report

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
    """The outcome: quotas per grade, each entry's place, and every issue found.

    `shared_grades` gives each score the grade of its best place: equal scores share a rank, so they
    share that grade too (what a ranking shows); a boundary_tie issue says the quota could not be kept.
    """

    count: int
    applicable: bool
    quotas: dict[Grade, int]
    placements: tuple[Placement, ...] = ()
    issues: tuple[DistributionIssue, ...] = ()
    shared_grades: dict[Decimal, Grade] = field(default_factory=dict)

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
        return _not_applicable(count, quotas, tuple(entries), policy)
    ordered = sorted(entries, key=lambda entry: entry.score, reverse=True)
    ranks = shared_ranks([entry.score for entry in ordered])
    segments = _segments(count, quotas, policy)
    grades = [grade for grade, start, end in segments for _ in range(start, end)]
    placements = tuple(Placement(e, r, g) for e, r, g in zip(ordered, ranks, grades, strict=True))
    groups = [(score, tuple(group)) for score, group in groupby(ordered, key=lambda entry: entry.score)]
    runs = _runs([(score, len(group), group) for score, group in groups], segments)
    return _outcome(count, quotas, runs, placements, policy)


def distribute_counts(
    counts: Iterable[tuple[Decimal, int]], policy: DistributionPolicy = DEFAULT_POLICY
) -> Distribution:
    """`distribute` from (score, how many entries hold it) pairs, for groups counted in a database.

    Same quotas, shared grades and issue messages as `distribute` over as many entries; there are no
    placements and the issues name no entries.
    """
    merged: Counter[Decimal] = Counter()
    for score, times in counts:
        merged[score] += times
    ordered = sorted(((score, times) for score, times in merged.items() if times > 0), reverse=True)
    count = sum(times for _, times in ordered)
    quotas = grade_quotas(count, policy)
    if count <= 1:
        return _not_applicable(count, quotas, (), policy)
    runs = _runs([(score, times, ()) for score, times in ordered], _segments(count, quotas, policy))
    return _outcome(count, quotas, runs, (), policy)


@dataclass(frozen=True, slots=True)
class _Run:
    """One score in rank order: how many entries hold it and how many of their places each grade gets."""

    score: Decimal
    count: int
    entries: tuple[ScoredEntry, ...]  # empty when distributing counts
    parts: tuple[tuple[Grade, int], ...]  # (grade, places), best grade first

    def entries_in(self, grade: Grade) -> tuple[ScoredEntry, ...]:
        """The run's entries placed in `grade` (none when distributing counts)."""
        offset = 0
        for part, size in self.parts:
            if part is grade:
                return self.entries[offset : offset + size]
            offset += size
        return ()


def _segments(
    count: int, quotas: dict[Grade, int], policy: DistributionPolicy
) -> list[tuple[Grade, int, int]]:
    """Each grade's places [start, end) in rank order.

    Custom shares may round up past n; the lowest grades then lose the surplus places.
    """
    segments: list[tuple[Grade, int, int]] = []
    start = 0
    for grade, _ in policy.shares:
        end = min(count, start + quotas[grade])
        segments.append((grade, start, end))
        start = end
    return segments


def _runs(
    groups: Sequence[tuple[Decimal, int, tuple[ScoredEntry, ...]]], segments: Sequence[tuple[Grade, int, int]]
) -> list[_Run]:
    """Cut the places of each score (high to low) by the grades' segments."""
    runs: list[_Run] = []
    first = 0
    for score, times, entries in groups:
        last = first + times
        parts = tuple(
            (grade, min(end, last) - max(start, first))
            for grade, start, end in segments
            if min(end, last) > max(start, first)
        )
        runs.append(_Run(score, times, entries, parts))
        first = last
    return runs


def _not_applicable(
    count: int, quotas: dict[Grade, int], entries: tuple[ScoredEntry, ...], policy: DistributionPolicy
) -> Distribution:
    """N ≤ 1: the rule does not apply (rules.md §B7: an info note, not an error)."""
    text = f"只有{count}个{policy.noun}" if count else f"没有可读取得分的{policy.noun}"
    note = DistributionIssue(
        IssueKind.single_point,
        f"{text}，不适用20%/20%/55%/5%等级分布规则",
        entries=entries,
        values={"count": str(count)},
    )
    return Distribution(count=count, applicable=False, quotas=quotas, issues=(note,))


def _outcome(
    count: int,
    quotas: dict[Grade, int],
    runs: Sequence[_Run],
    placements: tuple[Placement, ...],
    policy: DistributionPolicy,
) -> Distribution:
    ordered = tuple(placement.entry for placement in placements)
    issues = [*_quota_notes(count, quotas, ordered, policy), *_boundary_ties(runs, policy)]
    issues += _grade_ties(runs, policy)
    shared = {run.score: run.parts[0][0] for run in runs if run.parts}
    return Distribution(
        count,
        applicable=True,
        quotas=quotas,
        placements=placements,
        issues=tuple(issues),
        shared_grades=shared,
    )


def _quota_notes(
    count: int, quotas: dict[Grade, int], ordered: tuple[ScoredEntry, ...], policy: DistributionPolicy
) -> list[DistributionIssue]:
    """Note grades that get no place although their share is positive (n too small); names every entry."""
    empty = tuple(grade for grade, share in policy.shares if share > 0 and quotas[grade] == 0)
    if not empty:
        return []
    names = "、".join(grade.value for grade in empty)
    plan = " ".join(f"{grade.value}{quotas[grade]}" for grade, _ in policy.shares)
    message = f"{policy.noun}数{count}个过少，无法满足等级比例：{names}名额为0（按四舍五入分配：{plan}）"
    return [DistributionIssue(IssueKind.quota_zero, message, empty, entries=ordered, values={"quotas": plan})]


def _boundary_ties(runs: Sequence[_Run], policy: DistributionPolicy) -> list[DistributionIssue]:
    """Find equal scores on both sides of a grade boundary (rule (2): scores differ between grades).

    One issue per tied score, naming every grade it spans and every entry holding it: the points to
    tell apart are the same whether the score crosses one boundary or two (100 in 优, 良 and 中).
    """
    issues: list[DistributionIssue] = []
    for run in runs:
        if len(run.parts) < 2:
            continue
        grades = tuple(grade for grade, _ in run.parts)
        message = (
            f"{run.count}个{policy.noun}得分同为{_points(run.score)}分，按排名分布落在{_grade_list(grades)}，"
            "不同等级的得分应有区分"
        )
        values = {
            "score": _points(run.score),
            "tied": str(run.count),
            "grades": "/".join(grade.value for grade in grades),
        }
        issues.append(
            DistributionIssue(IssueKind.boundary_tie, message, grades, run.score, run.entries, values)
        )
    return issues


def _grade_ties(runs: Sequence[_Run], policy: DistributionPolicy) -> list[DistributionIssue]:
    """Find scores shared by more points of one grade than allowed (rule (3), ≤ 10 % identical)."""
    issues: list[DistributionIssue] = []
    for grade, _ in policy.shares:
        held = [(run, size) for run in runs for part, size in run.parts if part is grade]
        members = sum(size for _, size in held)
        limit = tie_limit(members, policy)
        for run, times in held:
            if times <= limit:
                continue
            message = (
                f"「{grade.value}」等级{members}个{policy.noun}中有{times}个得分同为{_points(run.score)}分，"
                f"同分{policy.noun}最多{limit}个（该等级{policy.noun}数的10%）"
            )
            values = {
                "grade": grade.value,
                "score": _points(run.score),
                "tied": str(times),
                "limit": str(limit),
            }
            tied = run.entries_in(grade)
            issues.append(
                DistributionIssue(IssueKind.too_many_ties, message, (grade,), run.score, tied, values)
            )
    return issues


def _grade_list(grades: Sequence[Grade]) -> str:
    """「优」与「良」两个等级, 「优」「良」「中」三个等级."""
    names = [f"「{grade.value}」" for grade in grades]
    joined = "与".join(names) if len(names) == 2 else "".join(names)
    return f"{joined}{_COUNT_WORDS.get(len(names), str(len(names)))}个等级"


_COUNT_WORDS = {2: "两", 3: "三", 4: "四"}


def _points(value: Decimal) -> str:
    """Format a score for a message without exponent notation or trailing zeros."""
    return format(value.normalize(), "f")


# --- a project's 点位 table (rule G26; the dashboards' 点位 column) ----------------------------------


@dataclass(frozen=True, slots=True)
class UnreadablePoint:
    """A 点位 whose score could not be read: it takes no part in the distribution."""

    name: str
    raw: str
    location: Location


def allocation_entries(report: Report) -> tuple[list[ScoredEntry], list[UnreadablePoint]]:
    """Return the scored 点位 of a report, and those whose score could not be read.

    Each location is the reader's (file, table, row, column) named by the model path of the score.
    """
    entries: list[ScoredEntry] = []
    unreadable: list[UnreadablePoint] = []
    for index, point in enumerate(report.allocation_points):
        name = point.name.value or point.name.raw or f"第{index + 1}个点位"
        location = _score_location(point, index)
        if point.score.value is None:
            unreadable.append(UnreadablePoint(name, point.score.raw, location))
        else:
            entries.append(ScoredEntry(name=name, score=point.score.value, location=location))
    return entries, unreadable


def allocation_distribution(
    project: Project, policy: DistributionPolicy = DEFAULT_POLICY
) -> Distribution | None:
    """Return the forced distribution of a project's 点位, or None when its report has no 点位 table."""
    if project.report is None or not project.report.allocation_points:
        return None
    entries, _ = allocation_entries(project.report)
    return distribute(entries, policy)


def _score_location(point: AllocationPoint, index: int) -> Location:
    field = f"report.allocation_points[{index}].score"
    if point.score.location is None:
        return Location(field=field, quote=point.score.raw or None)
    return point.score.location.with_field(field)
