"""Verdicts: duplicates, hard negatives (twins, homonyms, parent and child), doubt, collisions."""

from __future__ import annotations

import pytest

from insvigil.matching import MatchRecord, find_pairs
from insvigil.matching.comparisons import compare_all
from insvigil.matching.pairs import Verdict, classify, evaluate
from insvigil.matching.scoring import prior

from .helpers import POLICY, nir, rec

PRIOR = prior(100_000)
PROBABLE = POLICY.seuil_probable
FATHER_NIR = nir("1650375115123")


def verdict(a: MatchRecord, b: MatchRecord) -> Verdict:
    return classify(compare_all(a, b), a, b, prior_odds=PRIOR, probable=PROBABLE)


DUPLICATES = [
    ({}, {}),
    ({"nom": "DUPONT"}, {"nom": "DUPOND", "lieu": None}),
    ({"nom": "LE GALL"}, {"nom": "LEGALL"}),
    ({"prenoms": "MARIE CLAIRE", "sexe": "F"}, {"prenoms": "MARIE", "sexe": "F"}),
    ({"naissance": "1950-03-05"}, {"naissance": "1950-05-03"}),
    ({"nom": "DURAND", "nom_utilise": "MARTIN", "sexe": "F", "prenoms": "LEA"},
     {"nom": "MARTIN", "sexe": "F", "prenoms": "LEA"}),
    ({"prenoms": "JEAN PAUL", "prenom_utilise": "LOUIS"}, {"prenoms": "LOUIS JEAN PAUL"}),
    ({"sexe": "M"}, {"sexe": "F"}),  # a slip on sex, everything else the same
    ({"matricule": FATHER_NIR, "naissance": "1965-03-05"},
     {"insi": FATHER_NIR, "naissance": "1966-03-05", "lieu": None}),
]  # fmt: skip


@pytest.mark.parametrize(("a", "b"), DUPLICATES)
def test_duplicates_are_probable(a: dict[str, str], b: dict[str, str]) -> None:
    v = verdict(rec("1", **a), rec("2", **b))
    assert v.kind == "DOUBLON"
    assert v.score >= PROBABLE


HARD_NEGATIVES = [
    # twins: same name, date and place, other first names (sex alike or not)
    ({"prenoms": "PAUL"}, {"prenoms": "LOUIS"}, "HOMONYME"),
    ({"prenoms": "JEAN-PIERRE"}, {"prenoms": "JEAN-LUC"}, "HOMONYME"),
    ({"prenoms": "LOUIS", "sexe": "M"}, {"prenoms": "LOUISE", "sexe": "F"}, "HOMONYME"),
    ({"prenoms": "PAUL MARIE"}, {"prenoms": "LOUIS MARIE"}, "HOMONYME"),
    # homonyms: same names and first names, another birth date
    ({"naissance": "1950-03-05"}, {"naissance": "1972-11-23"}, ""),
    # parent and child with the same names and first names
    ({"naissance": "1950-03-05"}, {"naissance": "1978-06-14", "lieu": "69123"}, ""),
    # two different NIRs
    ({"matricule": nir("1500375115123")}, {"matricule": nir("1500375115999")}, "HOMONYME"),
]


@pytest.mark.parametrize(("a", "b", "kind"), HARD_NEGATIVES)
def test_hard_negatives_are_never_duplicates(a: dict[str, str], b: dict[str, str],
                                             kind: str) -> None:  # fmt: skip
    x, y = rec("1", **a), rec("2", **b)
    assert verdict(x, y).kind == kind
    assert verdict(y, x).kind == kind


DOUBTS = [
    ({"prenoms": "LEO"}, {"prenoms": "LEON"}),  # two first names: twins, or a slip
    ({"prenoms": "ERIC"}, {"prenoms": "PHILIPPE ERIC"}),  # one list inside the other
    ({"nom": "MARTIN"}, {"nom": "DURAND"}),  # another birth name, all else equal
    ({"naissance": "1950-03-05", "lieu": None}, {"naissance": "1960-03-05"}),  # year, no place
]


@pytest.mark.parametrize(("a", "b"), DOUBTS)
def test_doubtful_pairs_stay_below_probable(a: dict[str, str], b: dict[str, str]) -> None:
    v = verdict(rec("1", **a), rec("2", **b))
    assert v.kind == "DOUBLON"
    assert v.score < PROBABLE
    assert v.motif.startswith("à vérifier")


def test_child_under_a_parents_nir_is_a_collision() -> None:
    father = rec("1", "ROY", "PAUL", "1965-03-05", matricule=FATHER_NIR)
    child = rec("2", "ROY", "LEA", "2015-07-02", "F", matricule=FATHER_NIR)
    v = verdict(father, child)
    assert v.kind == "COLLISION"
    assert v.score == 1.0
    report = find_pairs([father, child], POLICY, workers=1)
    assert [(p.type.value, p.local_id_a, p.local_id_b) for p in report.pairs] == [
        ("COLLISION", "1", "2")
    ]  # the pair, not also a record-level row for the child


def test_wife_under_her_husbands_nir_is_a_collision() -> None:
    husband = rec("1", "ROY", "PAUL", "1965-03-05", matricule=FATHER_NIR)
    wife = rec("2", "DURAND", "LEA", "1967-10-12", "F", nom_utilise="ROY", insi=FATHER_NIR)
    assert verdict(husband, wife).kind == "COLLISION"


def test_evaluate_agrees_with_compare_all_then_classify() -> None:
    cases = [(rec("1", **a), rec("2", **b)) for a, b in DUPLICATES + DOUBTS]
    cases += [(rec("1", **a), rec("2", **b)) for a, b, _ in HARD_NEGATIVES]
    for a, b in cases:
        found = evaluate(a, b, prior_odds=PRIOR, probable=PROBABLE, revue=POLICY.seuil_revue)
        v = verdict(a, b)
        if found is None:
            assert v.kind in ("", "DOUBLON") and (v.kind == "" or v.score < POLICY.seuil_revue)
        else:
            assert found == (compare_all(a, b), v)


def test_reasons_are_french_labels() -> None:
    report = find_pairs([rec("1", "LE GALL"), rec("2", "LEGALL", lieu=None)], POLICY, workers=1)
    (pair,) = report.pairs
    assert pair.raisons.split("|") == [
        "nom identique sans séparateurs (LE GALL / LEGALL)",
        "prénoms identiques",
        "date de naissance identique",
        "sexe identique",
    ]
    assert pair.levels[0] == "nom=SEPARATEURS"
    assert pair.row()[4] == f"{pair.score:.4f}"
