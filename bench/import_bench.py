"""Import benchmark: files per second for the .docx and .xlsx fixtures (issue 3, item 6).

Compares, in one run and on the same bytes held in memory:

- floor: a bare lxml parse of word/document.xml (zip open + member read + etree.fromstring);
- ours: jixiao.read.docx.read_docx (grid, merges, paragraphs, tracked changes, nested tables), with the
  compiled body scanner when it is built, and again with the pure-Python scanner for comparison;
- python-docx: Document() then, for every table, `row.cells` text, plus paragraph text
  (what most people would write);
- xlsx: calamine bare (open + to_python of every sheet) against jixiao.read.sheet.read_sheet;
- with --recognize: ours followed by jixiao.recognize.recognize_document (when that package exists).

Each approach runs `--rounds` times over all files, interleaved with the others so that machine noise
hits them alike; the median round is reported. `--clock cpu` times rounds in process CPU time instead
of wall time: on a shared machine other jobs then slow every case alike instead of inflating whichever
round they land on. python-docx runs in its own rounds after the others: it is the only case that
leaves garbage in reference cycles (its lxml trees), and interleaved, freeing that garbage was billed
to whichever case next triggered the collector — our readers, which allocate Python objects, never
the bare parse. Usage:

    .venv/bin/python bench/import_bench.py [--rounds 20] [--clock wall|cpu] [--recognize] [--fixtures DIR]
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import statistics
import time
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import docx
import python_calamine
from lxml import etree

from jixiao.read import _docx_scan_py
from jixiao.read import docx as docx_reader
from jixiao.read.docx import read_docx
from jixiao.read.docx_tree import BODY
from jixiao.read.limits import DEFAULT_LIMITS, open_zip, parse_xml, read_member
from jixiao.read.sheet import read_sheet

if TYPE_CHECKING:
    from collections.abc import Callable

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FIXTURES = ROOT.parent / "shared" / "fixtures"

Files = list[tuple[str, bytes]]


def lxml_floor(_name: str, data: bytes) -> object:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return etree.fromstring(archive.read("word/document.xml"))


def ours_docx(name: str, data: bytes) -> object:
    return read_docx(name, data)


def ours_docx_python_scanner(name: str, data: bytes) -> object:
    active = docx_reader._scan  # noqa: SLF001
    docx_reader._scan = docx_reader.SCANNERS["python"]  # noqa: SLF001
    try:
        return read_docx(name, data)
    finally:
        docx_reader._scan = active  # noqa: SLF001


def python_docx(_name: str, data: bytes) -> object:
    document = docx.Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.extend(cell.text for cell in row.cells)
    return texts


def calamine_bare(_name: str, data: bytes) -> object:
    workbook = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return [workbook.get_sheet_by_name(sheet).to_python() for sheet in workbook.sheet_names]


def ours_sheet(name: str, data: bytes) -> object:
    return read_sheet(name, data)


def ours_docx_recognize(name: str, data: bytes) -> object:
    from jixiao.recognize import recognize_document  # noqa: PLC0415  (optional stage)

    return recognize_document(read_docx(name, data))


def ours_sheet_recognize(name: str, data: bytes) -> object:
    from jixiao.recognize import recognize_document  # noqa: PLC0415  (optional stage)

    return recognize_document(read_sheet(name, data))


def load(folder: Path, suffix: str) -> Files:
    return [(path.name, path.read_bytes()) for path in sorted(folder.glob(f"*{suffix}"))]


def measure(
    cases: dict[str, tuple[Callable[[str, bytes], object], Files]],
    rounds: int,
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, float]:
    """Return files per second (median round) for each named case, rounds interleaved."""
    timings: dict[str, list[float]] = {label: [] for label in cases}
    for function, files in cases.values():  # warm-up: imports, caches
        for name, data in files:
            function(name, data)
    for _ in range(rounds):
        for label, (function, files) in cases.items():
            start = clock()
            for name, data in files:
                function(name, data)
            timings[label].append(clock() - start)
    return {label: len(cases[label][1]) / statistics.median(times) for label, times in timings.items()}


def breakdown(files: Files, rounds: int, clock: Callable[[], float]) -> None:
    """Print where a .docx import spends its time, stage by stage (ms per file, median round)."""
    parts = [(name, zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")) for name, data in files]
    bodies = [(name, next(etree.fromstring(xml).iterchildren(BODY))) for name, xml in parts]
    tags = _docx_scan_py._FIRST_PASS_TAGS  # noqa: SLF001

    def zip_floor(_name: str, data: bytes) -> object:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return archive.read("word/document.xml")

    def zip_ours(name: str, data: bytes) -> object:
        return read_member(
            name, open_zip(name, data, DEFAULT_LIMITS), "word/document.xml", DEFAULT_LIMITS, data=data
        )

    def scanner(kind: str) -> Callable[[str, etree._Element], object]:
        return lambda _name, body: docx_reader.SCANNERS[kind](body, {}, first_pass=True)

    def iterate(_name: str, body: etree._Element) -> object:
        return [node.tag for node in body.iter(*tags)]

    stages: dict[str, tuple[Callable[[str, Any], object], list[tuple[str, Any]]]] = {
        "floor: zip open + read": (zip_floor, files),
        "floor: etree.fromstring": (lambda _name, xml: etree.fromstring(xml), parts),
        "ours: zip checks + capped inflate": (zip_ours, files),
        "ours: DOCTYPE check + safe parse": (parse_xml, parts),
        **{f"ours: scan + grid + blocks, {kind}": (scanner(kind), bodies) for kind in docx_reader.SCANNERS},
        "  (python: iter() + .tag alone)": (iterate, bodies),
    }
    rates = measure(stages, rounds, clock)  # type: ignore[arg-type]
    print(f"{'stage (.docx fixtures)':36} {'ms/file':>8}")
    for label, rate in rates.items():
        print(f"{label:36} {1000 / rate:8.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--fixtures", type=Path, default=DEFAULT_FIXTURES)
    parser.add_argument("--clock", choices=("wall", "cpu"), default="wall", help="wall or process CPU time")
    parser.add_argument("--recognize", action="store_true", help="also time reading + recognizing")
    parser.add_argument("--breakdown", action="store_true", help="time the .docx import stage by stage")
    arguments = parser.parse_args()
    docx_files, xlsx_files = load(arguments.fixtures, ".docx"), load(arguments.fixtures, ".xlsx")
    clock = time.process_time if arguments.clock == "cpu" else time.perf_counter
    if arguments.breakdown:
        breakdown(docx_files, arguments.rounds, clock)
        return
    cases: dict[str, tuple[Callable[[str, bytes], object], Files]] = {
        "docx: lxml parse (floor)": (lxml_floor, docx_files),
        "docx: jixiao read_docx": (ours_docx, docx_files),
        "docx: read_docx, Python scanner": (ours_docx_python_scanner, docx_files),
        "xlsx: calamine bare": (calamine_bare, xlsx_files),
        "xlsx: jixiao read_sheet": (ours_sheet, xlsx_files),
    }
    if arguments.recognize:
        if importlib.util.find_spec("jixiao.recognize") is None:
            parser.error("jixiao.recognize is not available")
        cases["docx: read_docx + recognize"] = (ours_docx_recognize, docx_files)
        cases["xlsx: read_sheet + recognize"] = (ours_sheet_recognize, xlsx_files)
    if docx_reader.SCANNER == "python":  # not compiled here: the line above is that scanner already
        del cases["docx: read_docx, Python scanner"]
    cases = {label: case for label, case in cases.items() if case[1]}  # e.g. a folder of .docx only
    rates = measure(cases, arguments.rounds, clock)
    if docx_files:  # after the others: see the module docstring
        python_docx_case = {"docx: python-docx row.cells": (python_docx, docx_files)}
        rates |= measure(python_docx_case, arguments.rounds, clock)
    print(
        f"{len(docx_files)} .docx and {len(xlsx_files)} .xlsx fixtures, {arguments.rounds} rounds, median,"
        f" {arguments.clock} time"
    )
    print(f"body scanner of read_docx: {docx_reader.SCANNER}")
    print(f"{'case':34} {'files/s':>9} {'ms/file':>8}")
    for label, rate in rates.items():
        print(f"{label:34} {rate:9.0f} {1000 / rate:8.2f}")
    if docx_files:
        keys = ("lxml parse (floor)", "jixiao read_docx", "python-docx row.cells")
        floor, ours, python = (rates[f"docx: {key}"] for key in keys)
        print(f"ours/floor time ratio: {floor / ours:.2f}x  (goal <= 1.5x)")
        if "docx: read_docx, Python scanner" in rates:
            print(f"  with the Python scanner: {floor / rates['docx: read_docx, Python scanner']:.2f}x")
        print(f"python-docx/ours time ratio: {ours / python:.1f}x")
    if xlsx_files:
        sheet_ratio = rates["xlsx: calamine bare"] / rates["xlsx: jixiao read_sheet"]
        print(f"xlsx ours/calamine-bare time ratio: {sheet_ratio:.2f}x")


if __name__ == "__main__":
    main()
