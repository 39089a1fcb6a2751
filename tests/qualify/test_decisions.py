"""A referent's decision takes effect on the next qualify run and is never lost on re-runs."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

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
    assert "DI09" not in after[key][1]
    assert after[key][0] in ("RECUPEREE", "QUALIFIEE")
    again = regles(run("out3"))
    assert again[key] == after[key]
    with open_store(db) as store:
        resolved = list_queue(
            store, QueueFilter(kind=QueueKind.DISCORDANCE, etat=None, local_id=item.local_id)
        )
    assert [i.etat.value for i in resolved.items if i.id == item.id] == ["RESOLU"]
