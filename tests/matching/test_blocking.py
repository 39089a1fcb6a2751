"""Blocking keys (pure, symmetric) and blocks (giant-block guard, each pair compared once)."""

from __future__ import annotations

from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from insvigil.matching.blocking import (
    RULES,
    build_blocks,
    cle_ddn,
    cle_ddn_inversee,
    cle_matricule,
    cle_nom_annee,
    cle_nom_ddn,
    cle_prenom_annee_jour,
    cle_prenom_annee_mois,
    cle_prenom_ddn,
    cle_prenom_jour_mois,
    compared_before,
)
from insvigil.matching.record import MatchRecord

from .helpers import nir, rec

NIR = nir("1500375115123")


def test_keys() -> None:
    r = rec("1", "Le Gall", "Jean-Pierre Marie", "1950-03-05", nom_utilise="Roy", matricule=NIR)
    assert cle_matricule(r) == {NIR}
    assert cle_nom_ddn(r) == {"LE GALL|1950-03-05", "ROY|1950-03-05"}
    assert cle_prenom_ddn(r) == {"JEAN|1950-03-05"}
    assert cle_ddn(r) == {"1950-03-05"}
    assert cle_ddn_inversee(r) == {"1950-03-05~1950-05-03"}
    assert cle_nom_annee(r) == {"LE GALL|1950"}
    assert cle_prenom_annee_mois(r) == {"JEAN|1950-03"}
    assert cle_prenom_annee_jour(r) == {"JEAN|1950|05"}
    assert cle_prenom_jour_mois(r) == {"JEAN|03-05"}


def test_no_key_when_the_trait_is_missing_or_partial() -> None:
    r = rec("1", "", "", "1950-00-00")
    assert cle_nom_ddn(r) == cle_prenom_ddn(r) == cle_nom_annee(r) == frozenset()
    assert cle_ddn_inversee(r) == cle_prenom_jour_mois(r) == frozenset()
    assert cle_ddn_inversee(rec("2", naissance="1950-05-05")) == frozenset()  # day = month
    assert cle_ddn_inversee(rec("3", naissance="1950-05-13")) == frozenset()  # day > 12


def test_keys_are_pure() -> None:
    r = rec("1", nom_utilise="ROY", matricule=NIR)
    before = repr(r)
    for rule in RULES:
        assert rule.keys(r) == rule.keys(r) == frozenset(rule.tuple_keys(r))
    assert repr(r) == before


NAMES = st.sampled_from(["MARTIN", "ROY", "LE GALL", ""])
FIRST = st.sampled_from(["JEAN", "JEAN-PIERRE", "PAUL", ""])
DATES = st.sampled_from(["1950-03-05", "1950-05-03", "1950-03-07", "1951-03-05", "1950-00-00"])
MATRICULES = st.sampled_from([None, NIR, nir("2500375115123")])


def _record(name: str, used: str, first: str, born: str, m: str | None, i: str) -> MatchRecord:
    return rec(i, name, first, born, matricule=m, nom_utilise=used or None)


RECORDS = st.builds(_record, NAMES, NAMES, FIRST, DATES, MATRICULES, st.just("x"))


@settings(max_examples=200, deadline=None)
@given(RECORDS, RECORDS)
def test_shares_is_symmetric_and_matches_the_keys(a: MatchRecord, b: MatchRecord) -> None:
    for rule in RULES:
        meet = bool(rule.keys(a) & rule.keys(b))
        assert rule.shares(a, b) == rule.shares(b, a) == meet, rule.code
        assert rule.compared(a, b) == rule.compared(b, a), rule.code


def test_giant_block_is_split_then_skipped_and_reported() -> None:
    records = [rec(str(i), f"{chr(65 + i % 3)}NOM", f"P{i}", "1900-01-01", lieu=None)
               for i in range(30)]  # fmt: skip
    blocking = build_blocks(records, [0] * len(records), max_size=12)
    lines = [line for line in blocking.giant_blocks if line.startswith("date de naissance")]
    assert lines == ["date de naissance « 1900-01-01 » : 30 dossiers, découpé en 3 sous-blocs"]
    ddn = [b for b in blocking.blocks() if RULES[b.rule].code == "ddn"]
    assert sorted(len(b.members) for b in ddn) == [10, 10, 10]
    tiny = build_blocks(records, [0] * len(records), max_size=5)
    assert any("30 dossiers ignorés" in line for line in tiny.giant_blocks)
    assert not [b for b in tiny.blocks() if RULES[b.rule].code == "ddn"]


def test_giant_matricule_block_is_skipped_and_masked() -> None:
    records = [rec(str(i), f"N{i}", "PAUL", f"19{10 + i}-01-02", matricule=NIR) for i in range(12)]
    lines = build_blocks(records, [0] * 12, max_size=10).giant_blocks
    assert lines[0] == (
        "matricule « 1************" + NIR[-2:] + " » : 12 dossiers, bloc ignoré (au-delà de 10)"
    )
    assert all(NIR not in line for line in lines)


def test_each_pair_is_compared_in_one_block_only() -> None:
    records = [
        rec("1", "MARTIN", "PAUL", "1950-03-05", matricule=NIR),
        rec("2", "MARTIN", "PAUL", "1950-03-05", insi=NIR),
        rec("3", "MARTEN", "PAUL", "1950-05-03"),
        rec("4", "MARTIN", "PAULE", "1950-03-15"),
        rec("5", "DURAND", "PAUL", "1950-03-05"),
    ]
    blocking = build_blocks(records, [0] * 5, max_size=100)
    seen: dict[tuple[int, int], int] = {}
    for block in blocking.blocks():
        near = RULES[block.rule].near
        for i, j in combinations(block.members, 2):
            a, b = records[i], records[j]
            if near is not None and not near.pair(a, b):
                continue
            if not compared_before(a, b, block.rule, blocking, 0, 0):
                seen[(i, j)] = seen.get((i, j), 0) + 1
    assert set(seen.values()) == {1}
    assert (0, 1) in seen and (0, 2) in seen and (0, 3) in seen
