"""Deleting audit entries is found: the chain's anchors and the queue's decisions (SQLite, PG).

Each test plays someone with SQL access to the database, from the naive ``DELETE`` to a
consistent rewrite of everything, which only an anchor noted outside the database reveals.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import delete, inspect, select, text, update

from insvigil.store import Store
from insvigil.store.audit import chain as audit
from insvigil.store.review import queue
from insvigil.store.review.audit_checks import parse_expected
from insvigil.store.review.audit_verify import verify as verify_audit
from insvigil.store.schema.core import runs
from insvigil.store.schema.review import audit_anchor, audit_log, queue_items
from tests.store.review_helpers import T0, disc, new_run, seen


def _decide(store: Store, n: int) -> None:
    queue.sync_queue(store, new_run(store), [disc(f"A{i}") for i in range(1, n + 1)], seen())
    for i in range(1, n + 1):
        queue.resolve_item(
            store, i, decision="AUTRE_PERSONNE", by=f"Référent {i}", comment=f"vu {i}", now=T0
        )


def _finish(store: Store, run_id: int) -> None:
    store.finish_run(run_id, counts={}, finished_at=T0 + timedelta(hours=1))


def _sql(store: Store, *statements: str) -> None:
    """Raw SQL, as someone editing the database by hand would."""
    with store.engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))


def _rechain(store: Store, start: int) -> str:
    """Recompute the hashes from entry ``start`` on, as an attacker who knows the formula would
    (after deleting or editing entries); return the new last hash."""
    with store.engine.begin() as conn:
        rows = [
            dict(r) for r in conn.execute(select(audit_log).order_by(audit_log.c.id)).mappings()
        ]
        prev = audit.GENESIS
        for number, row in enumerate(rows, start=1):
            if number >= start:
                row["id"] = number
                row["prev_hash"] = prev
                row["hash"] = audit.entry_hash(prev, row)
            prev = row["hash"]
        conn.execute(delete(audit_log))
        for row in rows:
            conn.execute(audit_log.insert().values(**row))
    return prev


def _verdict_lines(store: Store, expected: tuple[int, str] | None = None) -> str:
    verdict = verify_audit(store, expected)
    assert not verdict.intact
    assert verdict.reason == verdict.problems[0] or verdict.first_bad is not None
    return "\n".join(verdict.problems)


def test_deleting_every_entry_is_found(store: Store) -> None:
    _decide(store, 13)
    assert verify_audit(store).intact
    _sql(store, "DELETE FROM audit_log")
    verdict = verify_audit(store)
    assert not verdict.intact and verdict.entries == 0
    assert verdict.missing_items == tuple(range(1, 14))
    lines = "\n".join(verdict.problems)
    assert "l'ancre du journal compte 13 entrée(s) mais le journal est vide" in lines
    assert "13 élément(s) résolu(s) de la file sans l'entrée d'audit" in lines
    # The next decisions start a new chain; the anchor keeps the evidence.
    queue.sync_queue(store, new_run(store), [disc("B1")], seen())
    queue.resolve_item(store, 14, decision="AUTRE_PERSONNE", by="r")
    later = verify_audit(store)
    assert not later.intact and later.missing_items == tuple(range(1, 14))
    assert "compte 13 entrée(s) mais le journal s'arrête à l'entrée n° 1" in (later.reason or "")


def test_deleting_the_last_entries_is_found(store: Store) -> None:
    _decide(store, 4)
    _sql(store, "DELETE FROM audit_log WHERE id >= 3")
    verdict = verify_audit(store)
    assert (verdict.intact, verdict.first_bad, verdict.missing_items) == (False, None, (3, 4))
    assert "s'arrête à l'entrée n° 2" in (verdict.reason or "")


def test_deleting_a_middle_entry_names_it_and_its_item(store: Store) -> None:
    _decide(store, 4)
    _sql(store, "DELETE FROM audit_log WHERE id = 2")
    verdict = verify_audit(store)
    assert (verdict.intact, verdict.first_bad, verdict.missing_items) == (False, 3, (2,))
    assert "supprimée" in (verdict.reason or "")


def test_deleting_entries_and_rewriting_the_anchor_row_is_still_found(store: Store) -> None:
    _decide(store, 3)
    with store.engine.begin() as conn:
        second = conn.execute(select(audit_log.c.hash).where(audit_log.c.id == 2)).scalar_one()
        conn.execute(delete(audit_log).where(audit_log.c.id == 3))
        conn.execute(update(audit_anchor).values(entries=2, head_hash=second))
    verdict = verify_audit(store)
    assert not verdict.intact and verdict.missing_items == (3,)
    assert verdict.problems == (verdict.reason,)


def test_a_run_anchors_the_chain_at_its_end(store: Store) -> None:
    _decide(store, 3)
    run_id = new_run(store, T0 + timedelta(minutes=5))
    _finish(store, run_id)
    head = list(audit.iter_entries(store))[-1].hash
    with store.engine.connect() as conn:
        row = conn.execute(
            select(runs.c.audit_entries, runs.c.audit_head).where(runs.c.id == run_id)
        ).one()
    assert tuple(row) == (3, head)
    assert verify_audit(store).runs_checked == 1
    # Delete the last decision, hide it in the queue and rewrite the anchor row: the run's
    # anchor still knows that the chain had three entries.
    with store.engine.begin() as conn:
        second = conn.execute(select(audit_log.c.hash).where(audit_log.c.id == 2)).scalar_one()
        conn.execute(delete(audit_log).where(audit_log.c.id == 3))
        conn.execute(update(audit_anchor).values(entries=2, head_hash=second))
        conn.execute(
            update(queue_items)
            .where(queue_items.c.id == 3)
            .values(etat="OUVERT", decision=None, decided_by=None, decided_at=None)
        )
    lines = _verdict_lines(store)
    assert f"l'exécution n° {run_id} compte 3 entrée(s) mais le journal s'arrête" in lines


def test_a_middle_entry_deleted_and_the_chain_recomputed_is_found(store: Store) -> None:
    _decide(store, 4)
    run_id = new_run(store, T0 + timedelta(minutes=5))
    _finish(store, run_id)
    _sql(store, "DELETE FROM audit_log WHERE id = 2")
    head = _rechain(store, 2)
    _sql(store, f"UPDATE audit_anchor SET entries = 3, head_hash = '{head}'")
    verdict = verify_audit(store)
    assert verdict.first_bad is None and verdict.missing_items == (2,)
    lines = "\n".join(verdict.problems)
    assert f"l'exécution n° {run_id} compte 4 entrée(s) mais le journal s'arrête" in lines


def test_an_entry_rewritten_with_its_hashes_is_found(store: Store) -> None:
    """AUTRE_PERSONNE turned into ACCEPTER_TRAITS_INSI, in the trail AND the queue, chain and
    anchor row recomputed: only the run's anchor is left to see it."""
    _decide(store, 3)
    run_id = new_run(store, T0 + timedelta(minutes=5))
    _finish(store, run_id)
    _sql(
        store,
        "UPDATE audit_log SET decision = 'ACCEPTER_TRAITS_INSI' WHERE id = 2",
        "UPDATE queue_items SET decision = 'ACCEPTER_TRAITS_INSI' WHERE id = 2",
    )
    head = _rechain(store, 2)
    _sql(store, f"UPDATE audit_anchor SET head_hash = '{head}'")
    lines = _verdict_lines(store)
    assert f"l'exécution n° {run_id} : l'entrée n° 3 n'a plus l'empreinte" in lines


def test_a_decision_changed_in_the_queue_alone_is_found(store: Store) -> None:
    _decide(store, 2)
    _sql(store, "UPDATE queue_items SET decision = 'ACCEPTER_TRAITS_INSI' WHERE id = 1")
    verdict = verify_audit(store)
    assert not verdict.intact and verdict.missing_items == (1,)
    assert "diffère de son entrée d'audit : n° 1 (n° 1 : décision)" in (verdict.reason or "")


def test_an_item_resolved_or_reopened_by_hand_is_found(store: Store) -> None:
    _decide(store, 2)
    queue.sync_queue(store, new_run(store), [disc("A1"), disc("A2"), disc("B1")], seen())
    _sql(
        store,
        "UPDATE queue_items SET etat = 'RESOLU', decision = 'AUTRE_PERSONNE', "
        "decided_by = 'x' WHERE id = 3",
        "UPDATE queue_items SET etat = 'OUVERT', decision = NULL WHERE id = 1",
    )
    verdict = verify_audit(store)
    assert verdict.missing_items == (3,)
    lines = "\n".join(verdict.problems)
    assert "rouvert(s) sans entrée de réouverture : n° 1" in lines


def test_deleting_the_anchors_too_is_found(store: Store) -> None:
    _decide(store, 3)
    _finish(store, new_run(store, T0 + timedelta(minutes=5)))
    _sql(
        store,
        "DELETE FROM audit_log",
        "DELETE FROM audit_anchor",
        "UPDATE runs SET audit_entries = NULL, audit_head = NULL",
    )
    verdict = verify_audit(store)
    assert verdict.missing_items == (1, 2, 3)
    assert "l'ancre du journal (table audit_anchor) a été supprimée" in verdict.problems


def test_a_cleared_run_anchor_is_found(store: Store) -> None:
    _decide(store, 1)
    first = new_run(store, T0 + timedelta(minutes=5))
    _finish(store, first)
    second = new_run(store, T0 + timedelta(minutes=10))
    _finish(store, second)
    _sql(store, f"UPDATE runs SET audit_entries = NULL, audit_head = NULL WHERE id = {second}")
    assert f"l'ancre de l'exécution n° {second} a été effacée" in _verdict_lines(store)


def test_entries_added_behind_insvigil_keep_the_anchor_and_are_found(store: Store) -> None:
    _decide(store, 2)
    forged = {
        "id": 3,
        "at": T0,
        "actor": "x",
        "action": "DECISION",
        "item_id": 1,
        "records": "[]",
        "decision": "ACCEPTER_TRAITS_INSI",
        "commentaire": None,
        "avant": "{}",
        "apres": "{}",
    }
    with store.engine.begin() as conn:
        prev = conn.execute(select(audit_log.c.hash).where(audit_log.c.id == 2)).scalar_one()
        digest = audit.entry_hash(prev, forged)
        conn.execute(audit_log.insert().values(**forged, prev_hash=prev, hash=digest))
    assert "entrées ajoutées hors d'insvigil" in _verdict_lines(store)
    # A later, legitimate decision does not move the anchor past the forged entry.
    queue.sync_queue(store, new_run(store), [disc("A1"), disc("A2"), disc("B1")], seen())
    queue.resolve_item(store, 3, decision="AUTRE_PERSONNE", by="r")
    assert "entrées ajoutées hors d'insvigil" in _verdict_lines(store)


def test_only_an_outside_anchor_shows_a_consistent_rewrite(store: Store) -> None:
    _decide(store, 3)
    noted = verify_audit(store)
    assert noted.intact and noted.last_hash is not None
    # Everything rewritten consistently: the last decision forgotten everywhere.
    with store.engine.begin() as conn:
        second = conn.execute(select(audit_log.c.hash).where(audit_log.c.id == 2)).scalar_one()
        conn.execute(delete(audit_log).where(audit_log.c.id == 3))
        conn.execute(update(audit_anchor).values(entries=2, head_hash=second))
        conn.execute(
            update(queue_items)
            .where(queue_items.c.id == 3)
            .values(etat="OUVERT", version=1, decision=None, decided_by=None, decided_at=None)
        )
    assert verify_audit(store).intact  # the documented limit
    lines = _verdict_lines(store, (3, noted.last_hash))
    assert "l'ancre notée (--attendu) compte 3 entrée(s) mais le journal s'arrête" in lines
    assert verify_audit(store, (2, second[:16])).intact  # a prefix of 16 is enough


def test_a_noted_anchor_stays_valid_as_the_chain_grows(store: Store) -> None:
    _decide(store, 2)
    noted = verify_audit(store)
    assert noted.last_hash is not None
    queue.sync_queue(store, new_run(store), [disc("A1"), disc("A2"), disc("B1")], seen())
    queue.resolve_item(store, 3, decision="AUTRE_PERSONNE", by="r")
    assert verify_audit(store, (noted.entries, noted.last_hash)).intact
    assert not verify_audit(store, (noted.entries, "f" * 64)).intact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3:" + "AB" * 32, (3, "ab" * 32)),
        (" 0:" + "0" * 16 + " ", (0, "0" * 16)),
        ("3:" + "a" * 15, None),
        ("3:" + "g" * 16, None),
        ("-1:" + "a" * 16, None),
        ("a" * 16, None),
        ("", None),
    ],
)
def test_parse_expected(text: str, expected: tuple[int, str] | None) -> None:
    assert parse_expected(text) == expected


def test_the_run_reopening_and_a_new_decision_keep_the_trail_intact(store: Store) -> None:
    """Today's own writes never look like tampering: the run's reopening of a pair whose
    record changed, a referent's reopening, a new decision."""
    from tests.store.review_helpers import pair

    queue.sync_queue(store, new_run(store), [pair("A", "B")], seen("A", "B"))
    queue.resolve_item(store, 1, decision="PERSONNES_DISTINCTES", by="r1")
    queue.sync_queue(store, new_run(store), [pair("A", "B", hash_a="new")], seen("A", "B"))
    assert queue.get_item(store, 1).etat.value == "OUVERT"
    queue.resolve_item(store, 1, decision="HOMONYMES", by="r2")
    queue.reopen_item(store, 1, by="r3", comment="à revoir")
    queue.resolve_item(store, 1, decision="PERSONNES_DISTINCTES", by="r4")
    verdict = verify_audit(store)
    assert verdict.intact and verdict.entries == 5 and verdict.items_checked == 1


def test_0005_anchors_a_store_written_at_0004(db_url: str) -> None:
    """A store as today's code leaves it (revision 0004, a trail, finished runs) upgrades with
    its anchor at the chain's head; its runs carry no anchor; deletions are then found."""
    from alembic import command

    from insvigil.store import open_store
    from insvigil.store.db import engine as store_engine

    with open_store(db_url) as store:
        _decide(store, 3)
        _finish(store, 1)
        head = list(audit.iter_entries(store))[-1].hash
    engine = store_engine.make_store_engine(db_url)
    try:
        with store_engine.write_tx(engine) as conn:
            command.downgrade(store_engine.alembic_config(conn), "0004")
        with engine.connect() as conn:
            assert not conn.dialect.has_table(conn, "audit_anchor")
            assert "audit_entries" not in {c["name"] for c in inspect(conn).get_columns("runs")}
    finally:
        engine.dispose()
    with open_store(db_url) as store:  # upgrades to the head revision
        with store.engine.connect() as conn:
            assert tuple(conn.execute(select(audit_anchor)).one()) == (1, 3, head)
            assert conn.execute(select(runs.c.audit_entries)).scalars().all() == [None]
        verdict = verify_audit(store)
        assert verdict.intact and verdict.entries == 3 and verdict.runs_checked == 0
        _sql(store, "DELETE FROM audit_log WHERE id = 3")
        verdict = verify_audit(store)
        assert not verdict.intact and verdict.missing_items == (3,)


def test_0005_on_an_empty_trail(db_url: str) -> None:
    from insvigil.store import open_store

    with open_store(db_url) as store, store.engine.connect() as conn:
        assert tuple(conn.execute(select(audit_anchor)).one()) == (1, 0, audit.GENESIS)


def test_verifying_while_referents_decide_finds_nothing_wrong(db_url: str) -> None:
    """verify reads the chain, the anchors and the queue in one snapshot: a decision recorded
    between two of its reads must not look like a missing entry."""
    import threading

    from insvigil.store import open_store

    with open_store(db_url) as setup:
        queue.sync_queue(setup, new_run(setup), [disc(f"A{i}") for i in range(40)], seen())
    errors: list[BaseException] = []
    done = threading.Event()

    def decide() -> None:
        try:
            with open_store(db_url) as writer:
                for i in range(1, 41):
                    queue.resolve_item(writer, i, decision="AUTRE_PERSONNE", by=f"r{i}")
                    if i % 3 == 0:
                        queue.reopen_item(writer, i, by="s", comment="revu")
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            done.set()

    verdicts = []
    with open_store(db_url) as reader:
        thread = threading.Thread(target=decide)
        thread.start()
        while not done.is_set():
            verdicts.append(verify_audit(reader))
        thread.join(120)
        verdicts.append(verify_audit(reader))
    assert errors == []
    assert [v.problems for v in verdicts if not v.intact] == []
    assert verdicts[-1].entries == 40 + 13
