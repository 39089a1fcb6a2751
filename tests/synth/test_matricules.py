"""Matricules: valid MI02 keys, coherent with sex, year, month and birthplace."""

from __future__ import annotations

import json
import random

from stdnum.fr import nir

from insvigil.synth.people import OID_NIA, OID_NIR, matricule_key
from tests.synth.helpers import Population


def valid(matricule: str) -> bool:
    return nir.calc_check_digits(matricule) == matricule[13:]


def test_key_matches_stdnum() -> None:
    rng = random.Random(3)
    for _ in range(2000):
        body = f"{rng.choice('12')}{rng.randrange(100):02d}{rng.randint(1, 12):02d}"
        body += rng.choice(("2A", "2B", "20", "75", "99", "97")) + f"{rng.randrange(1000000):06d}"
        assert matricule_key(body) == nir.calc_check_digits(body)


def insi_identities(population: Population) -> list[dict[str, object]]:
    lines = (population.out / "insi.jsonl").read_text(encoding="utf-8").splitlines()
    return [r for r in map(json.loads, lines) if r["cr"] == "00"]


def test_insi_matricules_are_coherent_with_the_traits(population: Population) -> None:
    truth = {(t["structure"], t["local_id"]): t["defauts"] for t in population.truth}
    checked = nia = 0
    for response in insi_identities(population):
        ins, traits = response["ins"], response["traits"]
        assert isinstance(ins, dict) and isinstance(traits, dict)
        matricule = ins["matricule"]
        if "INSI_CLE_INVALIDE" in truth[(response["structure"], response["local_id"])]:
            assert not valid(matricule)
            continue
        assert valid(matricule) and ins["oid"] in (OID_NIR, OID_NIA)
        assert matricule[0] == ("1" if traits["sexe"] == "M" else "2")
        assert matricule[1:3] == traits["date_naissance"][2:4]
        month = traits["date_naissance"][5:7]
        assert matricule[3:5] == month if month != "00" else 20 <= int(matricule[3:5]) <= 42
        assert matricule[5:10] == traits["lieu_naissance"]
        for former in ins["historique"]:
            assert valid(former["matricule"]) and former["oid"] == OID_NIA
            assert ins["oid"] == OID_NIR and former["matricule"][:10] == matricule[:10]
            nia += 1
        nia += ins["oid"] == OID_NIA
        checked += 1
    assert checked > 1000 and nia > 0


def test_local_matricules_are_valid_unless_mistyped(population: Population) -> None:
    spaced = 0
    oids = set()
    for resident, truth in zip(population.residents, population.truth, strict=True):
        matricule = resident["matricule_ins"].replace(" ", "")
        if not matricule:
            continue
        spaced += " " in resident["matricule_ins"]
        oids.add(resident["oid_ins"])
        mistyped = {"MATRICULE_CLE_INVALIDE", "INSI_CLE_INVALIDE"} & set(
            truth["defauts"].split("|")
        )
        assert valid(matricule) != bool(mistyped)
    assert spaced > 0
    assert oids == {OID_NIR, OID_NIA, "", "1.2.250.1.213.1.4.10"}


def test_matricules_are_unique_per_person(population: Population) -> None:
    owner: dict[str, str] = {}
    for response in insi_identities(population):
        traits = response["traits"]
        assert isinstance(traits, dict)
        ins = response["ins"]
        assert isinstance(ins, dict)
        person = "|".join(str(traits[k]) for k in sorted(traits))
        assert owner.setdefault(str(ins["matricule"]), person) == person
