"""Planning a run against the manifest (pure): what is skipped, hashed, redone."""

from __future__ import annotations

from jixiao.batch.manifest import EntryStatus, FileStat, Manifest, ManifestEntry, plan_run


def entry(path: str, size: int = 10, mtime: int = 1, status: EntryStatus = EntryStatus.ok) -> ManifestEntry:
    return ManifestEntry(path=path, size=size, mtime_ns=mtime, sha256="ab", status=status, result="r.json")


MANIFEST = Manifest(
    fingerprint="v1",
    entries={
        "/a": entry("/a"),
        "/b": entry("/b"),
        "/bad": entry("/bad", status=EntryStatus.failed),
        "/old": entry("/old"),
    },
)
STATS = [FileStat("/a", 10, 1), FileStat("/b", 10, 2), FileStat("/bad", 10, 1), FileStat("/new", 5, 1)]


def test_same_size_and_mtime_is_unchanged_otherwise_the_hash_decides():
    plan = plan_run(STATS, MANIFEST, "v1")
    assert [stat.path for stat, _ in plan.unchanged] == ["/a", "/bad"]
    assert [stat.path for stat, _ in plan.check_hash] == ["/b"]
    assert [stat.path for stat in plan.new] == ["/new"]
    assert plan.gone == ("/old",)
    assert plan.total == 4


def test_failed_files_are_redone_only_when_asked():
    plan = plan_run(STATS, MANIFEST, "v1", retry_failed=True)
    assert [stat.path for stat in plan.new] == ["/bad", "/new"]


def test_a_new_pipeline_fingerprint_redoes_everything():
    plan = plan_run(STATS, MANIFEST, "v2")
    assert [stat.path for stat in plan.new] == ["/a", "/b", "/bad", "/new"]
    assert plan.unchanged == plan.check_hash == ()


def test_manifest_round_trips_through_json_and_ignores_unknown_formats():
    assert Manifest.from_json(MANIFEST.to_json()) == MANIFEST
    assert Manifest.from_json({"format": 99, "entries": []}) == Manifest()
