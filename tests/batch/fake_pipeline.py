"""A stand-in pipeline for runner tests: each .txt file holds `name|department|total` lines.

Special file contents: `raise` raises, `crash` kills the worker process, `sleep` sleeps 30 s.
"""

from __future__ import annotations

import os
import time
from decimal import Decimal
from pathlib import Path  # noqa: TC003

from jixiao.batch.pipeline import FileAnalysis
from jixiao.model import Finding, Grade, Location, Project, ScoredEvaluation, Severity

GRADES = ((Decimal(90), Grade.excellent), (Decimal(80), Grade.good), (Decimal(60), Grade.fair))


def analyze(path: Path) -> FileAnalysis:
    text = path.read_text(encoding="utf-8").strip()
    if text == "raise":
        message = "坏文件"
        raise ValueError(message)
    if text == "crash":
        os._exit(3)
    if text == "sleep":
        time.sleep(30)
    projects, evaluations, findings = [], [], []
    for line in text.splitlines():
        name, department, total = line.split("|")
        projects.append(Project(name=name, department=department))
        score = Decimal(total)
        grade = next((g for floor, g in GRADES if score >= floor), Grade.poor)
        evaluations.append(
            ScoredEvaluation(
                project=name, scheme="fake", items=(), raw_total=score, applicable_max=Decimal(100),
                total=score, grade=grade,
            )
        )  # fmt: skip
        if score < 60:
            location = Location(file=path.name, paragraph=1, quote=line)
            findings.append(Finding("G14", Severity.error, name, "得分过低", locations=(location,)))
    return FileAnalysis(projects, evaluations, findings, [])
