"""A reopened decision: the next qualify run behaves as if it had never been taken."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from insvigil import (
    QualifyOptions,
    QueueFilter,
    QueueKind,
    list_queue,
    open_store,
    qualify,
    reopen_queue_item,
    resolve_queue_item,
    verify_audit,
)

OUTPUTS = ("identites.csv", "discordances.csv", "doublons.csv", "taux.csv", "rejets.csv")


def test_reopened_decisions_no_longer_apply(population: Path, tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path}/db.sqlite"

    def run(out: str) -> dict[str, bytes]:
        qualify(
            QualifyOptions(
                residents=population / "residents.csv",
                insi=(population / "insi.jsonl", population / "insi_xml"),
                out=tmp_path / out,
                db_url=db,
                today=date(2026, 11, 1),
            )
        )
        return {name: (tmp_path / out / name).read_bytes() for name in OUTPUTS}

    never = run("out1")  # no decision yet: what a run does on this store, undecided
    with open_store(db) as store:
        pairs = list_queue(store, QueueFilter(kind=QueueKind.DOUBLON, limite=1)).items
        discs = list_queue(store, QueueFilter(kind=QueueKind.DISCORDANCE, limite=1)).items
        decided = [(pairs[0], "PERSONNES_DISTINCTES"), (discs[0], "ACCEPTER_TRAITS_INSI")]
        for item, decision in decided:
            resolve_queue_item(store, item.id, decision=decision, by="M. Durand")
    with_decisions = run("out2")
    pair = pairs[0]
    assert f"{pair.local_id};{pair.structure_b};{pair.local_id_b}".encode() in never["doublons.csv"]
    assert with_decisions["doublons.csv"] != never["doublons.csv"]  # the pair is not proposed
    with open_store(db) as store:
        for item, _ in decided:
            reopen_queue_item(store, item.id, by="Mme Leroy", comment="décision prise trop vite")
    assert run("out3") == never
    with open_store(db) as store:
        again = [list_queue(store, QueueFilter(local_id=i.local_id, etat=None)) for i, _ in decided]
        states = {i.id: i.etat.value for page in again for i in page.items}
        assert [states[item.id] for item, _ in decided] == ["OUVERT", "OUVERT"]
        assert verify_audit(store).intact
