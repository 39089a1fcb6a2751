"""``insvigil lookup``: the command object, run with click's CliRunner on a small SQLite store.

The command reaches the library through the public façade (``insvigil.search_identities``…).
Until the façade exports those names, the fixture puts them there for the test's duration
(``raising=False``: once exported, it replaces them with themselves).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import insvigil
from insvigil.lookup import index_keys, result
from insvigil.model import Attribut, Resident, Statut
from insvigil.store import lookup_store, open_store
from insvigil_cli.lookup_cmd import lookup
from tests.store.helpers import begin, item, result_for

CONTRACT_KEYS = ["structure", "local_id", "score", "statut", "attributs", "ins_utilisable",
                 "alertes"]  # fmt: skip


@pytest.fixture(autouse=True)
def facade(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(
        insvigil, "search_identities", lookup_store.search_identities, raising=False
    )
    for name in ("IdentityCandidate", "IdentitySearch"):
        monkeypatch.setattr(insvigil, name, getattr(result, name), raising=False)
    yield


PEOPLE = [
    (Resident("750000001", "A-1", "Lefèvre", "Marie-Hélène Jeanne", "1946-01-07", "F",
              nom_utilise="MARTIN", matricule_ins="246012000411885"), Statut.QUALIFIEE),
    (Resident("750000001", "A-2", "LEFEBVRE", "MARIE", "1946-01-07", "F",
              attributs=frozenset({Attribut.DOUTEUSE})), Statut.PROVISOIRE),
]  # fmt: skip


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'insvigil.db'}"
    with open_store(url) as store:
        run = begin(store)
        store.save_chunk(run, [item(res, result_for(res, statut)) for res, statut in PEOPLE])
        lookup_store.save_lookup_keys(
            store, [(res.structure, res.local_id, index_keys(res)) for res, _ in PEOPLE]
        )
    return url


def run(*args: str) -> Result:
    return CliRunner().invoke(lookup, list(args))


def test_json_follows_the_contract(db: str) -> None:
    done = run("--nom", "lefevre", "--prenom", "marie", "--ddn", "07/01/1946", "--db", db, "--json")
    assert done.exit_code == 0, done.output
    doc = json.loads(done.output)
    candidats = doc["candidats"]
    assert [c["local_id"] for c in candidats] == ["A-1", "A-2"]
    assert list(candidats[0])[: len(CONTRACT_KEYS)] == CONTRACT_KEYS
    first, second = candidats
    assert (first["score"], first["statut"], first["ins_utilisable"]) == (1.0, "QUALIFIEE", True)
    assert second["attributs"] == ["DOUTEUSE"]
    assert any(a.startswith("Identité douteuse") for a in second["alertes"])
    assert first["traits"]["matricule"] == "2************85"
    assert "246012000411885" not in done.output


def test_human_output_is_french_one_line_per_candidate(db: str) -> None:
    done = run("--nom", "Martin", "--ddn", "1946", "--db", db)
    assert done.exit_code == 0, done.output
    lines = done.output.splitlines()
    assert lines[0] == "« Martin, 1946 » : 1 candidat, du plus proche au moins proche"
    assert lines[1].startswith("1. score 0,98 ; 750000001 / A-1 ; Lefèvre (nom utilisé MARTIN)")
    assert "matricule 2************85" in lines[1]
    assert "identité qualifiée, INS utilisable" in lines[1]
    assert lines[2] == "    pourquoi : nom utilisé identique, année de naissance identique"
    assert "246012000411885" not in done.output


def test_a_matricule_finds_its_record(db: str) -> None:
    done = run("--ins", "2 46 01 20 004 118 85", "--db", db, "--json")
    assert done.exit_code == 0, done.output
    assert [c["local_id"] for c in json.loads(done.output)["candidats"]] == ["A-1"]


def test_nothing_found(db: str) -> None:
    done = run("--nom", "Zyxwv", "--ddn", "01/01/1901", "--db", db)
    assert done.exit_code == 0
    assert done.output.startswith("« Zyxwv, 01/01/1901 » : aucun dossier trouvé.")
    assert "Remarque : Aucun dossier ne ressemble" in done.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "--nom : obligatoire (ou --ins, le matricule INS)."),
        (["--nom", "DUPONT2"], "--nom : Nom « DUPONT2 » non conforme"),
        (["--nom", "Dupont", "--ddn", "12/05/83"], "--ddn : Date de naissance « 12/05/83 »"),
        (["--nom", "Dupont", "--sexe", "H"], "--sexe : Sexe « H » invalide"),
        (["--nom", "Dupont", "--ins", "283052A00412345"], "--ins : clé de contrôle incorrecte"),
        (["--nom", "Dupont", "--limite", "0"], "--limite : « 0 » invalide"),
    ],
)
def test_bad_input_exits_1_with_a_french_line(db: str, args: list[str], message: str) -> None:
    done = run(*args, "--db", db)
    assert done.exit_code == 1
    assert done.output.startswith(f"insvigil : {message}"), done.output
    assert "283052A00412345" not in done.output


def test_a_missing_database_is_an_input_error(tmp_path: Path) -> None:
    from insvigil_cli.errors import run_cli

    with pytest.raises(SystemExit) as caught:
        run_cli(lambda: lookup.main(
            ["--nom", "Dupont", "--db", f"sqlite:///{tmp_path / 'absente.db'}"],
            standalone_mode=False,
        ))  # fmt: skip
    assert caught.value.code == 1
    assert not (tmp_path / "absente.db").exists()


def test_help_is_french_with_examples() -> None:
    done = run("--help")
    assert done.exit_code == 0
    assert done.output.startswith("Utilisation : lookup [OPTIONS]")
    assert "Exemples :" in done.output and "insvigil lookup --nom Dupont" in done.output
