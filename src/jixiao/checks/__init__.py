"""Checks (审核): the rule catalogue that finds what a finance reviewer would, with evidence.

`registry` holds the one code table and the `@rule` decorator; each family module (`budget`,
`indicators`, `achievement`, `design`, `grades`, `sheet`, `completion`, `report`, `figures`, `counts`,
`text`, `batch`) holds
one small function per rule; `runner.check_project` runs them on a project and returns Findings.
Imports `jixiao.model`, `jixiao.distribution` (rule G26) and `jixiao.scoring` lazily (to score a project
it was not given scores for); never `jixiao.batch`, Django or the file system; never prints.
"""

from __future__ import annotations

from jixiao.checks import (  # registration order does not matter: the table fixes the order
    achievement,
    batch,
    budget,
    completion,
    counts,
    design,
    figures,
    grades,
    imports,
    indicators,
    report,
    sheet,
    text,
)
from jixiao.checks.registry import freeze

RULES = freeze()

__all__ = [
    "RULES",
    "achievement",
    "batch",
    "budget",
    "completion",
    "counts",
    "design",
    "figures",
    "grades",
    "imports",
    "indicators",
    "report",
    "sheet",
    "text",
]
