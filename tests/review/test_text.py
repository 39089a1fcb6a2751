"""No matricule in clear in free text (pure)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from insvigil.review.text import MATRICULE_IN_TEXT, clean_text, mask_matricules


@pytest.mark.parametrize(
    "written",
    [
        "283052A00412307",
        "2 83 05 2A 004 123 07",
        "2.83.05.2A.004.123.07",
        "2830520041230 07",
        "1 84 12 75 115 042 96",
    ],
)
def test_matricules_are_masked_however_written(written: str) -> None:
    text = f"Appel du {written}, à vérifier"
    masked = mask_matricules(text)
    assert written not in masked and masked.startswith("Appel du ") and "*" in masked


@pytest.mark.parametrize(
    "kept", ["750000001", "A-0001", "2026-11-01", "06 12 34 56 78", "FINESS 750000001 / 12"]
)
def test_other_numbers_are_kept(kept: str) -> None:
    assert mask_matricules(kept) == kept


@given(st.text(max_size=300))
def test_clean_text_never_leaves_a_matricule(text: str) -> None:
    cleaned = clean_text(text)
    assert cleaned is None or not MATRICULE_IN_TEXT.search(cleaned)
