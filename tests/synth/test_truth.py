"""Ground truth: coverage of statuses and attributes, consistency of verite*.csv."""

from __future__ import annotations

from collections import Counter

import pytest

from insvigil.synth import DEFAUTS
from insvigil.synth.truth import document_ok, ecart, expected, status
from tests.synth.helpers import Population

STATUSES = ("PROVISOIRE", "RECUPEREE", "VALIDEE", "QUALIFIEE")


def test_every_status_and_attribute_is_present(population: Population) -> None:
    expected_statuses = Counter(t["statut_attendu"] for t in population.truth)
    assert set(expected_statuses) == {*STATUSES, "REJET"}
    declared = Counter(r["statut"] for r in population.residents)
    assert set(STATUSES) <= set(declared)
    attributes = Counter(a for r in population.residents for a in r["attributs"].split("|") if a)
    assert set(attributes) == {"DOUTEUSE", "FICTIVE", "HOMONYME"}
    assert Counter(r["actif"] for r in population.residents).keys() == {"0", "1", ""}


def test_documents_cover_the_contract_codes(population: Population) -> None:
    documents = {r["justificatif"] for r in population.residents}
    assert {"CNI", "PASSEPORT", "TITRE_SEJOUR", "LIVRET_FAMILLE", "CARTE_VITALE"} <= documents
    assert {"PERMIS_CONDUIRE", "AUTRE", ""} <= documents
    complements = {r["justificatif_complement"] for r in population.residents}
    assert complements == {"", "PIECE_REPRESENTANT_LEGAL", "CARTE_VITALE_PHOTO"}


def test_truth_rows_match_resident_rows(population: Population) -> None:
    for resident, truth in zip(population.residents, population.truth, strict=True):
        assert (resident["structure"], resident["local_id"]) == (
            truth["structure"],
            truth["local_id"],
        )
        assert truth["ins_utilisable_attendu"] == (
            "1" if truth["statut_attendu"] == "QUALIFIEE" else "0"
        )
        assert truth["personne_id"].startswith("P")
        assert all(code in DEFAUTS for code in truth["defauts"].split("|") if code)


def test_keys_are_unique_except_injected_duplicates(population: Population) -> None:
    keys = Counter((r["structure"], r["local_id"]) for r in population.residents)
    duplicated = {k for k, count in keys.items() if count > 1}
    flagged = {
        (t["structure"], t["local_id"])
        for t in population.truth
        if "REJET_LOCAL_ID_DUPLIQUE" in t["defauts"]
    }
    assert duplicated == flagged and all(keys[k] == 2 for k in duplicated)


def test_rejected_rows_are_the_injected_ones(population: Population) -> None:
    for resident, truth in zip(population.residents, population.truth, strict=True):
        rejected = truth["statut_attendu"] == "REJET"
        codes = truth["defauts"].split("|")
        assert rejected == any(DEFAUTS[c].rejet for c in codes if c)
        if "REJET_SEXE_INCONNU" in codes:
            assert resident["sexe"] == "X"
        if "REJET_CHAMP_VIDE" in codes:
            assert resident["nom_naissance"] == ""


def test_pairs_refer_to_existing_records(population: Population) -> None:
    keys = {(r["structure"], r["local_id"]) for r in population.residents}
    truth = {(t["structure"], t["local_id"]): t for t in population.truth}
    kinds = Counter()
    seen = set()
    for pair in population.pairs:
        a = (pair["structure_a"], pair["local_id_a"])
        b = (pair["structure_b"], pair["local_id_b"])
        assert a in keys and truth[a]["statut_attendu"] != "REJET"
        if pair["structure_b"]:
            assert b in keys and a != b and truth[b]["statut_attendu"] != "REJET"
            same_person = truth[a]["personne_id"] == truth[b]["personne_id"]
            assert same_person == (pair["type"] == "DOUBLON")
        else:
            assert pair["type"] == "COLLISION" and not pair["local_id_b"]
        unordered = frozenset((a, b))
        assert unordered not in seen
        seen.add(unordered)
        kinds[pair["type"]] += 1
    assert set(kinds) == {"DOUBLON", "COLLISION", "JUMEAUX", "HOMONYMES", "PARENT_ENFANT"}


def test_duplicates_are_the_only_records_sharing_a_person(population: Population) -> None:
    by_person: dict[str, list[tuple[str, str]]] = {}
    for t in population.truth:
        by_person.setdefault(t["personne_id"], []).append((t["structure"], t["local_id"]))
    doublons = {
        frozenset(((p["structure_a"], p["local_id_a"]), (p["structure_b"], p["local_id_b"])))
        for p in population.pairs
        if p["type"] == "DOUBLON"
    }
    for records in by_person.values():
        for i, a in enumerate(records):
            for b in records[i + 1 :]:
                assert frozenset((a, b)) in doublons


def test_declared_status_gaps_are_flagged(population: Population) -> None:
    for resident, truth in zip(population.residents, population.truth, strict=True):
        if truth["statut_attendu"] == "REJET":
            continue
        gap = ecart(resident["statut"], truth["statut_attendu"])
        codes = truth["defauts"].split("|")
        assert ("STATUT_SURESTIME" in codes) == (gap == "SURESTIME")
        assert ("STATUT_SOUSESTIME" in codes) == (gap == "SOUSESTIME")


def test_douteuse_and_fictive_are_provisoire(population: Population) -> None:
    for resident, truth in zip(population.residents, population.truth, strict=True):
        if {"DOUTEUSE", "FICTIVE"} & set(resident["attributs"].split("|")):
            assert truth["statut_attendu"] in ("PROVISOIRE", "REJET")


@pytest.mark.parametrize("code", sorted(c for c, d in DEFAUTS.items() if not d.rejet))
def test_each_defect_maps_to_its_effect(code: str) -> None:
    d = DEFAUTS[code]
    result = expected([], [code], latest_00=True, document=True)
    assert result == status(not d.bloque_i, not d.bloque_c)


def test_status_rules() -> None:
    assert expected(["HOMONYME"], [], latest_00=True, document=True) == "QUALIFIEE"
    assert expected(["FICTIVE"], [], latest_00=True, document=True) == "PROVISOIRE"
    assert expected([], [], latest_00=False, document=True) == "VALIDEE"
    assert expected([], [], latest_00=False, document=False) == "PROVISOIRE"
    assert document_ok("LIVRET_FAMILLE", "PIECE_REPRESENTANT_LEGAL", minor=True)
    assert not document_ok("LIVRET_FAMILLE", "PIECE_REPRESENTANT_LEGAL", minor=False)
    assert not document_ok("LIVRET_FAMILLE", "CARTE_VITALE_PHOTO", minor=False)
    assert not document_ok("IDENTITE_NUMERIQUE", "", minor=False)
    assert ecart("", "QUALIFIEE") == "" and ecart("VALIDEE", "RECUPEREE") == "SURESTIME"
