"""A referent's decision takes effect on the next qualify run and is never lost on re-runs."""

from __future__ import annotations

import csv
import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from insvigil import (
    QualifyOptions,
    QueueFilter,
    QueueKind,
    list_queue,
    open_store,
    qualify,
    resolve_queue_item,
)


def regles(out: Path) -> dict[tuple[str, str], tuple[str, str]]:
    with (out / "identites.csv").open(encoding="utf-8-sig", newline="") as handle:
        return {
            (r["structure"], r["local_id"]): (r["statut"], r["regles"])
            for r in csv.DictReader(handle, delimiter=";")
        }


def test_accepted_discordance_no_longer_blocks(population: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/db.sqlite"

    def run(out: str) -> Path:
        qualify(
            QualifyOptions(
                residents=population / "residents.csv",
                insi=(population / "insi.jsonl", population / "insi_xml"),
                out=tmp_path / out,
                db_url=db,
                today=date(2026, 11, 1),
            )
        )
        return tmp_path / out

    before = regles(run("out1"))
    with open_store(db) as store:
        page = list_queue(store, QueueFilter(kind=QueueKind.DISCORDANCE, limite=500))
        # a record blocked by exactly one discordance, the date (DI09)
        item = next(
            i
            for i in page.items
            if i.code == "DI09" and before[(i.structure, i.local_id)][1].count("DI") == 1
        )
        resolve_queue_item(store, item.id, decision="ACCEPTER_TRAITS_INSI", by="Mme Test")
    key = (item.structure, item.local_id)
    assert "DI09" in before[key][1]
    after = regles(run("out2"))
    # the discordance no longer waits for a referent, but the DUI still holds the wrong date:
    # the INS stays unusable (IS15) until an export carries INSi's date
    assert "DI09" not in after[key][1] and "IS15" in after[key][1]
    assert after[key][0] in ("PROVISOIRE", "VALIDEE")
    again = regles(run("out3"))
    assert again[key] == after[key]
    with open_store(db) as store:
        resolved = list_queue(
            store, QueueFilter(kind=QueueKind.DISCORDANCE, etat=None, local_id=item.local_id)
        )
    assert [i.etat.value for i in resolved.items if i.id == item.id] == ["RESOLU"]


# --- ACCEPTER_TRAITS_INSI, the whole cycle (issue 15) ---------------------------------------
# One synthetic person: F, born 1945-01-25 in Paris; MI02 key computed (97 - N mod 97).
HEADER = (
    "structure;local_id;nom_naissance;prenoms_naissance;date_naissance;sexe;lieu_naissance;"
    "matricule_ins;oid_ins;justificatif\n"
)
ROW = "750000001;A-1;DUPONT;MARIE;{ddn};F;75056;245017505612391;1.2.250.1.213.1.4.8;CNI\n"
INSI = {
    "structure": "750000001",
    "local_id": "A-1",
    "operation": "RECHERCHE_TRAITS",
    "date": "2026-10-02T10:41:00",
    "cr": "00",
    "ins": {"matricule": "245017505612391", "oid": "1.2.250.1.213.1.4.8"},
    "traits": {
        "nom_naissance": "DUPONT",
        "prenoms_naissance": "MARIE",
        "sexe": "F",
        "date_naissance": "1945-01-25",
        "lieu_naissance": "75056",
    },
}


def test_accepting_insi_traits_waits_for_the_dui(tmp_path: Path) -> None:
    """qualify → resolve ACCEPTER_TRAITS_INSI → qualify the same files: not QUALIFIEE, the
    worklist says what to type → qualify the corrected export: QUALIFIEE, no queue item."""
    from insvigil_cli.main import cli

    wrong, right = tmp_path / "residents.csv", tmp_path / "corrige.csv"
    wrong.write_text(HEADER + ROW.format(ddn="1945-01-24"), encoding="utf-8")
    right.write_text(HEADER + ROW.format(ddn="1945-01-25"), encoding="utf-8")
    insi = tmp_path / "insi.jsonl"
    insi.write_text(json.dumps(INSI) + "\n", encoding="utf-8")
    db = f"sqlite:///{tmp_path}/db.sqlite"
    runner = CliRunner()

    def cmd(*args: str) -> str:
        done = runner.invoke(cli, list(args), catch_exceptions=False)
        assert done.exit_code == 0, done.output
        return done.stdout

    def run(residents: Path, out: str) -> dict[str, str]:
        cmd("qualify", str(residents), "--insi", str(insi), "--out", str(tmp_path / out),
            "--db", db)  # fmt: skip
        with (tmp_path / out / "identites.csv").open(encoding="utf-8-sig", newline="") as f:
            return next(csv.DictReader(f, delimiter=";"))

    def worklist() -> dict[str, object]:
        doc = json.loads(cmd("worklist", "--db", db, "--format", "json"))
        return doc["dossiers"][0]  # type: ignore[no-any-return]

    def queue(etat: str) -> list[dict[str, object]]:
        doc = json.loads(cmd("queue", "list", "--db", db, "--json", "--etat", etat))
        return doc["items"]  # type: ignore[no-any-return]

    first = run(wrong, "out1")
    assert (first["statut"], first["regles"].split("|")[0]) == ("VALIDEE", "DI09")
    [item] = queue("OUVERT")
    cmd("queue", "resolve", str(item["id"]), "--decision", "ACCEPTER_TRAITS_INSI",
        "--by", "Mme Test", "--db", db)  # fmt: skip
    # before the next run, the worklist already says what to type
    assert worklist()["action"] == "REPORTER_TRAITS_INSI"

    again = run(wrong, "out2")
    assert again["statut"] == "VALIDEE" and again["ins_utilisable"] == "0"
    assert "IS15" in again["regles"].split("|")
    assert "reporter les traits INSi dans le DUI — date de naissance : 1945-01-25" in (
        again["explication"]
    )
    todo = worklist()
    assert todo["action"] == "REPORTER_TRAITS_INSI" and str(todo["element"]) == str(item["id"])
    assert str(todo["detail"]).startswith(
        "reporter les traits INSi dans le DUI : date de naissance : 1945-01-25"
    )
    assert queue("OUVERT") == []  # the decision holds: nobody is asked again

    fixed = run(right, "out3")
    assert (fixed["statut"], fixed["ins_utilisable"]) == ("QUALIFIEE", "1")
    assert "IS15" not in fixed["regles"]
    assert queue("OUVERT") == []
    assert worklist()["action"] == "AUCUNE"
