"""generate(): determinism, counts, file layout (contract §1, §2)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from insvigil.errors import OutputError
from insvigil.synth import PAIRS_HEADER, RESIDENTS_HEADER, TRUTH_HEADER, generate
from tests.synth.helpers import N, Population

CONTRACT_COLUMNS = (
    "structure;local_id;nom_naissance;prenoms_naissance;premier_prenom;date_naissance;sexe;"
    "lieu_naissance;nom_utilise;prenom_utilise;matricule_ins;oid_ins;justificatif;"
    "justificatif_complement;attributs;statut;actif"
)


def files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


def test_same_inputs_give_identical_bytes(tmp_path: Path) -> None:
    first = generate(700, 5, tmp_path / "a", xml_count=5)
    second = generate(700, 5, tmp_path / "b", xml_count=5)
    assert files(tmp_path / "a") == files(tmp_path / "b")
    assert first.statuts == second.statuts and first.defauts == second.defauts


def test_another_seed_or_date_gives_another_population(tmp_path: Path) -> None:
    generate(300, 5, tmp_path / "a")
    generate(300, 6, tmp_path / "b")
    generate(300, 5, tmp_path / "c", today=date(2026, 1, 15))
    a, b, c = (files(tmp_path / x)["residents.csv"] for x in "abc")
    assert a != b and a != c


def test_a_folder_that_is_not_empty_is_refused_untouched(tmp_path: Path) -> None:
    generate(400, 1, tmp_path / "a", xml_count=8)
    before = files(tmp_path / "a")
    with pytest.raises(OutputError, match="n'est pas vide"):
        generate(200, 2, tmp_path / "a", xml_count=3)
    assert files(tmp_path / "a") == before
    (tmp_path / "vide").mkdir()
    generate(200, 2, tmp_path / "vide", xml_count=3)  # an empty folder is fine
    generate(200, 2, tmp_path / "b", xml_count=3)
    assert files(tmp_path / "vide") == files(tmp_path / "b")


def test_header_is_the_contract_columns(population: Population) -> None:
    header = (population.out / "residents.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert header == CONTRACT_COLUMNS == ";".join(RESIDENTS_HEADER)
    truth = (population.out / "verite.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert truth == ";".join(TRUTH_HEADER)
    pairs = (population.out / "verite_paires.csv").read_text(encoding="utf-8").split("\n", 1)[0]
    assert pairs == ";".join(PAIRS_HEADER)


def test_every_line_has_every_cell(population: Population) -> None:
    text = (population.out / "residents.csv").read_text(encoding="utf-8")
    assert not text.startswith("\ufeff") and "\r" not in text and '"' not in text
    lines = text.split("\n")
    assert lines[-1] == "" and len(lines) == N + 2
    assert all(line.count(";") == 16 for line in lines[:-1])


def test_counts(population: Population) -> None:
    s = population.summary
    assert s.records == N == len(population.residents) == len(population.truth)
    assert sum(s.statuts.values()) == N
    assert s.structures == 8 == len({r["structure"] for r in population.residents})
    assert sum(s.paires.values()) == len(population.pairs)
    jsonl = (population.out / "insi.jsonl").read_text(encoding="utf-8").splitlines()
    assert s.insi_jsonl == len(jsonl)
    assert s.insi_xml == 20 == len(list((population.out / "insi_xml").glob("*.xml")))
    assert N * 0.9 < s.persons < N
    assert s.lines()[0].startswith("Population synthétique")


def test_jsonl_follows_the_contract(population: Population) -> None:
    keys = {(r["structure"], r["local_id"]) for r in population.residents}
    for line in (population.out / "insi.jsonl").read_text(encoding="utf-8").splitlines():
        response = json.loads(line)
        assert (response["structure"], response["local_id"]) in keys
        assert response["operation"] in (
            "RECHERCHE_TRAITS",
            "RECHERCHE_CARTE_VITALE",
            "VERIFICATION",
        )
        assert response["cr"] in ("00", "01", "02")
        assert ("ins" in response) == ("traits" in response) == (response["cr"] == "00")
        date.fromisoformat(response["date"][:10])


def test_no_xml_response_is_also_in_jsonl(population: Population) -> None:
    xml_keys = {tuple(p.stem.split("__", 1)) for p in (population.out / "insi_xml").iterdir()}
    jsonl = (population.out / "insi.jsonl").read_text(encoding="utf-8").splitlines()
    assert not xml_keys & {(json.loads(x)["structure"], json.loads(x)["local_id"]) for x in jsonl}


def test_small_and_empty_populations(tmp_path: Path) -> None:
    summary = generate(3, 1, tmp_path / "three", structures=1)
    assert summary.records == 3 and summary.structures == 1
    summary = generate(0, 1, tmp_path / "none")
    assert summary.records == 0
    assert (tmp_path / "none" / "residents.csv").read_text(encoding="utf-8").count("\n") == 1


def test_bad_arguments_are_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        generate(-1, 1, tmp_path)
    with pytest.raises(ValueError):
        generate(10, 1, tmp_path, structures=0)
