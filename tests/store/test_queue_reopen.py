"""Reopening a decision (SQLite, PostgreSQL), and pages beyond the last one."""

from __future__ import annotations

from datetime import timedelta

import pytest

from insvigil.errors import InvalidValue
from insvigil.review.errors import DecisionConflict, ItemNotFound
from insvigil.review.types import Etat, QueueFilter
from insvigil.store import Store
from insvigil.store.audit import chain as audit
from insvigil.store.review import queue
from insvigil.store.review.audit_verify import verify as verify_audit
from tests.store.review_helpers import T0, disc, new_run, pair, seen

NIR = "2 83 05 2A 004 123 07"  # synthetic, key by MI02


def test_reopening_a_decision_puts_the_item_back_as_never_decided(store: Store) -> None:
    queue.sync_queue(store, new_run(store), [disc("A1"), pair("B1", "B2")], seen())
    untouched = (queue.accepted_discordances(store), queue.distinct_pairs(store))
    before = queue.get_item(store, 1)
    queue.resolve_item(store, 1, decision="ACCEPTER_TRAITS_INSI", by="M. Durand", now=T0)
    queue.resolve_item(store, 2, decision="PERSONNES_DISTINCTES", by="M. Durand", now=T0)
    assert queue.accepted_discordances(store) and queue.distinct_pairs(store)
    later = T0 + timedelta(hours=2)
    first = queue.reopen_item(
        store, 1, by="Mme Leroy", comment=f"CNI mal lue ({NIR})", expected_version=2, now=later
    )
    second = queue.reopen_item(store, 2, by="Mme Leroy", comment="jumeaux, pas homonymes")
    assert (first.etat, first.version) == (Etat.OUVERT, 3)
    assert (first.decision, first.decided_by, first.decided_at, first.commentaire) == (None,) * 4
    assert second.etat is Etat.OUVERT and queue.get_item(store, 2) == second
    assert (first.kind, first.records, first.hash_a) == (before.kind, before.records, before.hash_a)
    # the next run reads the decisions exactly as if none had been taken
    assert (queue.accepted_discordances(store), queue.distinct_pairs(store)) == untouched
    # and finding the problems again leaves them open
    queue.sync_queue(store, new_run(store), [disc("A1"), pair("B1", "B2")], seen())
    assert [queue.get_item(store, i).etat for i in (1, 2)] == [Etat.OUVERT, Etat.OUVERT]
    history = list(audit.iter_entries(store, 1))
    assert [(e.action, e.actor, e.decision) for e in history] == [
        ("DECISION", "M. Durand", "ACCEPTER_TRAITS_INSI"),
        ("REOUVERTURE", "Mme Leroy", None),
    ]
    reopening = history[1]
    assert reopening.at == later and reopening.commentaire == "CNI mal lue (2************07)"
    assert reopening.avant["etat"] == "RESOLU" and reopening.avant["decision"] == (
        "ACCEPTER_TRAITS_INSI"
    )
    assert reopening.apres["etat"] == "OUVERT" and reopening.apres["decision"] is None
    assert verify_audit(store).intact


def test_a_new_decision_after_reopening_is_recorded_and_audited(store: Store) -> None:
    queue.sync_queue(store, new_run(store), [disc("A1")], seen())
    queue.resolve_item(store, 1, decision="ACCEPTER_TRAITS_INSI", by="r1")
    queue.reopen_item(store, 1, by="r2", comment="à revoir")
    item = queue.resolve_item(store, 1, decision="AUTRE_PERSONNE", by="r3", expected_version=3)
    assert (item.etat, item.decision, item.decided_by, item.version) == (
        Etat.RESOLU,
        "AUTRE_PERSONNE",
        "r3",
        4,
    )
    assert queue.accepted_discordances(store) == {}
    actions = [(e.action, e.decision) for e in audit.iter_entries(store)]
    assert actions == [
        ("DECISION", "ACCEPTER_TRAITS_INSI"),
        ("REOUVERTURE", None),
        ("DECISION", "AUTRE_PERSONNE"),
    ]
    verdict = verify_audit(store)
    assert verdict.intact and verdict.entries == 3


def test_reopen_refusals_are_french(store: Store) -> None:
    run = new_run(store)
    queue.sync_queue(store, run, [disc("A1"), disc("A2")], seen())
    queue.sync_queue(store, run, [disc("A1")], seen("A2"))  # A2 no longer found: caduc
    with pytest.raises(DecisionConflict, match="élément n° 1 déjà ouvert : aucune décision"):
        queue.reopen_item(store, 1, by="r", comment="x")
    with pytest.raises(DecisionConflict, match="élément n° 2 caduc depuis"):
        queue.reopen_item(store, 2, by="r", comment="x")
    with pytest.raises(ItemNotFound, match="élément n° 99 introuvable"):
        queue.reopen_item(store, 99, by="r", comment="x")
    queue.resolve_item(store, 1, decision="AUTRE_PERSONNE", by="r")
    with pytest.raises(InvalidValue, match="motif de la réouverture absent"):
        queue.reopen_item(store, 1, by="r", comment="  ")
    with pytest.raises(InvalidValue, match="nom du référent absent"):
        queue.reopen_item(store, 1, by=" ", comment="x")
    with pytest.raises(DecisionConflict, match="modifié depuis votre lecture"):
        queue.reopen_item(store, 1, by="r", comment="x", expected_version=1)
    assert queue.get_item(store, 1).etat is Etat.RESOLU  # nothing changed
    assert [e.action for e in audit.iter_entries(store)] == ["DECISION"]
    queue.reopen_item(store, 1, by="r", comment="x")
    with pytest.raises(DecisionConflict, match="déjà ouvert"):
        queue.reopen_item(store, 1, by="r", comment="x")


def test_a_page_beyond_the_last_is_refused(store: Store) -> None:
    assert queue.list_items(store, QueueFilter(page=1)).total == 0  # empty: page 1 is fine
    with pytest.raises(InvalidValue, match="page 2 hors limites : la sélection compte 1 page"):
        queue.list_items(store, QueueFilter(page=2))
    queue.sync_queue(store, new_run(store), [disc(f"A{i}") for i in range(5)], seen())
    assert len(queue.list_items(store, QueueFilter(limite=2, page=3)).items) == 1
    with pytest.raises(InvalidValue) as caught:
        queue.list_items(store, QueueFilter(limite=2, page=999))
    assert str(caught.value) == (
        "page 999 hors limites : la sélection compte 3 page(s) (5 élément(s), 2 par page)"
    )
