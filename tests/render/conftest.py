"""Fixtures for the render tests: example projects built in code and scored by `jixiao.scoring`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

# Test modules here import their helpers from render_samples (pytest runs with --import-mode=importlib).
sys.path.insert(0, str(Path(__file__).parent))

from render_samples import sichuan_project, ziyang_project

from jixiao.scoring import score_project

if TYPE_CHECKING:
    from jixiao.model import Project, ScoredEvaluation

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="session")
def sichuan() -> tuple[Project, ScoredEvaluation]:
    project = sichuan_project()
    return project, score_project(project)[0]


@pytest.fixture(scope="session")
def ziyang() -> tuple[Project, ScoredEvaluation]:
    project = ziyang_project()
    return project, score_project(project)[0]


@pytest.fixture(scope="session")
def examples_dir() -> Path:
    return EXAMPLES
