"""likeness: ordered, labelled levels; the ranking a front desk expects."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from insvigil.lookup.keys import IndexKeys, index_keys
from insvigil.lookup.query import LookupQuery, parse_query
from insvigil.lookup.rank import MIN_SCORE, likeness, near_identical
from insvigil.model import Resident

TODAY = date(2026, 11, 1)

RECORD = index_keys(
    Resident(
        "750000001",
        "A-1",
        "LEFEVRE",
        "MARIE-HELENE JEANNE",
        "1946-01-17",
        "F",
        nom_utilise="MARTIN-DURAND",
        prenom_utilise="MALOU",
        matricule_ins="246012000411885",
    )
)


def q(**fields: str) -> LookupQuery:
    return parse_query(**fields, today=TODAY)


@pytest.mark.parametrize(
    ("fields", "label", "minimum"),
    [
        ({"nom": "lefèvre"}, "nom de naissance identique", 1.0),
        ({"nom": "LE FEVRE"}, "nom de naissance identique aux espaces près", 0.95),
        ({"nom": "LEFEBVRE"}, "nom de naissance phonétiquement identique", 0.9),
        ({"nom": "LEFVERE"}, "nom de naissance proche (faute de frappe)", 0.8),
        ({"nom": "Martin Durand"}, "nom utilisé identique", 0.97),
        ({"nom": "DURAND"}, "nom utilisé : une partie d'un nom composé", 0.7),
        ({"nom": "ROBERT"}, "nom de naissance différent", 0.0),
    ],
)
def test_name_levels(fields: dict[str, str], label: str, minimum: float) -> None:
    like = likeness(q(**fields), RECORD)
    assert like.raisons == (label,)
    assert minimum <= like.score <= 1.0


@pytest.mark.parametrize(
    ("prenom", "label"),
    [
        ("Marie-Hélène", "premier prénom identique"),
        ("marie", "premier prénom identique"),
        ("Jeanne", "un des prénoms de naissance"),
        ("Hélène Jeanne", "un des prénoms de naissance"),
        ("Malou", "prénom utilisé identique"),
        ("Marye", "premier prénom phonétiquement identique"),
        ("Mari", "premier prénom proche (faute de frappe)"),
        ("Jane", "prénom différent"),
    ],
)
def test_first_name_levels(prenom: str, label: str) -> None:
    assert likeness(q(nom="LEFEVRE", prenom=prenom), RECORD).raisons[1] == label


@pytest.mark.parametrize(
    ("ddn", "label", "value"),
    [
        ("17/01/1946", "date de naissance identique", 1.0),
        ("1946-01-17", "date de naissance identique", 1.0),
        ("1946", "année de naissance identique", 1.0),
        ("01/1946", "mois et année de naissance identiques", 1.0),
        ("18/01/1946", "jour de naissance proche (faute de frappe)", 0.6),
        ("17/01/1964", "année de naissance proche (faute de frappe)", 0.6),
        ("17/07/1946", "mois de naissance proche (faute de frappe)", 0.55),
        ("03/03/1946", "même année de naissance seulement", 0.3),
        ("17/01/1980", "date de naissance différente", 0.0),
    ],
)
def test_date_levels(ddn: str, label: str, value: float) -> None:
    like = likeness(q(ins="246012000411885", ddn=ddn), RECORD)
    assert like.raisons[1] == label
    weight = {10: 0.25, 7: 0.18, 4: 0.12}[len(ddn)]
    assert like.score == pytest.approx((0.5 + weight * value) / (0.5 + weight), abs=1e-4)


def test_swapped_day_and_month() -> None:
    rec = index_keys(Resident("1", "A", "DUPONT", "JEAN", "1950-03-05", "M"))
    like = likeness(q(nom="DUPONT", ddn="03/05/1950"), rec)
    assert like.raisons[1] == "jour et mois inversés"
    assert like.score == pytest.approx((0.4 + 0.25 * 0.8) / 0.65, abs=1e-4)


def test_partial_record_date_is_compatible() -> None:
    rec = index_keys(Resident("1", "A", "DUPONT", "JEAN", "1950-00-00", "M"))
    assert likeness(q(nom="DUPONT", ddn="05/03/1950"), rec).raisons[1] == (
        "date de naissance partielle compatible"
    )


def test_the_front_desk_order() -> None:
    """Exact > used name > swapped date > partial date > typo > someone else born that day."""
    rec = index_keys(Resident("1", "A", "LEFEVRE", "MARIE", "1946-01-07", "F", nom_utilise="ROY"))
    partial = index_keys(Resident("1", "B", "LEFEVRE", "MARIE", "1946-00-00", "F"))

    def score(keys: IndexKeys = rec, **fields: str) -> float:
        return likeness(q(**{"prenom": "MARIE", "sexe": "F", **fields}), keys).score

    exact = score(nom="LEFEVRE", ddn="07/01/1946")
    used = score(nom="ROY", ddn="07/01/1946")
    swapped = score(nom="LEFEVRE", ddn="01/07/1946")
    typo = score(nom="LEFVERE", ddn="07/01/1946")
    compatible = score(partial, nom="LEFEVRE", ddn="07/01/1946")
    other = score(nom="ROBERT", prenom="PAUL", ddn="07/01/1946", sexe="M")
    assert exact == 1.0
    assert exact > used > swapped > compatible > typo > MIN_SCORE > other


def test_matricule_alone_finds_or_excludes() -> None:
    assert likeness(q(ins="246012000411885"), RECORD).score == 1.0
    assert likeness(q(ins="2 83 05 2A 004 123 07"), RECORD).score == 0.0


def test_sex_levels() -> None:
    assert likeness(q(nom="LEFEVRE", sexe="M"), RECORD).raisons[1] == "sexe différent"
    assert likeness(q(nom="LEFEVRE", sexe="I"), RECORD).raisons[1] == "sexe indéterminé"


def test_near_identical_is_symmetric_and_needs_a_full_date() -> None:
    twin = index_keys(Resident("1", "B", "LEFEBVRE", "MARIE", "1946-01-17", "F"))
    other = index_keys(Resident("1", "C", "LEFEVRE", "MARIE", "1946-01-18", "F"))
    partial = index_keys(Resident("1", "D", "LEFEVRE", "MARIE", "1946-00-00", "F"))
    assert near_identical(RECORD, twin) and near_identical(twin, RECORD)
    assert not near_identical(RECORD, other)
    assert not near_identical(partial, partial)
    assert not near_identical(IndexKeys(), IndexKeys())


KEYS = st.builds(
    lambda n, p, d, s: index_keys(Resident("1", "A", n, p, d, s)),
    st.sampled_from(["DUPONT", "DUPOND", "LEFEVRE", "LE GALL", "MARTIN", "X"]),
    st.sampled_from(["JEAN", "MARIE CLAIRE", "JEAN-PIERRE", "ANNE"]),
    st.sampled_from(["1950-03-05", "1950-05-03", "1950-00-00", "1983-05-12", "1950-03-00"]),
    st.sampled_from(["M", "F", "I"]),
)
QUERIES = st.builds(
    lambda n, p, d, s: parse_query(nom=n, prenom=p, ddn=d, sexe=s, today=TODAY),
    st.sampled_from(["DUPONT", "dupond", "Le-Gall", "MARTINE", "X"]),
    st.one_of(st.none(), st.sampled_from(["jean", "Claire", "PIERRE"])),
    st.one_of(st.none(), st.sampled_from(["05/03/1950", "1950", "03/1950", "12/05/1983"])),
    st.one_of(st.none(), st.sampled_from(["M", "F"])),
)


@given(QUERIES, KEYS)
def test_score_is_bounded_and_deterministic(query: LookupQuery, keys: IndexKeys) -> None:
    like = likeness(query, keys)
    assert 0.0 <= like.score <= 1.0
    assert like == likeness(query, keys)
    assert len(like.raisons) == sum(
        (bool(query.nom_cle), bool(query.prenoms), query.ddn is not None, bool(query.sexe))
    )
