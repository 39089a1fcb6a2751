"""``queue``, ``audit``, ``report`` and ``worklist`` through the real command line (CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from sqlalchemy import text

import insvigil
from insvigil_cli.main import cli
from tests.review_fixture import Built, build

NIR = "2 83 05 2A 004 123 07"  # synthetic


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("revue"))


@pytest.fixture
def db(built: Built, tmp_path: Path) -> str:
    """A private copy of the built store (tests that write must not disturb the others)."""
    source = Path(built.db_url.removeprefix("sqlite:///"))
    copy = tmp_path / "store.db"
    copy.write_bytes(source.read_bytes())
    copy.chmod(0o600)  # as insvigil makes it (else the first opening warns and tightens it)
    return f"sqlite:///{copy}"


def run(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def first_item(db: str, *more: str) -> dict[str, object]:
    out = run("queue", "list", "--db", db, "--json", "--limite", "1", *more)
    assert out.exit_code == 0, out.output
    return json.loads(out.stdout)["items"][0]  # type: ignore[no-any-return]


def test_report_csv_is_taux_csv(built: Built, tmp_path: Path) -> None:
    out = run("report", "--db", built.db_url, "--out", str(tmp_path / "r.csv"))
    assert out.exit_code == 0, out.output
    assert (tmp_path / "r.csv").read_bytes() == (built.out / "taux.csv").read_bytes()
    shown = run("report", "--db", built.db_url)
    assert shown.stdout == (built.out / "taux.csv").read_text("utf-8-sig")


def test_report_json(built: Built) -> None:
    out = run("report", "--db", built.db_url, "--format", "json")
    doc = json.loads(out.stdout)
    lines = (built.out / "taux.csv").read_text("utf-8-sig").splitlines()
    header = lines[0].split(";")
    for line, obj in zip(lines[1:], doc["structures"], strict=True):
        for key, value in zip(header, line.split(";"), strict=True):
            expected = (float(value) if value else None) if key == "taux_qualification" else value
            shown = obj[key] if key == "taux_qualification" else str(obj[key])
            assert shown == expected, key
    again = json.loads(run("report", "--db", built.db_url, "--json").stdout)
    # The same document, but for the time it was made (two calls may straddle a second).
    assert {**again, "genere_le": None} == {**doc, "genere_le": None}
    assert set(doc) >= {"structures", "tendance", "anciennete"}


def test_open_discordances_in_queue_equal_taux(built: Built) -> None:
    with insvigil.open_store(built.db_url) as store:
        from insvigil.store.review.queue import open_counts

        counts = open_counts(store)
    lines = (built.out / "taux.csv").read_text("utf-8-sig").splitlines()[1:]
    for line in lines:
        cells = line.split(";")
        mine = counts.of(cells[0])
        assert (mine.discordances_ouvertes, mine.doublons_ouverts) == (
            int(cells[9]),
            int(cells[10]),
        ), cells[0]


def test_queue_list_contract_shape_filters_and_text(built: Built) -> None:
    out = run("queue", "list", "--db", built.db_url, "--json", "--tri", "gravite")
    doc = json.loads(out.stdout)
    assert doc["total"] > 50 and len(doc["items"]) == 50
    item = doc["items"][0]
    assert {"id", "type", "structure", "local_ids", "etat"} <= set(item)
    assert isinstance(item["id"], str) and item["etat"] == "OUVERT"
    assert item["gravite"] == "BLOQUANTE"
    structure = item["structure"]
    only = json.loads(
        run(
            "queue",
            "list",
            "--db",
            built.db_url,
            "--json",
            "--structure",
            structure,
            "--limite",
            "1000",
        ).stdout
    )
    # a cross-structure pair concerns both structures: each item has a record in this one
    assert all(
        structure in {d["structure"] for d in i["dossiers"]} for i in only["items"]
    ), only["items"][:2]
    kinds = json.loads(
        run(
            "queue",
            "list",
            "--db",
            built.db_url,
            "--json",
            "--type",
            "collision",
            "--limite",
            "1000",
        ).stdout
    )
    assert {i["type"] for i in kinds["items"]} <= {"COLLISION"}
    text_out = run("queue", "list", "--db", built.db_url, "--limite", "3")
    assert text_out.exit_code == 0 and "élément(s) ; page 1/" in text_out.stdout
    assert text_out.stdout.count("n° ") == 3


def test_queue_show_and_resolve_once(db: str) -> None:
    item = first_item(db, "--type", "DISCORDANCE")
    shown = run("queue", "show", str(item["id"]), "--db", db)
    assert shown.exit_code == 0
    assert "Réponse INSi (00)" in shown.stdout and "Décisions possibles" in shown.stdout
    assert "ACCEPTER_TRAITS_INSI — Accepter les traits INSi" in shown.stdout
    doc = json.loads(run("queue", "show", str(item["id"]), "--db", db, "--json").stdout)
    assert doc["decisions_possibles"] == [
        "ACCEPTER_TRAITS_INSI",
        "IDENTITE_DOUTEUSE",
        "AUTRE_PERSONNE",
    ]
    assert doc["dossiers"][0]["traits"]["nom_naissance"]
    assert doc["constats"][0]["explication"]
    done = run(
        "queue",
        "resolve",
        str(item["id"]),
        "--db",
        db,
        "--decision",
        "accepter_traits_insi",
        "--by",
        "M. Durand",
        "--comment",
        f"NIR {NIR} vu",
    )
    assert done.exit_code == 0 and "résolu : ACCEPTER_TRAITS_INSI par M. Durand" in done.stdout
    again = run(
        "queue",
        "resolve",
        str(item["id"]),
        "--db",
        db,
        "--decision",
        "AUTRE_PERSONNE",
        "--by",
        "Mme Leroy",
    )
    assert again.exit_code == 1
    assert again.stderr.startswith(
        f"insvigil : élément n° {item['id']} déjà résolu par M. Durand le "
    )
    resolved = json.loads(run("queue", "show", str(item["id"]), "--db", db, "--json").stdout)
    assert resolved["etat"] == "RESOLU" and resolved["commentaire"] == "NIR 2************07 vu"
    assert run("queue", "list", "--db", db, "--etat", "resolu", "--json").stdout.count('"id"') == 1


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["queue", "show", "999999"], "élément n° 999999 introuvable"),
        (["queue", "resolve", "1", "--decision", "FUSION", "--by", "X"], "non permise"),
        (["queue", "list", "--tri", "nom"], "valeur invalide pour --tri"),
        (["queue", "list", "--limite", "0"], "valeur invalide pour --limite"),
    ],
)
def test_queue_errors_are_one_french_line(db: str, args: list[str], message: str) -> None:
    out = run(*args, "--db", db)
    assert out.exit_code == 1
    assert message in out.stderr and out.stderr.count("\n") == 1 and out.stdout == ""


def test_missing_database_is_not_created(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'absent.db'}"
    for args in (["queue", "list"], ["audit", "verify"], ["report"], ["worklist"]):
        out = run(*args, "--db", url)
        assert out.exit_code == 1 and "base de données introuvable" in out.stderr
    assert not (tmp_path / "absent.db").exists()


def test_audit_verify_and_export(db: str, tmp_path: Path) -> None:
    for n, decision in enumerate(["IDENTITE_DOUTEUSE", "AUTRE_PERSONNE"]):
        item = first_item(db, "--type", "DISCORDANCE")
        run(
            "queue",
            "resolve",
            str(item["id"]),
            "--db",
            db,
            "--decision",
            decision,
            "--by",
            f"référent {n}",
        )
    ok = run("audit", "verify", "--db", db)
    assert ok.exit_code == 0 and ok.stdout.startswith("Journal d'audit intact : 2 entrée(s)")
    exported = run("audit", "export", "--db", db)
    assert exported.stdout.splitlines()[0].startswith("id;horodatage_utc;acteur;action")
    assert len(exported.stdout.splitlines()) == 3
    run("audit", "export", "--db", db, "--format", "json", "--out", str(tmp_path / "a.json"))
    doc = json.loads((tmp_path / "a.json").read_text("utf-8"))
    assert [e["acteur"] for e in doc["entrees"]] == ["référent 0", "référent 1"]
    with insvigil.open_store(db) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE audit_log SET decision = 'ACCEPTER_TRAITS_INSI' WHERE id = 1"))
    broken = run("audit", "verify", "--db", db)
    assert broken.exit_code == 1
    assert "journal d'audit rompu à l'entrée n° 1" in broken.stderr
    as_json = json.loads(run("audit", "verify", "--db", db, "--json").stdout)
    assert as_json["intact"] is False and as_json["premiere_entree_invalide"] == 1


def test_worklist(built: Built, tmp_path: Path) -> None:
    out = run("worklist", "--db", built.db_url)
    lines = out.stdout.splitlines()
    assert lines[0] == "structure;local_id;statut;action;element;detail"
    taux = (built.out / "taux.csv").read_text("utf-8-sig").splitlines()[1:]
    assert len(lines) - 1 == sum(int(line.split(";")[1]) for line in taux)  # active records
    actions = {line.split(";")[3] for line in lines[1:]}
    assert {"RESOUDRE_DISCORDANCE", "VERIFIER_JUSTIFICATIF", "APPELER_INSI", "AUCUNE"} <= actions
    structure = taux[0].split(";")[0]
    doc = json.loads(
        run(
            "worklist",
            "--db",
            built.db_url,
            "--structure",
            structure,
            "--format",
            "json",
            "--a-faire",
        ).stdout
    )
    assert doc["dossiers"] and {d["structure"] for d in doc["dossiers"]} == {structure}
    assert all(d["action"] != "AUCUNE" for d in doc["dossiers"])
    disc = next(d for d in doc["dossiers"] if d["action"] == "RESOUDRE_DISCORDANCE")
    assert isinstance(disc["element"], int) and f"n° {disc['element']}" in disc["detail"]
    run("worklist", "--db", built.db_url, "--out", str(tmp_path / "w.csv"))
    assert (tmp_path / "w.csv").read_bytes().startswith(b"\xef\xbb\xbfstructure;local_id")


@pytest.mark.parametrize(
    "command",
    [
        ["queue"],
        ["queue", "list"],
        ["queue", "show"],
        ["queue", "resolve"],
        ["audit"],
        ["audit", "verify"],
        ["audit", "export"],
        ["report"],
        ["worklist"],
    ],
)
def test_help_in_french_with_examples(command: list[str]) -> None:
    out = run(*command, "--help")
    assert out.exit_code == 0 and "Utilisation :" in out.stdout
    assert "Exemple" in out.stdout and "--help" in out.stdout
