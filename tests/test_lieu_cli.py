"""``insvigil lieu``: the command object, run with click's CliRunner.

The command reaches the library through the public façade (``insvigil.search_place``…). Until
the façade exports those names, the fixture puts them there for the test's duration
(``raising=False``: once exported, it replaces them with themselves).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from click.testing import CliRunner, Result

import insvigil
from insvigil.reference import finder
from insvigil_cli.lieu import lieu


@pytest.fixture(autouse=True)
def facade(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    for name in ("Candidate", "PlaceSearch", "find_place", "search_place"):
        monkeypatch.setattr(insvigil, name, getattr(finder, name), raising=False)
    yield


def run(*args: str) -> Result:
    return CliRunner().invoke(lieu, list(args))


CONTRACT_KEYS = ["code", "libelle_a_la_date", "libelle_actuel", "valide_du", "valide_au"]


@pytest.mark.parametrize(
    ("args", "codes"),
    [
        (["st", "etienne", "--ddn", "1980-05-12", "--departement", "42"], ["42218"]),
        (["st", "etienne", "--ddn", "1980-05-12"], ["42218", "04178"]),  # the larger first
        (["st etienne"], ["42218", "04178"]),
        (["Havre (Le)"], ["76351"]),
        (["Ajaccio", "--ddn", "1950-00-00"], ["20004"]),
        (["Ajaccio", "--ddn", "12/05/1983"], ["2A004"]),
        (["Ajaccio"], ["2A004", "20004"]),
        (["Saint-Denis", "--cp", "97400", "--ddn", "1983-05-12"], ["97411"]),
        (["Saint-Denis", "--departement", "93", "--ddn", "1983-05-12"], ["93066"]),
        (["Paris", "15", "--ddn", "1990-01-01"], ["75115"]),
        (["Maroc", "--ddn", "1985-03-01"], ["99350"]),
        (["Algérie", "--ddn", "1950-01-17"], []),
        (["Bordaux"], ["33063", "26056"]),
        (["Zzzzzz"], []),
    ],
)
def test_json(args: list[str], codes: list[str]) -> None:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)  # a JSON document and nothing else
    assert [c["code"] for c in document["candidats"]] == codes
    for candidate in document["candidats"]:
        assert list(candidate)[:5] == CONTRACT_KEYS
        assert all(isinstance(candidate[k], str) for k in CONTRACT_KEYS[:2])


def test_json_values() -> None:
    document = json.loads(run("ajaccio", "--ddn", "1950-06-01", "--json").stdout)
    (candidate,) = document["candidats"]
    assert {k: candidate[k] for k in CONTRACT_KEYS} == {
        "code": "20004",
        "libelle_a_la_date": "Ajaccio",
        "libelle_actuel": "Ajaccio",
        "valide_du": "1943-01-01",
        "valide_au": "1975-12-31",
    }
    assert document["remarques"] == []


def test_json_no_candidate_says_why() -> None:
    result = run("Maroc", "--ddn", "1950-01-01", "--json", "--departement", "99", "--limite", "1")
    document = json.loads(result.stdout)
    assert result.exit_code == 0
    assert any("02/03/1956" in r for r in document["remarques"])


def test_human_output() -> None:
    result = run("Ajaccio", "--ddn", "1950-06-01")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "« Ajaccio », le 01/06/1950 : 1 candidat",
        "  20004  Ajaccio  (aujourd'hui : Ajaccio ; valable jusqu'au 31/12/1975)",
    ]


def test_human_output_lists_homonyms_with_validity() -> None:
    out = run("Saint-Denis", "--ddn", "1945-01-01").stdout
    assert "8 candidats" in out.splitlines()[0]
    assert "  75066  Saint-Denis  (aujourd'hui : Saint-Denis ; valable jusqu'au 31/12/1967)" in out
    assert "98405  La Réunion" in out and "depuis le 21/03/1946" in out


def test_human_output_without_candidate() -> None:
    result = run("Algérie", "--ddn", "1950-00-00")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "« Algérie », entre le 01/01/1950 et le 31/12/1950 : aucun code INSEE de lieu de "
        "naissance trouvé."
    )
    assert lines[1].startswith("Remarque : 99352 (Algérie) n'est valable qu'à partir du")


def test_human_output_approximate() -> None:
    out = run("Bordaux").stdout
    assert "33063  Bordeaux" in out and "[nom approchant, score 0,89]" in out
    assert "Remarque : Aucun nom exact pour « Bordaux » : noms approchants." in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["Paris", "--ddn", "1950-13-01"], "insvigil : --ddn : Date de naissance « 1950-13-01 »"),
        (["Paris", "--ddn", "demain"], "insvigil : --ddn : "),
        (["Paris", "--departement", "ZZ"], "insvigil : --departement : Département « ZZ »"),
        (["Paris", "--cp", "7501"], "insvigil : --cp : Code postal « 7501 » invalide"),
        (["Paris", "--cp", "75015", "--departement", "75"], "--departement et --cp"),
        (["Paris", "--limite", "0"], "insvigil : --limite : "),
        (["-", "'"], "insvigil : COMMUNE : Nom de commune ou de pays vide."),
    ],
)
def test_bad_options_exit_1(args: list[str], message: str) -> None:
    result = run(*args, "--json")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_help_has_examples() -> None:
    result = run("--help")
    assert result.exit_code == 0
    assert "Exemples :" in result.stdout
    assert "insvigil lieu st etienne --ddn 1980-05-12" in result.stdout
    assert "Utilisation : lieu [OPTIONS] COMMUNE" in result.stdout
