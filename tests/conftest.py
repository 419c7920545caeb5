"""Shared test options and fixtures: paths to ../shared, golden-file flags, database choice."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    """Golden files: --update-golden rewrites them, --golden-clean deletes orphans."""
    parser.addoption("--update-golden", action="store_true", help="rewrite golden files from current output")
    parser.addoption("--golden-clean", action="store_true", help="delete golden files with no input")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the checkout (seeds, fixtures, spec)."""
    if not SHARED.is_dir():
        pytest.fail(f"../shared not found at {SHARED}: the tests need the shared seeds and fixtures")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    """../shared/seeds: real documents as text dumps."""
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def fixtures_dir(shared_dir: Path) -> Path:
    """../shared/fixtures: the same documents as .docx and .xlsx."""
    return shared_dir / "fixtures"


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    """True when golden files should be rewritten."""
    return bool(request.config.getoption("--update-golden"))
