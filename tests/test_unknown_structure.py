"""``report``, ``worklist`` and ``queue list`` with a ``--structure`` the store does not know:
one French line and exit 1, instead of an empty answer or a hint to run ``qualify``."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

import insvigil
from insvigil_cli.main import cli

COMMANDS = [("report",), ("worklist",), ("queue", "list")]
NIR = "2 83 05 2A 004 123 07"  # synthetic, valid key


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, list[str]]:
    folder = tmp_path_factory.mktemp("structures")
    insvigil.generate_population(600, 3, folder / "population")
    url = f"sqlite:///{folder / 'store.db'}"
    insvigil.qualify(
        insvigil.QualifyOptions(
            residents=folder / "population" / "residents.csv",
            out=folder / "out",
            db_url=url,
            today=date(2026, 11, 1),
            doublons=False,
        )
    )
    with (folder / "population" / "residents.csv").open(encoding="utf-8") as handle:
        structures = sorted({row["structure"] for row in csv.DictReader(handle, delimiter=";")})
    return url, structures


def test_the_library_says_which_structures_are_known(store: tuple[str, list[str]]) -> None:
    url, structures = store
    assert len(structures) >= 2
    with insvigil.open_store(url) as opened:
        assert insvigil.count_structures(opened) == len(structures)
        assert all(insvigil.is_known_structure(opened, s) for s in structures)
        assert not insvigil.is_known_structure(opened, "999999999")


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_an_unknown_structure_is_one_french_line(
    store: tuple[str, list[str]], command: tuple[str, ...]
) -> None:
    url, structures = store
    result = CliRunner().invoke(cli, [*command, "--structure", "999999999", "--db", url])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "insvigil : structure inconnue dans la base : 999999999 "
        f"(la base en connaît {len(structures)} ; vérifier le numéro FINESS)"
    ]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_a_known_structure_is_answered(
    store: tuple[str, list[str]], command: tuple[str, ...]
) -> None:
    url, structures = store
    result = CliRunner().invoke(cli, [*command, "--structure", structures[0], "--db", url])
    assert result.exit_code == 0, result.output
    assert structures[0] in result.stdout


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_an_empty_store_says_to_run_qualify_and_masks_a_matricule(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    url = f"sqlite:///{tmp_path / 'vide.db'}"
    insvigil.open_store(url).close()
    result = CliRunner().invoke(cli, [*command, "--structure", NIR, "--db", url])
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("insvigil : structure inconnue dans la base : 2")
    assert line.endswith(
        "(la base ne connaît encore aucune structure : lancer d'abord « insvigil qualify »)"
    )
    assert "004 123" not in line and "*" in line
