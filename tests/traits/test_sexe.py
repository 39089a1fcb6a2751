"""Sexe (TR05): M, F or I only."""

from __future__ import annotations

import pytest

from insvigil.errors import InvalidFormat
from insvigil.traits import sexe


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("M", "M"), ("F", "F"), ("I", "I"), ("m", "M"), (" f ", "F"), ("i\n", "I")],
)
def test_accepts(raw: str, expected: str) -> None:
    assert sexe.normalize(raw) == expected
    assert sexe.validate(raw) == expected
    assert sexe.is_valid(raw)


@pytest.mark.parametrize(
    "raw", ["", " ", "H", "X", "U", "1", "2", "MF", "MASCULIN", "Ｍ", "M.", "\x00", "F" * 50]
)
def test_refuses(raw: str) -> None:
    with pytest.raises(InvalidFormat) as info:
        sexe.validate(raw)
    assert info.value.code == "TR05"
    assert str(info.value).startswith("Sexe")
    assert "M, F ou I" in str(info.value)
    assert not sexe.is_valid(raw)


@pytest.mark.parametrize(
    ("raw", "digit"), [("M", "1"), ("F", "2"), ("I", None), ("m", "1"), (" f", "2")]
)
def test_nir_digit(raw: str, digit: str | None) -> None:
    assert sexe.nir_digit(raw) == digit


def test_nir_digit_refuses_unknown_values() -> None:
    with pytest.raises(InvalidFormat):
        sexe.nir_digit("H")


@pytest.mark.parametrize(
    ("raw", "indetermine"), [("I", True), (" i ", True), ("M", False), ("F", False), ("", False)]
)
def test_is_indetermine(raw: str, indetermine: bool) -> None:
    assert sexe.is_indetermine(raw) is indetermine


def test_non_string_is_refused() -> None:
    with pytest.raises(InvalidFormat) as info:
        sexe.normalize(1)  # type: ignore[arg-type]
    assert info.value.code == "TR05"
    assert not sexe.is_indetermine(None)
