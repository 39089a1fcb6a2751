"""``insvigil users``: accounts managed through the real command line (CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

import insvigil
from insvigil_cli.main import cli

PW = "une phrase de passe"


@pytest.fixture
def db(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


def run(*args: str, stdin: str | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), input=stdin, catch_exceptions=False)


def add(db: str, login: str, role: str, *more: str, password: str = PW) -> Result:
    return run(
        "users", "add", login, "--role", role, *more, "--password-stdin", "--db", db,
        stdin=password + "\n",
    )


def test_add_list_disable_passwd(db: str) -> None:
    assert add(db, "Admin", "admin").exit_code == 0
    made = add(db, "m.durand", "referent", "--structure", "750000001")
    assert made.exit_code == 0, made.output
    assert "750000001" in made.stdout
    listed = json.loads(run("users", "list", "--json", "--db", db).stdout)["comptes"]
    assert [(a["identifiant"], a["role"], a["structures"], a["actif"]) for a in listed] == [
        ("admin", "admin", [], True),
        ("m.durand", "referent", ["750000001"], True),
    ]
    assert run("users", "disable", "m.durand", "--db", db).exit_code == 0
    with insvigil.open_store(db) as store, pytest.raises(insvigil.AuthenticationFailed):
        insvigil.authenticate(store, "m.durand", PW)
    changed = run(
        "users", "passwd", "admin", "--password-stdin", "--db", db, stdin="autre phrase longue\n"
    )
    assert changed.exit_code == 0, changed.output
    with insvigil.open_store(db) as store:
        assert insvigil.authenticate(store, "admin", "autre phrase longue").login == "admin"


def test_prompted_twice_when_no_stdin_flag(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("insvigil_cli.users_cmd._interactive", lambda: True)
    result = CliRunner().invoke(
        cli, ["users", "add", "x.y", "--role", "direction", "--db", db], input=f"{PW}\n{PW}\n"
    )
    assert result.exit_code == 0, result.output
    assert "Mot de passe" in result.output and "à nouveau" in result.output


@pytest.mark.parametrize(
    ("args", "password", "message"),
    [
        (("x.y", "--role", "chef"), PW, "« chef » non permis"),
        (("x.y", "--role", "admin"), "court", "trop court"),
        (("x y", "--role", "admin"), PW, "identifiant invalide"),
        (("x.y", "--role", "admin", "--structure", "75"), PW, "structure invalide"),
    ],
)
def test_refusals_are_one_french_line_exit_1(
    db: str, args: tuple[str, ...], password: str, message: str
) -> None:
    result = run(
        "users", "add", *args, "--password-stdin", "--db", db, stdin=password + "\n"
    )
    assert result.exit_code == 1
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_duplicate_and_unknown_accounts(db: str) -> None:
    assert add(db, "admin", "admin").exit_code == 0
    again = add(db, "ADMIN", "referent")
    assert again.exit_code == 1 and "existe déjà" in again.stderr
    missing = run("users", "disable", "personne", "--db", db)
    assert missing.exit_code == 1 and "compte inconnu" in missing.stderr


def test_the_password_never_appears_in_any_output(db: str) -> None:
    secret = "secret-tres-long-123"
    out = add(db, "admin", "admin", password=secret)
    listed = run("users", "list", "--db", db)
    assert secret not in out.output + listed.output
