"""parse_query: a front-desk query read tolerantly, refused with the field's code."""

from __future__ import annotations

from datetime import date

import pytest

from insvigil.errors import InvalidValue
from insvigil.lookup.query import FIELD_CODES, parse_date, parse_query

TODAY = date(2026, 11, 1)


@pytest.mark.parametrize(
    ("raw", "iso"),
    [
        ("12/05/1983", "1983-05-12"),
        ("1983-05-12", "1983-05-12"),
        ("12-05-1983", "1983-05-12"),
        ("12.05.1983", "1983-05-12"),
        ("12 05 1983", "1983-05-12"),
        ("12051983", "1983-05-12"),
        ("2/5/1983", "1983-05-02"),
        ("00/05/1983", "1983-05-00"),
        ("1983-00-00", "1983-00-00"),
        ("05/1983", "1983-05-00"),
        ("1983-05", "1983-05-00"),
        ("1983", "1983-00-00"),
        (" 1983 ", "1983-00-00"),
    ],
)
def test_dates_as_typed(raw: str, iso: str) -> None:
    assert parse_date(raw, TODAY).iso() == iso


@pytest.mark.parametrize(
    "raw",
    ["12/05/83", "31/02/1983", "1983-13-01", "05/00/1983", "2030", "demain", "", "0000"],
)
def test_bad_dates_are_refused_with_the_ddn_code(raw: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_date(raw, TODAY)
    assert caught.value.code == FIELD_CODES["ddn"]
    assert caught.value.message.startswith("Date de naissance")


def test_names_are_read_like_the_traits() -> None:
    q = parse_query(nom=" Lefèvre-Le Gall ", prenom="jean-pierre", sexe=" f ", today=TODAY)
    assert (q.nom, q.nom_cle) == ("LEFEVRE-LE GALL", "LEFEVRE LE GALL")
    assert q.prenoms == ("JEAN", "PIERRE")
    assert q.prenom_phon == "GE1"
    assert q.sexe == "F"
    assert q.ddn is None and not q.full_date


def test_matricule_is_checked_and_compacted() -> None:
    q = parse_query(ins="2 83 05 2A 004 123 07")
    assert q.matricule == "283052A00412307"
    assert q.nom_cle is None


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({}, "LK_VIDE"),
        ({"nom": "   "}, "LK_VIDE"),
        ({"nom": "DUPONT2"}, "LK_NOM"),
        ({"nom": "-"}, "LK_NOM"),
        ({"nom": "DUPONT", "prenom": "ANNE-"}, "LK_PRENOM"),
        ({"nom": "DUPONT", "sexe": "H"}, "LK_SEXE"),
        ({"nom": "DUPONT", "ins": "2 83 05 2A 004 123 45"}, "LK_INS"),
        ({"nom": "DUPONT", "ins": "283"}, "LK_INS"),
        ({"nom": "DUPONT", "ddn": "1983-02-30"}, "LK_DDN"),
    ],
)
def test_errors_name_their_field(fields: dict[str, str], code: str) -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_query(**fields, today=TODAY)
    assert caught.value.code == code


def test_a_matricule_never_appears_whole_in_an_error() -> None:
    with pytest.raises(InvalidValue) as caught:
        parse_query(ins="283052A00412345")
    assert "283052A00412345" not in caught.value.message
