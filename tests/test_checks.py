"""insvigil.checks gives, column by column, what the trait modules give record by record."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from insvigil.checks import check_columns
from insvigil.errors import InvalidValue
from insvigil.identifiers import coherence, matricule
from insvigil.reference.cog import load
from insvigil.traits import date as birth_date
from insvigil.traits import lieu, nom, prenoms, sexe

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "residents.csv"
FIELDS = (
    "nom_naissance",
    "prenoms_naissance",
    "premier_prenom",
    "date_naissance",
    "sexe",
    "lieu_naissance",
    "matricule_ins",
)
# Hand-made oddities on top of the synthetic sample: junk, partial dates, Corsica, abroad.
ODD = [
    ("", "", "", "", "", "", ""),
    ("  le  fèvre ", "jean - pierre  marie", " ", "1950-00-00", " f ", " 2a004 ",
     "2 83 05 2A 004 123 07"),
    ("MARTIN", "ANNE", "ANNE", "1983-05-12", "F", "20004", "283052A00412307"),
    ("MARTIN", "ANNE", "", "1946-01-17", "F", "20004", "246012000411885"),
    ("DUPONT2", "Zoé\u00a0Anne", "", "31/02/1950", "X", "75015", "1234"),
    ("O'NEILL", "SEAN", "", "2999-01-01", "M", "99132", "199139913201234"),
    ("DURAND", "MARIE", "", "1975-06-00", "I", "99100", "275069910000000"),
]  # fmt: skip


def _sample() -> list[tuple[str, ...]]:
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        rows = [tuple(r[k] for k in FIELDS) for r in csv.DictReader(handle, delimiter=";")]
    return rows + ODD


def _or_error(call, *args):  # type: ignore[no-untyped-def]
    try:
        return call(*args)
    except InvalidValue as error:
        return error


def _same(a: object, b: object) -> bool:
    if isinstance(a, InvalidValue) and isinstance(b, InvalidValue):
        return type(a) is type(b) and str(a) == str(b)
    return a == b


def test_columns_agree_with_the_modules_record_by_record() -> None:
    rows = _sample()
    columns = [list(column) for column in zip(*rows, strict=True)]
    batch = check_columns(
        nom=columns[0], prenoms=columns[1], premier=columns[2], naissance=columns[3],
        sexe=columns[4], lieu=columns[5], matricule=columns[6],
    )  # fmt: skip
    cog = load()
    for index, (name, liste, first, ddn, sex, place, number) in enumerate(rows):
        assert batch.nom[index] == nom.normalize(name)
        assert batch.prenoms[index] == prenoms.normalize(liste)
        expected_first = (
            prenoms.normalize(first) if first.strip() else prenoms.normalize(prenoms.premier(liste))
        )
        assert batch.premier[index] == expected_first
        born = _or_error(birth_date.parse, ddn)
        assert _same(batch.naissance[index], born)
        sex_value = _or_error(sexe.validate, sex)
        assert _same(batch.sexe[index], sex_value)
        place_value = lieu.normalize(place)
        dated = not isinstance(born, InvalidValue)
        expected_place = (
            lieu.check(place_value, born.earliest(), born.latest(), cog)
            if place_value and dated
            else None
        )
        assert batch.lieu[index] == expected_place
        canonical = _or_error(matricule.validate, number) if number.strip() else None
        assert _same(batch.matricule[index], canonical)
        expected_coherence: tuple[object, ...] = ()
        if isinstance(canonical, str) and dated:
            expected_coherence = coherence.check(
                canonical,
                sexe=None if isinstance(sex_value, InvalidValue) else sex_value,
                naissance=(born.earliest(), born.latest()),
                lieu=place_value or None,
                cog=cog,
            )
        assert batch.coherence[index] == expected_coherence, rows[index]
        expected_ok = (
            nom.normalize(name).conforme
            and prenoms.normalize(liste).conforme
            and expected_first.conforme
            and dated
            and not isinstance(sex_value, InvalidValue)
            and (expected_place is None or expected_place.conforme)
            and not isinstance(canonical, InvalidValue)
            and not any(f.bloquante for f in expected_coherence)  # type: ignore[attr-defined]
        )
        assert batch.conforme[index] == expected_ok, rows[index]


def test_conformes_counts_blocking_problems_only() -> None:
    batch = check_columns(
        nom=["MARTIN", "MARTIN"], prenoms=["ANNE", "ANNE"], premier=["", ""],
        naissance=["1983-05-12", "1983-05-12"], sexe=["F", "F"], lieu=["", ""],
        matricule=["283052A00412307", "183052A00412307"],
    )  # fmt: skip
    assert batch.conformes() == [True, False]  # the second: MI02 key, sex digit


def test_columns_must_have_one_length() -> None:
    with pytest.raises(ValueError, match="lengths"):
        check_columns(
            nom=["A"], prenoms=[], premier=[], naissance=[], sexe=[], lieu=[], matricule=[]
        )
