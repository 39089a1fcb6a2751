"""Nom de naissance: normalize / validate / is_valid / key."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from insvigil.errors import InvalidFormat, InvalidLength
from insvigil.traits import nom
from insvigil.traits.charset import Change


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  lefèvre ", "LEFEVRE"),
        ("Cœur", "COEUR"),
        ("d’Artagnan", "D'ARTAGNAN"),
        ("Martin--Durand", "MARTIN--DURAND"),
        ("Martin - Durand", "MARTIN-DURAND"),
        ("de la Fontaine", "DE LA FONTAINE"),
        ("'t Hooft", "'T HOOFT"),
        ("A", "A"),
        ("X" * 100, "X" * 100),
    ],
)
def test_validate_accepts(raw: str, expected: str) -> None:
    assert nom.validate(raw) == expected
    assert nom.is_valid(raw)
    assert nom.normalize(raw).value == expected


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        ("-DUPONT", InvalidFormat),
        ("DUPONT2", InvalidFormat),
        ("O''NEILL", InvalidFormat),
        ("MARTIN---DURAND", InvalidFormat),
        ("MARTIN-", InvalidFormat),
        ("DUPONT.", InvalidFormat),
        ("MARTIN–DURAND", InvalidFormat),
        ("", InvalidLength),
        ("   ", InvalidLength),
        ("X" * 101, InvalidLength),
    ],
)
def test_validate_refuses(raw: str, error: type[Exception]) -> None:
    with pytest.raises(error) as info:
        nom.validate(raw)
    assert info.value.code == "TR02"  # type: ignore[attr-defined]
    assert str(info.value).startswith("Nom de naissance")
    assert "non conforme" in str(info.value)
    assert not nom.is_valid(raw)


def test_normalize_reports_changes() -> None:
    n = nom.normalize("  lefèvre ")
    assert n.changes == (Change.ESPACES, Change.CASSE, Change.ACCENTS)
    assert n.raw == "  lefèvre "


@pytest.mark.parametrize(
    ("raw", "key"),
    [
        ("Martin--Durand", "MARTIN DURAND"),
        ("martin durand", "MARTIN DURAND"),
        ("d’Artagnan", "D ARTAGNAN"),
        ("DUPONT2", "DUPONT2"),
    ],
)
def test_key(raw: str, key: str) -> None:
    assert nom.key(raw) == key


def test_key_refuses_non_strings() -> None:
    with pytest.raises(InvalidFormat):
        nom.key(None)  # type: ignore[arg-type]


def test_results_are_cached_and_equal() -> None:
    assert nom.normalize("Dupont") is nom.normalize("Dupont")


@given(st.text())
def test_normalize_is_idempotent(raw: str) -> None:
    value = nom.normalize(raw).value
    assert nom.normalize(value).value == value
    assert nom.key(value) == nom.key(raw)


@given(st.text())
def test_is_valid_agrees_with_validate(raw: str) -> None:
    if nom.is_valid(raw):
        assert nom.validate(raw) == nom.normalize(raw).value
    else:
        with pytest.raises((InvalidFormat, InvalidLength)):
            nom.validate(raw)
