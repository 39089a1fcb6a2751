"""The audit trail on SQLite and PostgreSQL: hash chain, tampering found, no NIR in clear."""

from __future__ import annotations

import json
import os
import stat
import threading
from pathlib import Path

import pytest
from sqlalchemy import delete, insert, select, text

from insvigil.review.audit_export import AUDIT_COLUMNS, render_audit, write_audit
from insvigil.store import Store, open_store
from insvigil.store.audit import chain as audit_module
from insvigil.store.review import queue
from insvigil.store.review.audit_verify import verify as verify_audit
from insvigil.store.schema.review import audit_log
from tests.store.review_helpers import T0, disc, new_run, seen

NIR = "2 83 05 2A 004 123 07"  # synthetic, key by MI02


def _decide(store: Store, n: int = 3) -> None:
    queue.sync_queue(store, new_run(store), [disc(f"A{i}") for i in range(1, n + 1)], seen())
    for i in range(1, n + 1):
        queue.resolve_item(
            store,
            i,
            decision="ACCEPTER_TRAITS_INSI",
            by=f"Référent {i}",
            comment=f"NIR {NIR} vérifié, dossier {i}",
            now=T0,
        )


def test_chain_is_intact_and_links_every_entry(store: Store) -> None:
    assert verify_audit(store) == verify_audit(store)
    empty = verify_audit(store)
    assert (empty.intact, empty.entries, empty.last_hash) == (True, 0, None)
    _decide(store)
    entries = list(audit_module.iter_entries(store))
    assert [e.prev_hash for e in entries] == [audit_module.GENESIS] + [e.hash for e in entries[:-1]]
    verdict = verify_audit(store)
    assert (verdict.intact, verdict.entries, verdict.last_hash) == (True, 3, entries[-1].hash)
    first = entries[0]
    assert first.at == T0 and first.actor == "Référent 1" and first.item_id == 1
    assert first.records == ("750000001/A1",)
    assert first.avant["etat"] == "OUVERT" and first.apres["etat"] == "RESOLU"
    assert first.apres["par"] == "Référent 1" and first.apres["version"] == 2


def test_no_matricule_in_clear_in_free_text(store: Store) -> None:
    _decide(store, 1)
    queue.sync_queue(store, new_run(store), [disc("B1")], seen())
    queue.resolve_item(store, 2, decision="AUTRE_PERSONNE", by=f"agent {NIR}", comment="ras")
    compact = NIR.replace(" ", "")
    with store.engine.connect() as conn:
        rows = [tuple(str(v) for v in r) for r in conn.execute(select(audit_log))]
    text = json.dumps(rows, ensure_ascii=False)
    assert compact not in text and NIR not in text and "2************07" in text
    exported = render_audit(audit_module.iter_entries(store), "csv")
    assert compact not in exported and NIR not in exported
    assert queue.get_item(store, 1).commentaire == "NIR 2************07 vérifié, dossier 1"


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("commentaire", "falsifié"),
        ("decision", "AUTRE_PERSONNE"),
        ("at", "2020-01-01T00:00:00+00:00"),
        ("at", "pas une date"),
    ],
)
def test_an_edited_entry_is_named(store: Store, column: str, value: str) -> None:
    _decide(store)
    with store.engine.begin() as conn:
        # raw SQL, as someone editing the database by hand would
        conn.execute(text(f"UPDATE audit_log SET {column} = :v WHERE id = 2"), {"v": value})
    verdict = verify_audit(store)
    assert (verdict.intact, verdict.first_bad, verdict.entries) == (False, 2, 1)
    assert "modifiée" in (verdict.reason or "")


def test_a_deleted_or_inserted_entry_is_named(store: Store) -> None:
    _decide(store)
    with store.engine.begin() as conn:
        conn.execute(delete(audit_log).where(audit_log.c.id == 2))
    verdict = verify_audit(store)
    assert (verdict.intact, verdict.first_bad) == (False, 3)
    assert "supprimée" in (verdict.reason or "")


def test_a_forked_chain_is_refused_by_the_database(store: Store) -> None:
    _decide(store, 1)
    (entry,) = list(audit_module.iter_entries(store))
    with pytest.raises(Exception), store.engine.begin() as conn:  # noqa: B017 - any driver error
        conn.execute(
            insert(audit_log).values(
                id=5,
                at=T0,
                actor="x",
                action="DECISION",
                item_id=1,
                records="[]",
                decision=None,
                commentaire=None,
                avant="{}",
                apres="{}",
                prev_hash=entry.prev_hash,
                hash="f" * 64,
            )
        )


def test_concurrent_decisions_on_different_items_keep_one_chain(db_url: str) -> None:
    with open_store(db_url) as setup:
        queue.sync_queue(setup, new_run(setup), [disc(f"A{i}") for i in range(8)], seen())
    stores = [open_store(db_url) for _ in range(2)]
    errors: list[BaseException] = []

    def work(store: Store, ids: range) -> None:
        try:
            for i in ids:
                queue.resolve_item(store, i, decision="AUTRE_PERSONNE", by=f"r{i}")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [
        threading.Thread(target=work, args=(stores[0], range(1, 9, 2))),
        threading.Thread(target=work, args=(stores[1], range(2, 9, 2))),
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    for s in stores:
        s.close()
    assert errors == []
    with open_store(db_url) as store:
        verdict = verify_audit(store)
        assert (verdict.intact, verdict.entries) == (True, 8)


def test_export_files(store: Store, tmp_path: Path) -> None:
    _decide(store, 2)
    entries = list(audit_module.iter_entries(store))
    write_audit(entries, "csv", tmp_path / "audit.csv")
    raw = (tmp_path / "audit.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf" + ";".join(AUDIT_COLUMNS).encode())
    assert len(raw.decode("utf-8-sig").splitlines()) == 3
    assert stat.S_IMODE(os.stat(tmp_path / "audit.csv").st_mode) == 0o600
    write_audit(entries, "json", tmp_path / "audit.json")
    doc = json.loads((tmp_path / "audit.json").read_text("utf-8"))
    assert [e["empreinte"] for e in doc["entrees"]] == [e.hash for e in entries]
    assert doc["entrees"][0]["horodatage_utc"] == "2026-10-01T08:00:00+00:00"
    assert stat.S_IMODE(os.stat(tmp_path / "audit.json").st_mode) == 0o600
