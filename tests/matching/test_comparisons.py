"""Each comparison level, table-driven, both ways round (comparisons are symmetric)."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from insvigil.matching.comparisons import (
    COMPARISONS,
    DATE,
    LIEU,
    MATRICULE,
    NOM,
    PRENOMS,
    SEXE,
    Comparison,
    compare_all,
)

from .helpers import nir, rec

NIR_A = nir("1500375115123")
NIR_B = nir("1500375115124")

Fields = dict[str, Any]

CASES: list[tuple[Comparison, Fields, Fields, str]] = [
    # nom de naissance
    (NOM, {"nom": "Martin"}, {"nom": "MARTIN"}, "IDENTIQUE"),
    (NOM, {"nom": "MARTIN--DURAND"}, {"nom": "MARTIN DURAND"}, "NORMALISE"),
    (NOM, {"nom": "D'ARC"}, {"nom": "D ARC"}, "NORMALISE"),
    (NOM, {"nom": "LE GALL"}, {"nom": "LEGALL"}, "SEPARATEURS"),
    (NOM, {"nom": "DUPONT", "nom_utilise": "MARTIN"}, {"nom": "MARTIN"}, "USAGE"),
    (NOM, {"nom": "MARTIN"}, {"nom": "MARTIN--DURAND"}, "COMPOSE"),
    (NOM, {"nom": "DUPONT"}, {"nom": "DUPOND"}, "FAUTE"),
    (NOM, {"nom": "DUPONT"}, {"nom": "DUPOTN"}, "FAUTE"),  # two neighbours swapped
    (NOM, {"nom": "ROCHET"}, {"nom": "ROCHETEAU"}, "PROCHE"),
    (NOM, {"nom": "MARTIN"}, {"nom": "DURAND"}, "DIFFERENT"),
    (NOM, {"nom": ""}, {"nom": "DURAND"}, "ABSENT"),
    # prénoms de naissance
    (PRENOMS, {"prenoms": "Jean-Pierre Marie"}, {"prenoms": "JEAN-PIERRE MARIE"}, "IDENTIQUES"),
    (PRENOMS, {"prenoms": "JEAN-PIERRE"}, {"prenoms": "JEAN PIERRE"}, "NORMALISES"),
    (PRENOMS, {"prenoms": "MARIE"}, {"prenoms": "MARIE CLAIRE ANNE"}, "INCOMPLETS"),
    (PRENOMS, {"prenoms": "MARIE CLAIRE"}, {"prenoms": "CLAIRE MARIE"}, "ORDRE"),
    (PRENOMS, {"prenoms": "JEAN PAUL", "prenom_utilise": "LOUIS"},
     {"prenoms": "LOUIS JEAN PAUL"}, "USAGE"),
    (PRENOMS, {"prenoms": "JEAN PAUL"}, {"prenoms": "JEAN PAULE"}, "FAUTE_SUIVANT"),
    (PRENOMS, {"prenoms": "JEAN PAUL"}, {"prenoms": "JEAN ROGER"}, "PREMIER_IDENTIQUE"),
    (PRENOMS, {"prenoms": "GBRIEL ELIOT"}, {"prenoms": "GABRIEL ELIOT"}, "FAUTE_PREMIER"),
    (PRENOMS, {"prenoms": "LEO"}, {"prenoms": "LEON"}, "PREMIER_VOISIN"),  # two first names
    (PRENOMS, {"prenoms": "ROGER MICHEL CLAUDE"}, {"prenoms": "MICHEL ROGER SLAUDE"}, "FLOUS"),
    (PRENOMS, {"prenoms": "MATHILDEE"}, {"prenoms": "MATHILDE ROSE"}, "FAUTE_PREMIER"),
    (PRENOMS, {"prenoms": "CHRISTIANE"}, {"prenoms": "CHRISTINE"}, "PREMIER_VOISIN"),
    (PRENOMS, {"prenoms": "CHRISTIANE"}, {"prenoms": "CHRYSTIANNE"}, "PREMIER_PROCHE"),
    (PRENOMS, {"prenoms": "JEANNINE"}, {"prenoms": "YVETTE JEANNINE"}, "INCLUS"),
    (PRENOMS, {"prenoms": "PAUL MARIE"}, {"prenoms": "LEA MARIE"}, "UN_COMMUN"),
    (PRENOMS, {"prenoms": "JEAN-PIERRE"}, {"prenoms": "JEAN-LUC"}, "UN_COMMUN"),  # twins
    (PRENOMS, {"prenoms": "PAUL"}, {"prenoms": "LEA"}, "DIFFERENTS"),
    (PRENOMS, {"prenoms": ""}, {"prenoms": "LEA"}, "ABSENTS"),
    # date de naissance
    (DATE, {"naissance": "1950-03-05"}, {"naissance": "1950-03-05"}, "IDENTIQUE"),
    (DATE, {"naissance": "1950-03-05"}, {"naissance": "1950-05-03"}, "INVERSEE"),
    (DATE, {"naissance": "1950-00-00"}, {"naissance": "1950-12-31"}, "PARTIELLE"),
    (DATE, {"naissance": "1950-03-05"}, {"naissance": "1950-03-15"}, "PROCHE"),
    (DATE, {"naissance": "1950-03-31"}, {"naissance": "1950-04-01"}, "PROCHE"),  # one day
    (DATE, {"naissance": "1950-03-05"}, {"naissance": "1960-03-05"}, "ANNEE"),
    (DATE, {"naissance": "1958-03-05"}, {"naissance": "1985-03-05"}, "ANNEE"),  # swapped
    (DATE, {"naissance": "1950-03-05"}, {"naissance": "1977-08-21"}, "DIFFERENTE"),
    (DATE, {"naissance": "1950-00-00"}, {"naissance": "1951-06-02"}, "DIFFERENTE"),
    # sexe
    (SEXE, {"sexe": "F"}, {"sexe": "F"}, "IDENTIQUE"),
    (SEXE, {"sexe": "I"}, {"sexe": "F"}, "INDETERMINE"),
    (SEXE, {"sexe": "M"}, {"sexe": "F"}, "DIFFERENT"),
    # lieu de naissance
    (LIEU, {"lieu": None}, {"lieu": "75056"}, "ABSENT"),
    (LIEU, {"lieu": "69123"}, {"lieu": "69123"}, "IDENTIQUE"),
    (LIEU, {"lieu": "75115"}, {"lieu": "75056"}, "MEME_COMMUNE"),  # arrondissement
    (LIEU, {"lieu": "20004", "naissance": "1950-03-05"}, {"lieu": "2A004"}, "MEME_COMMUNE"),
    (LIEU, {"lieu": "75015"}, {"lieu": "75115"}, "CODE_POSTAL"),  # postal code typed
    (LIEU, {"lieu": "69123"}, {"lieu": "69264"}, "MEME_DEPARTEMENT"),
    (LIEU, {"lieu": "69123"}, {"lieu": "99350"}, "DIFFERENT"),
    # matricule
    (MATRICULE, {"matricule": NIR_A}, {}, "ABSENT"),
    (MATRICULE, {"matricule": NIR_A}, {"insi": NIR_A}, "IDENTIQUE"),
    (MATRICULE, {"matricule": NIR_A}, {"matricule": NIR_B}, "DIFFERENT"),
    (MATRICULE, {"matricule": NIR_A, "oid_ins": "1.2.250.1.213.1.4.9"}, {"matricule": NIR_B},
     "DIFFERENT_NIA"),
    (MATRICULE, {"matricule": NIR_A[:13] + "00"}, {"matricule": NIR_B}, "ABSENT"),  # bad key
]  # fmt: skip


@pytest.mark.parametrize(("comparison", "a", "b", "expected"), CASES)
def test_level(comparison: Comparison, a: Fields, b: Fields, expected: str) -> None:
    x, y = rec("a", **a), rec("b", **b)
    assert comparison.codes[comparison.compare(x, y)] == expected
    assert comparison.codes[comparison.compare(y, x)] == expected


def test_every_level_is_exercised_and_labelled() -> None:
    seen = {(c.trait, code) for c, _, _, code in CASES}
    for comparison in COMPARISONS:
        assert len(comparison.codes) == len(comparison.labels)
        assert all(label and label[0].islower() for label in comparison.labels)
        for code in comparison.codes:
            if (comparison.trait, code) == ("date", "ABSENT"):
                continue
            assert (comparison.trait, code) in seen, code


NAMES = st.sampled_from(["MARTIN", "MARTINE", "LE GALL", "LEGALL", "DUPONT", "DUPOND", "ROY"])
FIRST = st.sampled_from(["JEAN", "JEAN-PIERRE", "JEAN PIERRE", "PIERRE JEAN", "LEO", "LEON",
                         "MARIE CLAIRE", "CLAIRE", "PAUL MARIE"])  # fmt: skip
DATES = st.sampled_from(["1950-03-05", "1950-05-03", "1950-00-00", "1951-03-05", "1950-03-06"])
SEX = st.sampled_from(["M", "F", "I"])
PLACES = st.sampled_from([None, "75056", "75115", "75015", "69123", "99350"])


@settings(max_examples=150, deadline=None)
@given(NAMES, NAMES, FIRST, FIRST, DATES, DATES, SEX, SEX, PLACES, PLACES)
def test_symmetric(
    n1: str, n2: str, p1: str, p2: str, d1: str, d2: str, s1: str, s2: str,
    l1: str | None, l2: str | None,
) -> None:  # fmt: skip
    a = rec("a", n1, p1, d1, s1, lieu=l1, nom_utilise=n2)
    b = rec("b", n2, p2, d2, s2, lieu=l2, prenom_utilise=p1.split(" ")[0])
    assert compare_all(a, b) == compare_all(b, a)
