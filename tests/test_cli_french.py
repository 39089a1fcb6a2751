"""Everything the command says is French: help screens, click's own errors, the store's errors."""

from __future__ import annotations

import ast
import importlib
import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import insvigil
from insvigil.synth import generate
from insvigil_cli import click_fr
from insvigil_cli.main import cli
from tests.test_cli_help import ALL

#: click's English boilerplate, as it shows in help screens.
ENGLISH_HELP = re.compile(
    r"default:|\bDIRECTORY\b|\bFILE\b|\bPATH\b|\bINTEGER\b|\bTEXT\b|\bFLOAT\b|\bBOOLEAN\b"
    r"|\bRANGE\b|<=x|\[%|Usage:|Options:|Commands:|\brequired\b|Show this message|Show the version"
    r"|env var|\(dynamic\)"
)
#: click's English in error messages.
ENGLISH_ERROR = re.compile(
    r"No such|Invalid value|Missing|Got unexpected|does not|is not|is a (file|directory)"
    r"|Directory|Error|Usage|requires|Did you mean|unable to open|not a database|Choose from"
)


@pytest.mark.parametrize("path", [(), *ALL], ids=lambda p: " ".join(p) or "insvigil")
def test_help_has_no_english_boilerplate(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    found = ENGLISH_HELP.findall(result.output)
    assert not found, f"« insvigil {' '.join(path)} --help » : {found}\n{result.output}"


def _click_messages() -> tuple[set[str], set[tuple[str, str]]]:
    """Every literal message id passed to ``_``/``ngettext`` in click's translated modules."""
    singles: set[str] = set()
    pairs: set[tuple[str, str]] = set()
    for name in click_fr.MODULES:
        module = importlib.import_module(name)
        tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            texts = [a.value for a in node.args if isinstance(a, ast.Constant)]
            if node.func.id == "_" and texts and isinstance(texts[0], str):
                singles.add(texts[0])
            elif node.func.id == "ngettext" and len(texts) >= 2:
                pairs.add((str(texts[0]), str(texts[1])))
    return singles, pairs


def test_every_message_of_click_has_its_french_translation() -> None:
    singles, pairs = _click_messages()
    assert len(singles) > 40 and len(pairs) > 5  # the parse found click's messages
    assert sorted(singles - set(click_fr.MESSAGES)) == []
    assert sorted(pairs - set(click_fr.PLURALS)) == []


def test_french_plurals_take_the_singular_for_zero_and_one() -> None:
    key = ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})")
    assert click_fr.ngettext(*key, 0) == click_fr.ngettext(*key, 1) == "argument en trop : {args}"
    assert click_fr.ngettext(*key, 2) == "arguments en trop : {args}"


@pytest.fixture
def files(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    (tmp_path / "residents.csv").write_text("structure;local_id\n", encoding="utf-8")
    return {"FICHIER": str(tmp_path / "fichier"), "RESIDENTS": str(tmp_path / "residents.csv")}


ERRORS = [
    (["qualfy"], "commande inconnue : qualfy. Vouliez-vous dire « qualify » ?"),
    (["queue", "lst"], "commande inconnue : lst. Vouliez-vous dire « list » ?"),
    (["frobnicate"], "commande inconnue : frobnicate (voir « insvigil --help »)"),
    (
        ["check-ins", "1", "--jsn"],
        "option inconnue : --jsn. Vouliez-vous dire « --json » ?",
    ),
    (["qualify", "--zzz"], "option inconnue : --zzz (voir « insvigil qualify --help »)"),
    (
        ["queue", "list", "--page", "x"],
        "valeur invalide pour --page : « x » n'est pas un nombre entier "
        "(voir « insvigil queue list --help »)",
    ),
    (
        ["queue", "show", "abc"],
        "valeur invalide pour ID : « abc » n'est pas un entier valide "
        "(voir « insvigil queue show --help »)",
    ),
    (
        ["synth", "--n", "abc", "--out", "x"],
        "valeur invalide pour --n : « abc » n'est pas un nombre entier "
        "(voir « insvigil synth --help »)",
    ),
    (
        ["qualify", "RESIDENTS", "--date-traitement", "2026-13-01"],
        "valeur invalide pour --date-traitement : date attendue au format AAAA-MM-JJ "
        "(voir « insvigil qualify --help »)",
    ),
    (
        ["synth", "--n", "5", "--out", "FICHIER"],
        "valeur invalide pour --out : « FICHIER » est un fichier, pas un dossier "
        "(voir « insvigil synth --help »)",
    ),
    (
        ["report", "--out", "."],
        "valeur invalide pour --out : « . » est un dossier, pas un fichier "
        "(voir « insvigil report --help »)",
    ),
    (
        ["rules", "explain"],
        "argument obligatoire manquant : CODE (voir « insvigil rules explain --help »)",
    ),
    (
        ["synth", "--n", "5"],
        "option obligatoire manquante : --out (voir « insvigil synth --help »)",
    ),
    (
        ["rules", "explain", "MI02", "TR01"],
        "argument en trop : TR01 (voir « insvigil rules explain --help »)",
    ),
    (
        ["report", "--format", "xml"],
        "valeur invalide pour --format : « xml » non permis (valeurs permises : csv, json, html) "
        "(voir « insvigil report --help »)",
    ),
    (["queue", "list", "--page"], "l'option --page attend une valeur"),
    (
        ["qualify", "RESIDENTS", "--sans-doublons=3"],
        "l'option --sans-doublons ne prend pas de valeur",
    ),
]


@pytest.mark.parametrize(
    ("args", "line"), ERRORS, ids=lambda v: " ".join(v) if isinstance(v, list) else ""
)
def test_click_errors_are_one_french_line(
    args: list[str], line: str, files: dict[str, str]
) -> None:
    result = CliRunner().invoke(cli, [files.get(a, a) for a in args], prog_name="insvigil")
    assert result.exit_code == 1
    expected = line
    for placeholder, path in files.items():
        expected = expected.replace(placeholder, path)
    assert result.stderr.splitlines() == [f"insvigil : {expected}"]
    assert not ENGLISH_ERROR.search(result.stderr)


@pytest.mark.parametrize("group", [(), ("queue",), ("audit",), ("rules",)], ids=" ".join)
def test_a_missing_command_lists_the_commands(group: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, list(group), prog_name="insvigil")
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    path = " ".join(("insvigil", *group))
    assert line.startswith("insvigil : commande manquante : choisir parmi ")
    assert line.endswith(f" (voir « {path} --help »)")


def _commands_with_db() -> list[tuple[str, ...]]:
    found = []
    for path in ALL:
        command: click.Command = cli
        for name in path:
            assert isinstance(command, click.Group)
            command = command.get_command(click.Context(command), name)  # type: ignore[assignment]
        if any("--db" in p.opts for p in command.params):
            found.append(path)
    return found


def _arguments(path: tuple[str, ...], population: Path, out: Path) -> list[str]:
    """Enough arguments for the command to reach its store (each required one given 1)."""
    if path == ("qualify",):
        return [str(population / "residents.csv"), "--out", str(out)]
    if path == ("lookup",):
        return ["--nom", "DUPONT"]
    if path == ("users", "add"):
        return ["x.y", "--role", "admin", "--password-stdin"]
    command: click.Command = cli
    for name in path:
        command = command.get_command(click.Context(command), name)  # type: ignore[attr-defined]
    given = []
    for param in command.params:
        if param.required and isinstance(param, click.Argument):
            given.append("1")
        elif param.required and isinstance(param, click.Option):
            given += [param.opts[0], "1"]
    return given


DB_COMMANDS = _commands_with_db()


def test_the_store_commands_are_all_checked() -> None:
    assert {p[0] for p in DB_COMMANDS} >= {
        "qualify",
        "report",
        "worklist",
        "queue",
        "audit",
        "lookup",
    }


@pytest.mark.parametrize("path", DB_COMMANDS, ids=" ".join)
@pytest.mark.parametrize("where", ["dossier absent", "un dossier"])
def test_a_database_that_cannot_be_opened_is_one_french_line(
    path: tuple[str, ...], where: str, tmp_path: Path
) -> None:
    population = tmp_path / "population"
    if path == ("qualify",):
        generate(3, 1, population)
    url = "sqlite:////no/such/dir/x.db" if where == "dossier absent" else f"sqlite:///{tmp_path}"
    args = [*path, *_arguments(path, population, tmp_path / "out"), "--db", url]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    (line,) = result.stderr.splitlines()
    assert line.startswith("insvigil : base de données ")
    assert not ENGLISH_ERROR.search(line), line


@pytest.mark.parametrize("command", [("report",), ("worklist",), ("audit", "export")], ids=" ".join)
def test_an_output_file_that_cannot_be_written_is_said_in_french(
    command: tuple[str, ...], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'vide.db'}"
    insvigil.open_store(url).close()
    (tmp_path / "fichier").write_text("x", encoding="utf-8")
    for target, reason in (
        ("/proc/insvigil-x/r.csv", "rien ne peut être créé"),
        (str(tmp_path / "fichier" / "r.csv"), "un élément du chemin est un fichier"),
    ):
        result = CliRunner().invoke(cli, [*command, "--out", target, "--db", url])
        assert result.exit_code == 1
        line = result.stderr.splitlines()[-1]  # after report's « aucun indicateur » warning
        assert line.startswith(f"insvigil : {target} : écriture impossible (")
        assert reason in line and not ENGLISH_ERROR.search(line)
