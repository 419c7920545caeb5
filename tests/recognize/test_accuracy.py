"""Import accuracy against hand-checked expectations, per format (txt, docx, xlsx)."""

from __future__ import annotations

import pytest
from tests.recognize.accuracy import EXPECTED, SHARED, accuracy

STEMS = sorted(p.stem for p in EXPECTED.glob("*.json"))


@pytest.mark.parametrize("suffix", [".txt", ".docx", ".xlsx"])
@pytest.mark.parametrize("stem", STEMS)
def test_every_hand_checked_field_is_imported(stem: str, suffix: str) -> None:
    folder = "seeds" if suffix == ".txt" else "fixtures"
    if not (SHARED / folder / f"{stem}{suffix}").exists():
        pytest.skip(f"no {suffix} of {stem}")
    right, total = accuracy(stem, suffix)
    assert total > 0
    assert right == total, f"{stem}{suffix}: {right}/{total} fields right"
