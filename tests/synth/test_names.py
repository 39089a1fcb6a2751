"""Names and typing: INSEE frequencies, forme INS, typing styles and typos."""

from __future__ import annotations

import random
import re
from collections import Counter

import pytest

from insvigil.synth import names
from insvigil.synth.saisie import style, typo
from tests.synth.helpers import Population

FORME_INS = re.compile(r"^[A-Z]+(?:(?:-{1,2}|[' ])[A-Z]+)*$")


def test_first_names_follow_sex_and_year() -> None:
    table = names.load()
    rng = random.Random(1)
    women_1930 = Counter(table.prenom(rng, "F", 1930) for _ in range(3000))
    men_2020 = Counter(table.prenom(rng, "M", 2020) for _ in range(3000))
    assert women_1930.most_common(1)[0][0] == "MARIE"
    assert "MARIE" not in dict(men_2020.most_common(20))
    assert table.prenom(rng, "M", 2025) and table.prenom(rng, "F", 1890)


def test_family_names_follow_frequency() -> None:
    table = names.load()
    rng = random.Random(2)
    drawn = Counter(table.nom(rng, 1940) for _ in range(20000))
    assert drawn.most_common(1)[0][0] == "MARTIN"
    assert len(drawn) > 5000


def test_every_name_has_a_forme_ins() -> None:
    table = names.load()
    rng = random.Random(3)
    for year in range(1920, 2026, 7):
        for sexe in "MF":
            for _ in range(200):
                assert FORME_INS.match(table.ins(table.prenom(rng, sexe, year)))
        for _ in range(200):
            assert FORME_INS.match(table.nom(rng, year))


@pytest.mark.parametrize("text", ["DUPONT", "LE GALL", "D'ANGELO", "MARTIN--DURAND", "JEAN-PIERRE"])
def test_typos_change_letters_and_keep_the_form(text: str) -> None:
    rng = random.Random(4)
    for _ in range(300):
        wrong = typo(rng, text)
        assert wrong != text and FORME_INS.match(wrong)


def test_styles() -> None:
    assert style("MARIE-HÉLÈNE", "U") == "MARIE-HELENE"
    assert style("D'ANGELO", "T") == "D'Angelo"
    assert style("ŒDIPE", "L") == "œdipe"


def test_local_traits_normalise_to_conforming_values(population: Population) -> None:
    charset = pytest.importorskip("insvigil.traits.charset", reason="insvigil.traits missing")
    seen = Counter()
    for resident, truth in zip(population.residents, population.truth, strict=True):
        if truth["statut_attendu"] == "REJET":
            continue
        codes = set(truth["defauts"].split("|"))
        nom = charset.to_ins_form(resident["nom_naissance"], "nom")
        assert nom.conforme != ("NOM_NON_CONFORME" in codes), resident["nom_naissance"]
        assert charset.to_ins_form(resident["prenoms_naissance"], "prenom").conforme
        seen["accents"] += not resident["prenoms_naissance"].isascii()
        seen["lower"] += resident["nom_naissance"] != resident["nom_naissance"].upper()
        seen["particle"] += any(c in resident["nom_naissance"].strip() for c in " '-’")
        seen["composed"] += "-" in resident["prenoms_naissance"]
    assert all(seen[k] > 0 for k in ("accents", "lower", "particle", "composed"))
