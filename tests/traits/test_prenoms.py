"""Prénoms de naissance: the list rules (TR01, TR02) and the premier prénom (TR03)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from insvigil.errors import InvalidFormat, InvalidLength
from insvigil.traits import prenoms


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Jean - Pierre", "JEAN-PIERRE"),
        ("Jean-Pierre Marie", "JEAN-PIERRE MARIE"),
        ("  éloïse   marie ", "ELOISE MARIE"),
        ("Anne\u00a0Sophie", "ANNE SOPHIE"),
        ("Marie-Thérèse", "MARIE-THERESE"),
        ("Zoé", "ZOE"),
        ("Jean‑Baptiste", "JEAN-BAPTISTE"),
    ],
)
def test_validate_accepts(raw: str, expected: str) -> None:
    assert prenoms.validate(raw) == expected
    assert prenoms.is_valid(raw)


@pytest.mark.parametrize(
    ("raw", "error", "fragment"),
    [
        ("ANNE-", InvalidFormat, "se termine par un tiret"),
        ("MARIE ANNE-", InvalidFormat, "prénom « ANNE- » : se termine par un tiret"),
        ("ANNE--MARIE", InvalidFormat, "double tiret"),
        ("PAUL ANNE--MARIE", InvalidFormat, "prénom « ANNE--MARIE » : double tiret"),
        ("JEAN2 MARIE", InvalidFormat, "prénom « JEAN2 » : caractère non autorisé « 2 »"),
        ("D' ARC", InvalidFormat, "prénom « D' » : se termine par une apostrophe"),
        ("JEAN 'PIERRE", InvalidFormat, "accolées"),
        ("MARIE'", InvalidFormat, "apostrophe"),
        ("-ANNE", InvalidFormat, "commence par un tiret"),
        ("JEAN, PIERRE", InvalidFormat, "« , »"),
        ("", InvalidLength, "vide"),
        (" \t ", InvalidLength, "vide"),
    ],
)
def test_validate_refuses(raw: str, error: type[Exception], fragment: str) -> None:
    with pytest.raises(error) as info:
        prenoms.validate(raw)
    assert info.value.code == "TR02"  # type: ignore[attr-defined]
    assert str(info.value).startswith("Prénoms de naissance")
    assert fragment in str(info.value)
    assert not prenoms.is_valid(raw)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("JEAN-PIERRE MARIE", ("JEAN-PIERRE", "MARIE")),
        ("anne  sophie marie", ("ANNE", "SOPHIE", "MARIE")),
        ("Jean - Pierre", ("JEAN-PIERRE",)),
        ("", ()),
        ("   ", ()),
    ],
)
def test_tokens(value: str, expected: tuple[str, ...]) -> None:
    assert prenoms.tokens(value) == expected


@pytest.mark.parametrize(
    ("liste", "premier_prenom", "expected"),
    [
        ("ANNE SOPHIE MARIE", None, "ANNE"),
        ("ANNE SOPHIE MARIE", "anne sophie", "ANNE SOPHIE"),
        ("JEAN-PIERRE LOUIS", None, "JEAN-PIERRE"),
        ("JEAN-PIERRE LOUIS", "", "JEAN-PIERRE"),
        ("JEAN-PIERRE LOUIS", "  ", "JEAN-PIERRE"),
        ("", None, ""),
        ("", "Zoé", "ZOE"),
    ],
)
def test_premier(liste: str, premier_prenom: str | None, expected: str) -> None:
    assert prenoms.premier(liste, premier_prenom) == expected


@pytest.mark.parametrize(
    ("premier_prenom", "liste", "coherent"),
    [
        ("ANNE SOPHIE", "ANNE SOPHIE MARIE", True),
        ("ANNE", "ANNE SOPHIE", True),
        ("SOPHIE", "ANNE SOPHIE", False),
        ("JEAN PIERRE", "JEAN-PIERRE LOUIS", True),
        ("JEAN-PIERRE", "JEAN PIERRE LOUIS", True),
        ("JEAN-CHRISTOPHE-PIERRE", "JEAN CHRISTOPHE PIERRE", True),
        ("Éloïse", "ELOISE MARIE", True),
        ("ANNE SOPHIE MARIE LOUISE", "ANNE SOPHIE MARIE", False),
        ("ANN", "ANNE", False),
        ("", "ANNE", False),
        ("ANNE", "", False),
        ("MARIE", "ANNE SOPHIE MARIE", False),
    ],
)
def test_premier_coherent(premier_prenom: str, liste: str, coherent: bool) -> None:
    assert prenoms.premier_coherent(premier_prenom, liste) is coherent


def test_key() -> None:
    assert prenoms.key("Jean-Pierre  Marie") == "JEAN PIERRE MARIE"


def test_non_string_is_refused() -> None:
    for call in (prenoms.normalize, prenoms.validate, prenoms.key, prenoms.tokens):
        with pytest.raises(InvalidFormat):
            call(3)  # type: ignore[arg-type]


@given(st.text())
def test_normalize_is_idempotent(raw: str) -> None:
    once = prenoms.normalize(raw)
    twice = prenoms.normalize(once.value)
    assert twice.value == once.value
    assert twice.conforme is once.conforme


@given(st.lists(st.from_regex(r"[A-Z]{1,8}(-[A-Z]{1,8})?", fullmatch=True), min_size=1))
def test_any_prefix_of_the_list_is_coherent(names: list[str]) -> None:
    liste = " ".join(names)
    assert prenoms.is_valid(liste)
    for n in range(1, len(names) + 1):
        assert prenoms.premier_coherent(" ".join(names[:n]), liste)
