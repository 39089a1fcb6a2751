"""``audit verify`` catching deletions, ``queue reopen``, ``queue list --page`` beyond the last
page: through the real command line (CliRunner), on a qualified synthetic store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text

import insvigil
from insvigil_cli.main import cli
from tests.review_fixture import Built, build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("audit"))


@pytest.fixture
def db(built: Built, tmp_path: Path) -> str:
    """A private copy of the built store (these tests write)."""
    copy = tmp_path / "store.db"
    copy.write_bytes(Path(built.db_url.removeprefix("sqlite:///")).read_bytes())
    return f"sqlite:///{copy}"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _open_ids(db: str, n: int, kind: str = "DISCORDANCE") -> list[str]:
    out = run("queue", "list", "--db", db, "--json", "--type", kind, "--limite", str(n))
    return [str(i["id"]) for i in json.loads(out.stdout)["items"]]


def _resolve(db: str, item: str, by: str = "M. Durand") -> None:
    done = run("queue", "resolve", item, "--db", db, "--decision", "AUTRE_PERSONNE", "--by", by)
    assert done.exit_code == 0, done.output


def _sql(db: str, statement: str) -> None:
    with insvigil.open_store(db) as store, store.engine.begin() as conn:
        conn.execute(text(statement))


def test_deleting_the_audit_trail_is_found(db: str) -> None:
    ids = _open_ids(db, 13)
    for item in ids:
        _resolve(db, item)
    ok = run("audit", "verify", "--db", db)
    assert ok.exit_code == 0 and ok.stdout.startswith("Journal d'audit intact : 13 entrée(s)")
    _sql(db, "DELETE FROM audit_log")
    broken = run("audit", "verify", "--db", db)
    assert broken.exit_code == 1 and broken.stdout == ""
    assert "l'ancre du journal compte 13 entrée(s) mais le journal est vide" in broken.stderr
    assert "13 élément(s) résolu(s) de la file sans l'entrée d'audit" in broken.stderr
    assert f"n° {ids[0]}, {ids[1]}," in broken.stderr
    assert all(line.startswith("insvigil : ") for line in broken.stderr.splitlines())
    doc = json.loads(run("audit", "verify", "--db", db, "--json").stdout)
    assert doc["intact"] is False and doc["entrees"] == 0
    assert doc["elements_sans_entree"] == sorted(int(i) for i in ids)
    assert len(doc["anomalies"]) == 2


def test_deleting_the_last_entry_is_found(db: str) -> None:
    ids = _open_ids(db, 3)
    for item in ids:
        _resolve(db, item)
    _sql(db, "DELETE FROM audit_log WHERE id = 3")
    broken = run("audit", "verify", "--db", db)
    assert broken.exit_code == 1
    assert "le journal s'arrête à l'entrée n° 2 (entrées supprimées)" in broken.stderr
    assert f"sans l'entrée d'audit de leur décision : n° {ids[2]} " in broken.stderr


def test_noted_anchor_with_attendu(db: str) -> None:
    for item in _open_ids(db, 2):
        _resolve(db, item)
    ok = run("audit", "verify", "--db", db)
    last = ok.stdout.splitlines()[-1]
    assert last.startswith("À noter hors de la base, pour une vérification future : ")
    anchor = last.rsplit(" ", 1)[1]
    assert anchor.startswith("2:") and len(anchor) == 66
    assert run("audit", "verify", "--db", db, "--attendu", anchor).exit_code == 0
    assert run("audit", "verify", "--db", db, "--attendu", anchor[:18]).exit_code == 0
    doc = json.loads(run("audit", "verify", "--db", db, "--json").stdout)
    assert doc["ancre"] == anchor and doc["decisions_verifiees"] == 2
    wrong = run("audit", "verify", "--db", db, "--attendu", "2:" + "0" * 64)
    assert wrong.exit_code == 1 and "l'ancre notée (--attendu)" in wrong.stderr
    bad = run("audit", "verify", "--db", db, "--attendu", "deux")
    assert bad.exit_code == 1 and bad.stderr.startswith("insvigil : valeur invalide pour --attendu")
    assert bad.stderr.count("\n") == 1


def test_queue_reopen(db: str) -> None:
    (item,) = _open_ids(db, 1)
    _resolve(db, item)
    shown = run("queue", "show", item, "--db", db)
    assert f"insvigil queue reopen {item} --by NOM --comment MOTIF" in shown.stdout
    done = run("queue", "reopen", item, "--db", db, "--by", "Mme Leroy", "--comment", "à revoir")
    assert done.exit_code == 0, done.output
    assert done.stdout.startswith(f"Élément n° {item} rouvert (version 3) : sa décision ne")
    doc = json.loads(run("queue", "show", item, "--db", db, "--json").stdout)
    assert (doc["etat"], doc["decision"], doc["par"]) == ("OUVERT", None, None)
    assert [(h["action"], h["par"]) for h in doc["historique"]] == [
        ("DECISION", "M. Durand"),
        ("REOUVERTURE", "Mme Leroy"),
    ]
    assert "REOUVERTURE — « à revoir »" in run("queue", "show", item, "--db", db).stdout
    again = run("queue", "reopen", item, "--db", db, "--by", "X", "--comment", "encore")
    assert again.exit_code == 1 and again.stdout == ""
    assert again.stderr == (
        f"insvigil : élément n° {item} déjà ouvert : aucune décision à rouvrir "
        f"(insvigil queue resolve {item} pour décider)\n"
    )
    _resolve(db, item, by="Mme Petit")
    as_json = run("queue", "reopen", item, "--db", db, "--by", "X", "--comment", "y", "--json")
    assert json.loads(as_json.stdout)["etat"] == "OUVERT"
    verdict = run("audit", "verify", "--db", db)
    assert verdict.exit_code == 0 and "intact : 4 entrée(s)" in verdict.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--by", "X"], "option obligatoire manquante : --comment"),
        (["--by", "X", "--comment", " "], "motif de la réouverture absent"),
        (["--comment", "x"], "option obligatoire manquante : --by"),
    ],
)
def test_queue_reopen_needs_a_name_and_a_reason(db: str, args: list[str], message: str) -> None:
    (item,) = _open_ids(db, 1)
    _resolve(db, item)
    out = run("queue", "reopen", item, "--db", db, *args)
    assert out.exit_code == 1 and message in out.stderr and out.stderr.count("\n") == 1


def test_queue_list_page_beyond_the_last(db: str) -> None:
    total = json.loads(run("queue", "list", "--db", db, "--json").stdout)["total"]
    pages = -(-total // 50)
    last = run("queue", "list", "--db", db, "--page", str(pages))
    assert last.exit_code == 0 and f"page {pages}/{pages}" in last.stdout
    out = run("queue", "list", "--db", db, "--page", "999")
    assert out.exit_code == 1 and out.stdout == ""
    assert out.stderr == (
        f"insvigil : page 999 hors limites : la sélection compte {pages} page(s) "
        f"({total} élément(s), 50 par page)\n"
    )
    assert run("queue", "list", "--db", db, "--page", "999", "--json").exit_code == 1


def test_an_empty_queue_has_its_page_1(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    insvigil.open_store(url).close()
    empty = run("queue", "list", "--db", url)
    assert empty.exit_code == 0 and empty.stdout == "0 élément(s) ; page 1/1.\n"
    beyond = run("queue", "list", "--db", url, "--page", "2")
    assert beyond.exit_code == 1 and "page 2 hors limites" in beyond.stderr


def test_reopen_help_in_french_with_examples() -> None:
    out = run("queue", "reopen", "--help")
    assert out.exit_code == 0 and "Utilisation :" in out.stdout
    assert "Exemples" in out.stdout and "--comment" in out.stdout
