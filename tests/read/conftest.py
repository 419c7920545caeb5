"""Fixtures of the reader tests: run a test under each .docx body scanner."""

from __future__ import annotations

import pytest

from jixiao.read import docx


@pytest.fixture(params=sorted(docx.SCANNERS))
def docx_scanner(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """`read_docx` scans with the compiled scanner, then (a second run) with the pure-Python one."""
    name: str = request.param
    monkeypatch.setattr(docx, "_scan", docx.SCANNERS[name])
    return name
