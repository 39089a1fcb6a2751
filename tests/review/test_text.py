"""No matricule in clear in free text stored by the review (pure); the masking itself is tested
in tests/identifiers/test_matricule_text.py."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from insvigil.identifiers.matricule import compact
from insvigil.review.text import clean_text, mask_matricules

NIR = "283052A00412307"  # synthetic, valid key


@pytest.mark.parametrize(
    "written",
    ["283052A00412307", "2 83 05 2A 004 123 07", "2.83.05.2A.004.123.07", "283052A004123 07"],
)
def test_matricules_are_masked_however_written(written: str) -> None:
    text = f"Appel du {written}, à vérifier"
    masked = mask_matricules(text)
    assert masked == "Appel du 2************07, à vérifier"


@pytest.mark.parametrize(
    "kept", ["750000001", "A-0001", "2026-11-01", "06 12 34 56 78", "FINESS 750000001 / 12"]
)
def test_other_numbers_are_kept(kept: str) -> None:
    assert mask_matricules(kept) == kept


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=120), st.text(max_size=120))
def test_clean_text_never_leaves_a_matricule(before: str, after: str) -> None:
    # Control characters become spaces, runs of spaces one space: the matricule stays a
    # written one, and is masked, whatever surrounds it (but a digit glued to it).
    before = before if not before[-1:].isdigit() else before + " "
    after = after if not after[:1].isdigit() else " " + after
    cleaned = clean_text(f"{before}{NIR}{after}", limit=10_000)
    assert cleaned is not None and NIR not in compact(cleaned)
