"""Lieu de naissance (TR06): shape, validity at the birth date, postal-code hint."""

from __future__ import annotations

import math
from datetime import date

import pytest

from insvigil.errors import InvalidFormat, InvalidValue
from insvigil.findings import Gravite
from insvigil.reference import PlaceStatus
from insvigil.traits import lieu

D = date
MIN, BLQ = Gravite.MINEURE, Gravite.BLOQUANTE


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2a004", "2A004"),
        (" 2b033\t", "2B033"),
        ("75115", "75115"),
        (" 99350 ", "99350"),
        ("97411", "97411"),
    ],
)
def test_normalize_and_validate(raw: str, expected: str) -> None:
    assert lieu.normalize(raw) == expected
    assert lieu.validate(raw) == expected
    assert lieu.is_valid(raw)


@pytest.mark.parametrize(
    "raw",
    ["", " ", "7511", "751150", "2C004", "2A04", "A2004", "75 115", "75-115", "2A0O4", "٧٥١١٥"],
)
def test_bad_shapes(raw: str) -> None:
    assert not lieu.is_valid(raw)
    with pytest.raises(InvalidFormat) as caught:
        lieu.validate(raw)
    assert caught.value.code == "TR06"
    assert "Lieu de naissance" in caught.value.message


JUNK: tuple[object, ...] = (None, 0, 75115, 3.14, math.nan, b"75115", ["75115"], {}, object())
JUNK_STR = ("\x00" * 5, "🙂🙂🙂🙂🙂", "x" * 10_000, "\ud800", "\u202e75115", "ǰǅﬁßẞ")


@pytest.mark.parametrize("raw", JUNK)
def test_junk_objects(raw: object) -> None:
    assert lieu.is_valid(raw) is False
    with pytest.raises(InvalidValue):
        lieu.normalize(raw)  # type: ignore[arg-type]
    with pytest.raises(InvalidValue):
        lieu.validate(raw)  # type: ignore[arg-type]


@pytest.mark.parametrize("raw", JUNK_STR)
def test_junk_strings_never_crash(raw: str) -> None:
    assert lieu.is_valid(raw) is False
    with pytest.raises(InvalidValue):
        lieu.validate(raw)
    result = lieu.check(raw, D(1980, 1, 1))
    assert not result.conforme and [f.gravite for f in result.findings] == [BLQ]
    assert lieu.is_postal_code_like(raw, D(1980, 1, 1)) is None


def year(y: int) -> tuple[date, date]:
    return D(y, 1, 1), D(y, 12, 31)


# code, start, end, conforme, gravités, text expected in the message (or None)
CASES: list[tuple[str, date, date, bool, tuple[Gravite, ...], str | None]] = [
    ("75115", D(1980, 1, 1), D(1980, 1, 1), True, (), None),
    ("2a004", D(1983, 5, 12), D(1983, 5, 12), True, (), None),
    ("20004", D(1946, 1, 17), D(1946, 1, 17), True, (), None),
    (
        "2A004", D(1946, 1, 17), D(1946, 1, 17), True, (MIN,),
        "2A004 n'existait pas le 17/01/1946 : le code valable à cette date était 20004 (Ajaccio).",
    ),
    (
        "20004", D(1980, 1, 1), D(1980, 1, 1), True, (MIN,),
        "20004 n'existait plus le 01/01/1980 : le code valable à cette date était 2A004 (Ajaccio).",
    ),
    ("2A004", *year(1950), True, (MIN,), "2A004 n'existait pas en 1950 : "),
    ("2A004", D(1950, 6, 1), D(1950, 6, 30), True, (MIN,), "2A004 n'existait pas en juin 1950"),
    ("2A004", D(1975, 6, 1), D(1976, 6, 30), True, (), None),
    ("99350", D(1985, 3, 1), D(1985, 3, 1), True, (), None),
    (
        "99350", D(1950, 1, 1), D(1950, 1, 1), True, (MIN,),
        "ce code de pays (Maroc) n'est valable qu'à partir du 02/03/1956",
    ),
    ("99352", D(1950, 1, 17), D(1950, 1, 17), True, (MIN,), "(Algérie) n'est valable qu'à"),
    ("97411", D(2001, 7, 1), D(2001, 7, 1), True, (), None),
    ("97411", D(1945, 1, 1), D(1945, 1, 1), True, (MIN,), "était 98405 (La Réunion)"),
    ("97411", *year(1946), True, (), None),
    ("01119", D(2017, 6, 1), D(2017, 6, 1), True, (MIN,), "était 01080 (Champdor-Corcelles)"),
    ("02166", D(1976, 6, 1), D(1976, 6, 1), True, (MIN,), "n'était pas en vigueur le 01/06/1976"),
    ("13119", D(1950, 1, 1), D(1950, 1, 1), True, (MIN,), "était 13085 (Roquefort-la-Bédoule)"),
    ("00000", D(1950, 1, 1), D(1950, 1, 1), False, (BLQ,), "00000 inconnu du COG"),
    ("99999", D(1950, 1, 1), D(1950, 1, 1), False, (BLQ,), "99999 inconnu du COG"),
    ("99100", D(1950, 1, 1), D(1950, 1, 1), False, (BLQ,), "99100 désigne la France"),
    ("91101", D(1950, 1, 1), D(1950, 1, 1), True, (), None),
    ("91101", D(1980, 1, 1), D(1980, 1, 1), False, (BLQ,), "aucun lien historique"),
    ("99115", D(2000, 1, 1), D(2000, 1, 1), False, (BLQ,), "jusqu'au 31/12/1992"),
    ("75015", D(1980, 1, 1), D(1980, 1, 1), False, (BLQ,), "code postal de Paris 15e"),
    ("75015", D(1960, 1, 1), D(1960, 1, 1), True, (), None),  # Bry-sur-Marne's code until 1968
    ("7511", D(1980, 1, 1), D(1980, 1, 1), False, (BLQ,), "mal formé"),
]  # fmt: skip


@pytest.mark.parametrize(("code", "start", "end", "conforme", "gravites", "text"), CASES)
def test_check(
    code: str,
    start: date,
    end: date,
    conforme: bool,
    gravites: tuple[Gravite, ...],
    text: str | None,
) -> None:
    result = lieu.check(code, start, end)
    assert result.conforme is conforme
    assert tuple(f.gravite for f in result.findings) == gravites
    assert all(f.code == "TR06" and f.trait == "lieu_naissance" for f in result.findings)
    if text is not None:
        assert text in result.findings[0].message
    if conforme and not gravites:
        assert result.check.statut is PlaceStatus.VALIDE


def test_check_end_defaults_to_start() -> None:
    assert lieu.check("2A004", D(1950, 1, 1)) == lieu.check("2A004", D(1950, 1, 1), D(1950, 1, 1))


@pytest.mark.parametrize(
    ("code", "day", "insee", "libelle"),
    [
        ("75015", D(1980, 1, 1), "75115", "Paris 15e Arrondissement"),
        ("75001", D(2020, 1, 1), "75101", "Paris 1er Arrondissement"),
        ("75020", D(1968, 1, 1), "75120", "Paris 20e Arrondissement"),
        ("75015", D(1967, 12, 31), None, None),  # still Bry-sur-Marne's INSEE code
        ("75021", D(1980, 1, 1), None, None),
        ("75115", D(1980, 1, 1), None, None),  # an INSEE code (and also a postal code)
        ("69001", D(1980, 1, 1), None, None),  # Affoux
        ("13001", D(1980, 1, 1), None, None),  # Aix-en-Provence
        ("2A004", D(1980, 1, 1), None, None),
        ("7501", D(1980, 1, 1), None, None),
        # real postal data (La Poste via @etalab/decoupage-administratif)
        ("33000", D(1990, 1, 1), "33063", "Bordeaux"),  # never an INSEE code
        ("01000", D(1990, 1, 1), "01053", "Bourg-en-Bresse"),  # and Saint-Denis-lès-Bourg
        ("69009", D(1950, 1, 1), None, None),  # Anse's INSEE code
        ("13119", D(1950, 1, 1), None, None),  # Carnoux's INSEE code, created later: MINEURE
        ("97400", D(1945, 1, 1), "98405", "La Réunion"),  # before the DOM's communes
    ],
)
def test_is_postal_code_like(code: str, day: date, insee: str | None, libelle: str | None) -> None:
    hint = lieu.is_postal_code_like(code, day)
    if insee is None:
        assert hint is None
    else:
        assert hint is not None
        assert (hint.code_postal, hint.code_insee, hint.libelle) == (code, insee, libelle)


def test_postal_hint_lists_every_commune() -> None:
    hint = lieu.is_postal_code_like("01000", D(1990, 1, 1))
    assert hint is not None
    assert hint.communes == (("01053", "Bourg-en-Bresse"), ("01344", "Saint-Denis-lès-Bourg"))
    assert str(hint) == "01000 : Bourg-en-Bresse (01053) ou Saint-Denis-lès-Bourg (01344)"
    message = lieu.check("01000", D(1990, 1, 1)).findings[0].message
    assert message.startswith(
        "01000 ressemble au code postal de Bourg-en-Bresse ou Saint-Denis-lès-Bourg "
        "(codes INSEE 01053, 01344) et n'était pas un code INSEE en vigueur le 01/01/1990"
    )
    many = lieu.is_postal_code_like("01500", D(1990, 1, 1))
    assert many is not None and len(many.communes) == 8
    assert str(many).endswith("ou 5 autres communes")
