"""Pipeline benchmark: generated forms through import + score + check on 2 workers (issue 7, item 3).

Measured in one run, on the same files, with the same number of worker processes:

- baseline: a bare parse of each file (zip open + lxml of word/document.xml, or of every worksheet
  and the shared strings of an .xlsx): the floor any importer pays;
- batch: `jixiao batch` (jixiao.batch.service.process_batch) from an empty output folder: import,
  score, check, cache, summary workbook and findings reports;
- resume: the same batch again (every file unchanged: the manifest skips them).

Reports wall time, files/s, the batch/baseline ratio, peak memory (sum of the RSS of the main process
and its workers, sampled from /proc every 0.2 s; plus the largest single process) and, per injected
mistake (gen_forms.py truth file, all six kinds including the execution rate edited into the saved
file), on how many of its files the expected rule fired, and on how many other files that rule fired
too. Usage:

    .venv/bin/python bench/gen_forms.py --count 10000 --out bench/results/forms
    .venv/bin/python bench/pipeline_bench.py --forms bench/results/forms [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import threading
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from lxml import etree

from jixiao.batch.service import process_batch
from jixiao.batch.task import RunOptions

EXPECTED_RULE = {
    "wrong_total": "G12",
    "score_above_weight": "G07",
    "missing_actual": "G09",
    "over_achievement": "G11",
    "wrong_rate": "G01",
    "weights_not_90": "G04",
}


def bare_parse(path: str) -> int:
    """Parse the XML parts that carry a form's content, and nothing else; return the element count."""
    count = 0
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        parts = ["word/document.xml"] if "word/document.xml" in names else [
            name for name in names if name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml"
        ]  # fmt: skip
        for name in parts:
            count += len(etree.fromstring(archive.read(name)))
    return count


def parse_chunk(paths: list[str]) -> int:
    return sum(bare_parse(path) for path in paths)


def run_baseline(files: list[Path], workers: int) -> float:
    chunks = [[str(path) for path in files[i : i + 100]] for i in range(0, len(files), 100)]
    started = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(parse_chunk, chunks))
    return time.perf_counter() - started


def cpu_seconds() -> float:
    """CPU time of this process and its waited-for children (the baseline pool's workers)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


class RssSampler(threading.Thread):
    """Sample the summed RSS of this process and its descendants from /proc."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_total = 0
        self.cpu_ticks: dict[int, int] = {}  # last seen utime + stime of each descendant
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(0.2):
            total, ticks = tree_usage(os.getpid())
            self.peak_total = max(self.peak_total, total)
            self.cpu_ticks.update(ticks)

    @property
    def cpu_seconds(self) -> float:
        """CPU seconds of the sampled descendants (workers live under the forkserver, not us)."""
        return sum(self.cpu_ticks.values()) / os.sysconf("SC_CLK_TCK")


def tree_usage(root: int) -> tuple[int, dict[int, int]]:
    """Return the summed RSS in bytes of `root` and its descendants, and each descendant's CPU ticks."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    cpu: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
            cpu[int(entry.name)] = int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            continue
    members, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent and pid not in members]
        members.update(children)
        frontier.extend(children)
    descendants = members - {root}
    return sum(rss.get(pid, 0) for pid in members), {pid: cpu[pid] for pid in descendants if pid in cpu}


def detection(out: Path, truth_path: Path) -> tuple[dict[str, list[int]], dict[str, int]]:
    """Count, per injected mistake, the files on which the expected rule fired.

    Returns {mistake: [found, injected]} and {mistake: files without that mistake (clean or with
    another one) on which its rule fired too}.
    """
    if not truth_path.is_file():
        return {}, {}
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    findings = json.loads((out / "findings.json").read_text(encoding="utf-8"))["findings"]
    rules: dict[str, set[str]] = {}
    for finding in findings:
        rules.setdefault(Path(finding["path"]).name, set()).add(finding["rule"])
    table: dict[str, list[int]] = {}
    elsewhere = dict.fromkeys(EXPECTED_RULE, 0)
    for name, mistake in truth.items():
        fired = rules.get(name, set())
        if mistake:
            found, injected = table.setdefault(mistake, [0, 0])
            table[mistake] = [found + (EXPECTED_RULE[mistake] in fired), injected + 1]
        for other, rule in EXPECTED_RULE.items():
            elsewhere[other] += other != mistake and rule in fired
    return table, elsewhere


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--forms", type=Path, default=Path("bench/results/forms"))
    parser.add_argument("--out", type=Path, default=Path("bench/results/pipeline-out"))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    files = sorted(p for p in args.forms.iterdir() if p.suffix in {".docx", ".xlsx"})
    shutil.rmtree(args.out, ignore_errors=True)
    load_before = os.getloadavg()[0]
    cpu = cpu_seconds()
    baseline = run_baseline(files, args.workers)
    baseline_cpu, cpu = cpu_seconds() - cpu, cpu_seconds()
    sampler = RssSampler()
    sampler.start()
    started = time.perf_counter()
    report = process_batch([args.forms], args.out, RunOptions(workers=args.workers))
    batch = time.perf_counter() - started
    batch_cpu = cpu_seconds() - cpu + sampler.cpu_seconds
    sampler.stop.set()
    sampler.join()
    started = time.perf_counter()
    process_batch([args.forms], args.out, RunOptions(workers=args.workers))
    resume = time.perf_counter() - started
    largest = max(
        resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
    )
    detected, elsewhere = detection(args.out, args.forms.parent / f"{args.forms.name}-truth.json")
    result = {
        "files": len(files),
        "workers": args.workers,
        "projects": len(report.result.rows),
        "failed": len(report.result.failed),
        "baseline_seconds": round(baseline, 2),
        "batch_seconds": round(batch, 2),
        "resume_seconds": round(resume, 2),
        "batch_files_per_second": round(len(files) / batch, 1),
        "baseline_files_per_second": round(len(files) / baseline, 1),
        "ratio_batch_to_baseline": round(batch / baseline, 1),
        "baseline_cpu_seconds": round(baseline_cpu, 2),
        "batch_cpu_seconds": round(batch_cpu, 2),
        "ratio_cpu_batch_to_baseline": round(batch_cpu / baseline_cpu, 1),
        "load_average_before_after": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "peak_rss_total_mb": round(sampler.peak_total / 2**20),
        "peak_rss_largest_process_mb": round(largest / 1024),
        "detected_of_injected": detected,
        "expected_rule_on_files_without_the_mistake": elsewhere,
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    for mistake, (found, injected) in detected.items():
        rule = EXPECTED_RULE[mistake]
        print(
            f"{mistake}: found by the expected rule {rule}: {found}/{injected}"
            f" ({rule} also on {elsewhere[mistake]} files without this mistake)"
        )
    (args.out.parent / f"pipeline-{len(files)}.json").write_text(
        json.dumps(result, indent=2), encoding="utf-8"
    )


if __name__ == "__main__":
    main()
