"""What a batch run produced per file and overall (values only; built from tasks or the cache)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from jixiao.batch.manifest import EntryStatus, ManifestEntry
from jixiao.batch.store import finding_from_dict
from jixiao.batch.summary import SummaryRow

if TYPE_CHECKING:
    from jixiao.batch.manifest import FileStat, Manifest
    from jixiao.batch.store import BatchStore
    from jixiao.batch.task import TaskOutcome
    from jixiao.model import Finding


class OutcomeKind(StrEnum):
    """How a file fared in this run."""

    processed = "processed"  # imported, scored and checked now
    unchanged = "unchanged"  # skipped: same content as last time, cached result reused
    failed = "failed"  # could not be processed (now or, unchanged, last time)


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """One input file's result in this run."""

    path: str
    region: str
    kind: OutcomeKind
    error: str = ""  # why it failed (Chinese)
    rows: tuple[SummaryRow, ...] = ()
    findings: tuple[Finding, ...] = ()
    problems: tuple[str, ...] = ()  # non-fatal errors (a project that could not be scored …)
    seconds: float = 0.0

    @classmethod
    def from_task(cls, stat: FileStat, result: TaskOutcome) -> tuple[FileOutcome, ManifestEntry | None]:
        """Turn a worker's outcome into a file outcome and the manifest entry to record."""
        if result.same or (not result.error and not result.record):
            error = "缓存结果缺失，请使用 --retry-failed 重新处理"
            return cls(stat.path, stat.region, OutcomeKind.failed, error=error), None
        status = EntryStatus.failed if result.error else EntryStatus.ok
        entry: ManifestEntry | None = ManifestEntry(
            path=stat.path,
            size=stat.size,
            mtime_ns=stat.mtime_ns,
            sha256=result.sha256,
            status=status,
            result=result.result,
            error=result.error,
            projects=result.projects,
            seconds=round(result.seconds, 3),
        )
        if not result.sha256:
            entry = None  # unreadable: nothing to remember, try again next run
        outcome = _from_record(stat.path, stat.region, result.record, result.error, result.seconds)
        return outcome, entry


def outcome_from_record(stat: FileStat, entry: ManifestEntry, store: BatchStore) -> FileOutcome | None:
    """Rebuild an unchanged file's outcome from the cache; None when the cached result is gone."""
    if entry.status is EntryStatus.failed and not entry.result:
        return FileOutcome(stat.path, stat.region, OutcomeKind.failed, error=entry.error)
    record = store.read_result(entry.result)
    if record is None:
        return None
    outcome = _from_record(stat.path, stat.region, record, entry.error, 0.0)
    return replace(outcome, kind=OutcomeKind.failed if entry.error else OutcomeKind.unchanged)


def _from_record(path: str, region: str, record: dict[str, Any], error: str, seconds: float) -> FileOutcome:
    rows = tuple(replace(SummaryRow.from_dict(row), region=region) for row in record.get("rows", []))
    findings = tuple(finding_from_dict(item) for item in record.get("findings", []))
    kind = OutcomeKind.failed if error else OutcomeKind.processed
    problems = tuple(str(problem) for problem in record.get("errors", []))
    return FileOutcome(path, region, kind, error, rows, findings, problems, seconds)


@dataclass(frozen=True, slots=True)
class RunResult:
    """Every file's outcome, the wall time and the saved manifest."""

    outcomes: list[FileOutcome]
    elapsed: float
    manifest: Manifest
    total: int

    @property
    def rows(self) -> list[SummaryRow]:
        """All summary rows, in input order of their files."""
        return [row for outcome in self.outcomes for row in outcome.rows]

    @property
    def path_rows(self) -> list[tuple[str, SummaryRow]]:
        """All summary rows with the path of the file they came from."""
        return [(outcome.path, row) for outcome in self.outcomes for row in outcome.rows]

    @property
    def findings(self) -> list[tuple[str, Finding]]:
        """All findings with the path of the file they came from."""
        return [(outcome.path, finding) for outcome in self.outcomes for finding in outcome.findings]

    @property
    def failed(self) -> list[FileOutcome]:
        """Files that could not be processed."""
        return [outcome for outcome in self.outcomes if outcome.kind is OutcomeKind.failed]

    def count(self, kind: OutcomeKind) -> int:
        """How many files ended as `kind`."""
        return sum(1 for outcome in self.outcomes if outcome.kind is kind)
