"""The batch manifest: what each input file looked like when it was last processed (pure).

A second run skips unchanged files. A file is unchanged when its size and modification time match the
manifest; when only those differ, its content hash decides (a copied or touched file is not re-read
twice). A changed pipeline fingerprint (jixiao version, scheme files) invalidates every entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Sequence

MANIFEST_FORMAT = 1


class EntryStatus(StrEnum):
    """How the last run ended for a file."""

    ok = "ok"  # imported, scored and checked (findings may still exist)
    failed = "failed"  # could not be read or processed; `error` says why


@dataclass(frozen=True, slots=True)
class FileStat:
    """An input file as found on disk: resolved path, size in bytes, mtime in nanoseconds."""

    path: str
    size: int
    mtime_ns: int
    region: str = ""


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """The last processing of one file."""

    path: str
    size: int
    mtime_ns: int
    sha256: str
    status: EntryStatus
    result: str = ""  # name of the cached result file in the batch's cache folder
    error: str = ""
    projects: int = 0
    seconds: float = 0.0  # wall time of the last processing, for reports only

    def matches(self, stat: FileStat) -> bool:
        """True when size and mtime are as recorded (the cheap unchanged test)."""
        return self.size == stat.size and self.mtime_ns == stat.mtime_ns


ENTRY_FIELDS = tuple(item.name for item in fields(ManifestEntry))


@dataclass(frozen=True, slots=True)
class Manifest:
    """Every file the batch has seen, keyed by path, under one pipeline fingerprint."""

    fingerprint: str = ""
    entries: dict[str, ManifestEntry] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Return the JSON form (field by field: `asdict` deep-copies and is 10x slower here)."""
        entries = [
            {name: getattr(entry, name) for name in ENTRY_FIELDS} for _, entry in sorted(self.entries.items())
        ]
        return {"format": MANIFEST_FORMAT, "fingerprint": self.fingerprint, "entries": entries}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Manifest:
        """Read the JSON form; an unknown format gives an empty manifest (everything is redone)."""
        if data.get("format") != MANIFEST_FORMAT:
            return cls()
        entries = {}
        for item in data.get("entries", []):
            entry = ManifestEntry(**{**item, "status": EntryStatus(item["status"])})
            entries[entry.path] = entry
        return cls(fingerprint=str(data.get("fingerprint", "")), entries=entries)

    def with_entries(self, entries: Sequence[ManifestEntry]) -> Manifest:
        """Return a copy with these entries added or replaced."""
        merged = dict(self.entries)
        merged.update((entry.path, entry) for entry in entries)
        return replace(self, entries=merged)


@dataclass(frozen=True, slots=True)
class Plan:
    """What a run must do with each input file."""

    unchanged: tuple[tuple[FileStat, ManifestEntry], ...] = ()  # skip; reuse the cached result
    check_hash: tuple[tuple[FileStat, ManifestEntry], ...] = ()  # stat changed: hash decides
    new: tuple[FileStat, ...] = ()  # never processed (or the pipeline changed)
    gone: tuple[str, ...] = ()  # in the manifest but not among the inputs (kept, not reported)

    @property
    def total(self) -> int:
        """How many input files the run covers."""
        return len(self.unchanged) + len(self.check_hash) + len(self.new)


def plan_run(
    stats: Sequence[FileStat],
    manifest: Manifest,
    fingerprint: str,
    *,
    retry_failed: bool = False,
) -> Plan:
    """Split the inputs into unchanged, possibly changed and new files.

    With a different fingerprint every file is new. Failed files count as unchanged unless
    `retry_failed` (their error is reported again from the manifest).
    """
    entries = manifest.entries if manifest.fingerprint == fingerprint else {}
    unchanged: list[tuple[FileStat, ManifestEntry]] = []
    check_hash: list[tuple[FileStat, ManifestEntry]] = []
    new: list[FileStat] = []
    for stat in stats:
        entry = entries.get(stat.path)
        if entry is None or (retry_failed and entry.status is EntryStatus.failed):
            new.append(stat)
        elif entry.matches(stat):
            unchanged.append((stat, entry))
        else:
            check_hash.append((stat, entry))
    seen = {stat.path for stat in stats}
    gone = tuple(sorted(path for path in entries if path not in seen))
    return Plan(tuple(unchanged), tuple(check_hash), tuple(new), gone)


def refresh_entry(entry: ManifestEntry, stat: FileStat) -> ManifestEntry:
    """Return the entry with a new size and mtime (the content hash was found unchanged)."""
    return replace(entry, size=stat.size, mtime_ns=stat.mtime_ns)
