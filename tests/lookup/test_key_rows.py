"""index_rows gives, column by column, exactly what index_keys gives record by record."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insvigil.lookup import key_rows
from insvigil.lookup.key_rows import index_rows
from insvigil.lookup.keys import index_keys
from insvigil.memo import Memo
from insvigil.model import Resident

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "residents.csv"
ODD = [
    ("", "", None, "", "", None, None, None, None),
    ("  le  fèvre ", "jean - pierre  marie", " ", "1950-00-00", " f ", "d’Artagnan", "--",
     "2 83 05 2A 004 123 07", "283052A00412307"),
    ("MARTIN", "ANNE-", "--", "31/02/1950", "X", "", "Anne", "1234", ""),
    ("DUPONT2", "Zoé\u00a0Anne", "", "2999-01-01", "i", "X", "2", "²", "2 61 03"),
    ("O'NEILL", "2 SEAN", "3", "1975-06-00", "M", None, "Jean-Pierre", "199139913201234", None),
    ("MARTIN", "ANNE MARIE", "Anne Marie", "1946-01-17", "F", "Roy", "", "2.46.01", "2a"),
]  # fmt: skip


def _resident(n: int, values: tuple[str | None, ...]) -> Resident:
    nom, prenoms, premier, ddn, sexe, utilise, prenom_utilise, matricule, _ = values
    return Resident(
        "750000001",
        f"R-{n}",
        nom or "",
        prenoms or "",
        ddn or "",
        sexe or "",
        premier_prenom=premier,
        nom_utilise=utilise,
        prenom_utilise=prenom_utilise,
        matricule_ins=matricule,
    )


def _same(rows: list[tuple[str | None, ...]]) -> None:
    residents = [_resident(n, values) for n, values in enumerate(rows)]
    actives = [values[-1] for values in rows]
    expected = [index_keys(r, a) for r, a in zip(residents, actives, strict=True)]
    assert index_rows(residents, actives) == expected
    assert index_rows(residents, actives) == expected  # again, every memo warm


def test_the_synthetic_sample_and_oddities() -> None:
    with SAMPLE.open(encoding="utf-8", newline="") as handle:
        sample = [
            (
                r["nom_naissance"],
                r["prenoms_naissance"],
                r["premier_prenom"] or None,
                r["date_naissance"],
                r["sexe"],
                r["nom_utilise"] or None,
                r["prenom_utilise"] or None,
                r["matricule_ins"] or None,
                r["matricule_ins"] or None,
            )
            for r in csv.DictReader(handle, delimiter=";")
        ]
    assert len(sample) > 1000
    _same(sample + ODD)


def test_no_record() -> None:
    assert index_rows([], []) == []


def test_past_the_memo_cap(monkeypatch: pytest.MonkeyPatch) -> None:
    for memo in vars(key_rows).values():  # nothing remembered: computed every time
        if isinstance(memo, Memo):
            monkeypatch.setattr(memo, "cap", len(memo))
    _same(ODD * 2)


TEXT = st.one_of(st.none(), st.text(max_size=25), st.sampled_from(["JEAN", "Anne-Marie", " "]))


@settings(max_examples=200)
@given(st.lists(st.tuples(*[TEXT] * 9), max_size=6))
def test_any_texts(rows: list[tuple[str | None, ...]]) -> None:
    _same(rows)
