"""TR01/TR02 character rules shared by names and first names (domain.md §3)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from insvigil.errors import InvalidFormat
from insvigil.traits.charset import (
    CHANGE_LABELS,
    Change,
    comparison_key,
    describe,
    is_ins_form,
    to_ins_form,
    words_to_ins_form,
)

C = Change

# (raw, kind, forme INS candidate, conforme, changes)
CASES = [
    # domain.md §3 table
    ("  lefèvre ", "nom", "LEFEVRE", True, (C.ESPACES, C.CASSE, C.ACCENTS)),
    ("Cœur", "nom", "COEUR", True, (C.CASSE, C.LIGATURE)),
    ("d’Artagnan", "nom", "D'ARTAGNAN", True, (C.CASSE, C.APOSTROPHE)),
    ("Martin--Durand", "nom", "MARTIN--DURAND", True, (C.CASSE,)),
    ("Jean - Pierre", "prenom", "JEAN-PIERRE", True, (C.CASSE, C.ESPACE_TIRET)),
    ("-DUPONT", "nom", "-DUPONT", False, ()),
    ("DUPONT2", "nom", "DUPONT2", False, ()),
    ("O''NEILL", "nom", "O''NEILL", False, ()),
    ("ANNE-", "prenom", "ANNE-", False, ()),
    # already in forme INS: nothing changes
    ("DUPONT", "nom", "DUPONT", True, ()),
    ("JEAN PIERRE", "prenom", "JEAN PIERRE", True, ()),
    ("'T HOOFT", "nom", "'T HOOFT", True, ()),
    ("D'ARC", "nom", "D'ARC", True, ()),
    # diacritics (É→E, Ç→C, Ï→I, Ñ→N) and letters with a stroke
    ("Éloïse", "prenom", "ELOISE", True, (C.CASSE, C.ACCENTS)),
    ("FRANÇOIS", "prenom", "FRANCOIS", True, (C.ACCENTS,)),
    ("NUÑEZ", "nom", "NUNEZ", True, (C.ACCENTS,)),
    ("Łukasz", "prenom", "LUKASZ", True, (C.CASSE, C.ACCENTS)),
    ("SØREN", "prenom", "SOREN", True, (C.ACCENTS,)),
    ("Nguyễn", "nom", "NGUYEN", True, (C.CASSE, C.ACCENTS)),
    # decomposed input (NFD) is recomposed first
    ("E\u0301MILE", "prenom", "EMILE", True, (C.UNICODE, C.ACCENTS)),
    # ligatures
    ("LÆTITIA", "prenom", "LAETITIA", True, (C.LIGATURE,)),
    ("Strauß", "nom", "STRAUSS", True, (C.CASSE, C.LIGATURE)),
    ("ŒUVRARD", "nom", "OEUVRARD", True, (C.LIGATURE,)),
    ("ﬁlon", "nom", "FILON", True, (C.CASSE, C.LIGATURE)),
    # spaces: tab, no-break spaces, trim, collapse
    ("\tLE\u00a0 GALL\u202f", "nom", "LE GALL", True, (C.ESPACES,)),
    ("LE    GALL", "nom", "LE GALL", True, (C.ESPACES,)),
    # apostrophes and hyphens
    ("O‘NEILL", "nom", "O'NEILL", True, (C.APOSTROPHE,)),
    ("Oʼneill", "nom", "O'NEILL", True, (C.CASSE, C.APOSTROPHE)),
    ("JEAN\u2010PIERRE", "prenom", "JEAN-PIERRE", True, (C.TIRET,)),
    ("JEAN\u2011PIERRE", "prenom", "JEAN-PIERRE", True, (C.TIRET,)),
    ("MARTIN -- DURAND", "nom", "MARTIN--DURAND", True, (C.ESPACE_TIRET,)),
    ("JEAN- PIERRE", "prenom", "JEAN-PIERRE", True, (C.ESPACE_TIRET,)),
    # never deleted: the value keeps the character and is non conforme
    ("DUPONT.", "nom", "DUPONT.", False, ()),
    ("st. jean", "nom", "ST. JEAN", False, (C.CASSE,)),
    ("DUPONT/DURAND", "nom", "DUPONT/DURAND", False, ()),
    ("DU_PONT", "nom", "DU_PONT", False, ()),
    ("DUPONT, MARIE", "nom", "DUPONT, MARIE", False, ()),
    ("MARTIN–DURAND", "nom", "MARTIN–DURAND", False, ()),  # en dash
    ("MARTIN—DURAND", "nom", "MARTIN—DURAND", False, ()),  # em dash
    ("DUPONT🙂", "nom", "DUPONT🙂", False, ()),
    ("李", "nom", "李", False, ()),
    ("ÐÓRA", "prenom", "ÐORA", False, (C.ACCENTS,)),  # eth is a letter, not a diacritic
    ("Ωmega", "nom", "ΩMEGA", False, (C.CASSE,)),
    ("A\u0301\u20dd", "nom", "A\u20dd", False, (C.UNICODE, C.ACCENTS)),
    ("\u0301", "nom", "\u0301", False, ()),
    ("DUPONT\n", "nom", "DUPONT\n", False, ()),
    # structure (TR02)
    ("", "nom", "", False, ()),
    ("   ", "nom", "", False, (C.ESPACES,)),
    ("'", "nom", "'", False, ()),
    ("-", "prenom", "-", False, ()),
    ("ANNE--MARIE", "prenom", "ANNE--MARIE", False, ()),
    ("MARTIN---DURAND", "nom", "MARTIN---DURAND", False, ()),
    ("D' ARC", "nom", "D' ARC", False, ()),
    ("D 'ARC", "nom", "D 'ARC", False, ()),
    ("D'-ARC", "nom", "D'-ARC", False, ()),
    ("MARTIN-", "nom", "MARTIN-", False, ()),
    ("D'", "prenom", "D'", False, ()),
    ("A" * 100, "nom", "A" * 100, True, ()),
    ("A" * 101, "nom", "A" * 101, False, ()),
    ("A" * 101, "prenom", "A" * 101, True, ()),
]


@pytest.mark.parametrize(("raw", "kind", "value", "conforme", "changes"), CASES)
def test_to_ins_form(
    raw: str, kind: str, value: str, conforme: bool, changes: tuple[Change, ...]
) -> None:
    n = to_ins_form(raw, kind)  # type: ignore[arg-type]
    assert n.raw == raw
    assert n.value == value
    assert n.conforme is conforme
    assert n.changes == changes
    assert (n.defaut is None) is conforme
    assert is_ins_form(n.value, kind) is conforme  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("raw", "kind", "fragment"),
    [
        ("", "nom", "vide"),
        ("A" * 101, "nom", "101 caractères (100 au plus)"),
        ("DUPONT2", "nom", "Caractère non autorisé « 2 »"),
        ("A.B/C", "nom", "Caractères non autorisés « . », « / »"),
        ("MARTIN–DURAND", "nom", "« – » (U+2013)"),
        ("A\x00", "nom", "U+0000"),
        ("-DUPONT", "nom", "Commence par un tiret"),
        ("ANNE--MARIE", "prenom", "Double tiret interdit dans un prénom"),
        ("A---B", "nom", "Plus de deux tirets"),
        ("O''NEILL", "nom", "apostrophes doublées"),
        ("D' ARC", "nom", "accolées"),
        ("D'-ARC", "nom", "Tiret accolé à une apostrophe"),
        ("ANNE-", "prenom", "Se termine par un tiret"),
        ("D'", "prenom", "Se termine par une apostrophe"),
    ],
)
def test_defaut_says_why(raw: str, kind: str, fragment: str) -> None:
    defaut = to_ins_form(raw, kind).defaut  # type: ignore[arg-type]
    assert defaut is not None
    assert fragment in defaut
    assert defaut.endswith(".")


def test_every_change_has_a_french_label() -> None:
    assert set(CHANGE_LABELS) == set(Change)
    assert all(label and label[0].islower() for label in CHANGE_LABELS.values())


def test_non_string_is_refused() -> None:
    with pytest.raises(InvalidFormat) as info:
        to_ins_form(42, "nom")  # type: ignore[arg-type]
    assert info.value.code == "TR02"


def test_unknown_kind_is_a_bug() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        to_ins_form("DUPONT", "ville")  # type: ignore[arg-type]


def test_is_ins_form() -> None:
    assert is_ins_form("MARTIN--DURAND", "nom")
    assert not is_ins_form("MARTIN--DURAND", "prenom")
    assert not is_ins_form("martin", "nom")
    assert not is_ins_form("", "nom")


def test_describe_truncates_long_values() -> None:
    message = describe("Nom de naissance", to_ins_form("A" * 150, "nom"))
    assert message.startswith("Nom de naissance « " + "A" * 40 + "… » non conforme : valeur")
    assert describe("Nom", to_ins_form("", "nom")) == (
        "Nom non conforme : valeur vide : le trait est obligatoire."
    )


@pytest.mark.parametrize(
    ("ins_form", "key"),
    [
        ("MARTIN--DURAND", "MARTIN DURAND"),
        ("JEAN-PIERRE", "JEAN PIERRE"),
        ("D'ARTAGNAN", "D ARTAGNAN"),
        ("'T HOOFT", "T HOOFT"),
        ("  A  -B'  ", "A B"),
        ("", ""),
    ],
)
def test_comparison_key(ins_form: str, key: str) -> None:
    assert comparison_key(ins_form) == key


# TLSI regex: what INSi itself accepts (without the leading apostrophe the rulebook allows).
TLSI = re.compile(r"'?[A-Z]+(?:(?:-{1,2}|[' ])[A-Z]+)*")

LATINISH = st.text(
    alphabet=st.sampled_from(
        [*"abcdeABCDEéèÉÈçÇœŒæÆßﬁøØłŁ’‘ʼ'-‐‑–. \t\u00a0\u202f\u0301\u0308", "😀", "李", "Ω"]
    ),
    max_size=30,
)


@given(st.one_of(st.text(), LATINISH), st.sampled_from(["nom", "prenom"]))
def test_normalizing_twice_changes_nothing(raw: str, kind: str) -> None:
    once = to_ins_form(raw, kind)  # type: ignore[arg-type]
    twice = to_ins_form(once.value, kind)  # type: ignore[arg-type]
    assert twice.value == once.value
    assert twice.changes == ()
    assert twice.conforme is once.conforme


@given(st.one_of(st.text(), LATINISH), st.sampled_from(["nom", "prenom"]))
def test_conforme_means_ins_charset(raw: str, kind: str) -> None:
    n = to_ins_form(raw, kind)  # type: ignore[arg-type]
    if n.conforme:
        assert TLSI.fullmatch(n.value)
    if not n.changes:
        assert n.value == raw
    assert list(n.changes) == sorted(set(n.changes), key=list(Change).index)


WORD = st.one_of(
    LATINISH,
    st.sampled_from(["Marie", "THÉRÈSE", "jean-pierre", "-", "'", "Anne-", "œ", "\u0301e", ""]),
)
SEPARATOR = st.sampled_from([" ", "  ", " - ", "\t", "\u00a0", "' "])
WORDS = st.lists(st.tuples(WORD, SEPARATOR), max_size=5).map(
    lambda pairs: "".join(word + sep for word, sep in pairs)
)


@given(st.one_of(st.text(), LATINISH, WORDS))
def test_word_by_word_lists_agree_with_the_whole(raw: str) -> None:
    # words_to_ins_form is a shortcut: it must give exactly what to_ins_form gives.
    assert words_to_ins_form(raw) == to_ins_form(raw, "prenom")


@given(st.text())
def test_comparison_key_is_idempotent(text: str) -> None:
    once = comparison_key(text)
    assert comparison_key(once) == once
    assert "-" not in once and "'" not in once and "  " not in once
