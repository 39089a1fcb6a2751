"""The review queue on SQLite and PostgreSQL: sync across runs, list, resolve, races."""

from __future__ import annotations

import threading
import time
from dataclasses import replace
from datetime import date, timedelta
from typing import Any

import pytest

from insvigil.errors import InvalidValue
from insvigil.review.errors import DecisionConflict, InvalidDecision, ItemNotFound
from insvigil.review.types import Etat, Kind, QueueFilter, Tri
from insvigil.store import Store, open_store
from insvigil.store.audit import chain as audit_module
from insvigil.store.review import queue
from insvigil.store.review.audit_verify import verify as verify_audit
from tests.store.review_helpers import S1, S2, T0, disc, new_run, pair, seen


def states(store: Store) -> dict[str, tuple[str, str | None]]:
    page = queue.list_items(store, QueueFilter(etat=None, limite=1000, tri=Tri.ID))
    return {
        i.local_id + (f"+{i.local_id_b}" if i.local_id_b else ""): (i.etat.value, i.decision)
        for i in page.items
    }


def test_new_problems_open_and_identical_runs_change_nothing(store: Store) -> None:
    run = new_run(store)
    candidates = [disc("A1"), disc("A2"), pair("A1", "A3")]
    first = queue.sync_queue(store, run, candidates, seen("A1", "A2", "A3"), now=T0)
    assert (first.nouveaux, first.caducs, first.rouverts) == (3, 0, 0)
    again = queue.sync_queue(store, new_run(store), candidates, seen("A1", "A2", "A3"))
    assert (again.nouveaux, again.maintenus, again.caducs) == (0, 3, 0)
    items = queue.list_items(store, QueueFilter(tri=Tri.ID)).items
    assert [(i.etat, i.version, i.created_run, i.seen_run) for i in items] == [
        (Etat.OUVERT, 1, run, run + 1)
    ] * 3


def test_a_decision_survives_the_same_input_run_again(store: Store) -> None:
    candidates = [disc("A1"), pair("A1", "A3")]
    queue.sync_queue(store, new_run(store), candidates, seen("A1", "A3"))
    queue.resolve_item(store, 1, decision="IDENTITE_DOUTEUSE", by="Mme Leroy")
    queue.resolve_item(store, 2, decision="MEME_PERSONNE", by="Mme Leroy")
    # As found, then prepared beforehand (a qualify run prepares them during its index build).
    for found in (candidates, queue.prepare_queue([*candidates, disc("A1")])):
        summary = queue.sync_queue(store, new_run(store), found, seen("A1", "A3"))
        assert (summary.maintenus, summary.rouverts) == (2, 0)
    assert states(store) == {
        "A1": ("RESOLU", "IDENTITE_DOUTEUSE"),
        "A1+A3": ("RESOLU", "MEME_PERSONNE"),
    }


def test_problems_no_longer_found_become_caduc_only_when_looked_for(store: Store) -> None:
    queue.sync_queue(
        store,
        new_run(store),
        [disc("A1"), disc("A2"), pair("A4", "A5")],
        seen("A1", "A2", "A4", "A5"),
    )
    # A1 processed, problem gone → CADUC; A2 not processed → stays; pairs not looked for → stay
    summary = queue.sync_queue(
        store, new_run(store), [], seen("A1", "A4"), kinds=[Kind.DISCORDANCE]
    )
    assert summary.caducs == 1
    assert states(store) == {
        "A1": ("CADUC", None),
        "A2": ("OUVERT", None),
        "A4+A5": ("OUVERT", None),
    }
    with pytest.raises(DecisionConflict, match="caduc"):
        queue.resolve_item(store, 1, decision="ACCEPTER_TRAITS_INSI", by="X")
    back = queue.sync_queue(store, new_run(store), [disc("A1")], seen("A1"))
    assert back.rouverts == 1 and states(store)["A1"] == ("OUVERT", None)


def test_decided_pairs_reopen_when_a_record_changes_discordances_do_not(store: Store) -> None:
    queue.sync_queue(store, new_run(store), [disc("A1"), pair("A1", "A3")], seen("A1", "A3"))
    queue.resolve_item(store, 1, decision="ACCEPTER_TRAITS_INSI", by="M. Durand")
    queue.resolve_item(store, 2, decision="PERSONNES_DISTINCTES", by="M. Durand")
    assert queue.distinct_pairs(store) == {(S1, "A1", "h-A1", S1, "A3", "h-A3")}
    changed = [disc("A1", hash_a="h-A1-v2"), pair("A1", "A3", hash_a="h-A1-v2")]
    summary = queue.sync_queue(store, new_run(store), changed, seen("A1", "A3"))
    assert summary.rouverts == 1
    assert states(store) == {"A1": ("RESOLU", "ACCEPTER_TRAITS_INSI"), "A1+A3": ("OUVERT", None)}
    assert queue.distinct_pairs(store) == set()
    last = list(audit_module.iter_entries(store))[-1]
    assert (last.action, last.item_id, last.apres["etat"]) == ("REOUVERTURE", 2, "OUVERT")
    assert verify_audit(store).intact


def test_accepted_discordances_for_the_next_run(store: Store) -> None:
    queue.sync_queue(
        store,
        new_run(store),
        [disc("A1"), disc("A2"), disc("A3", S2)],
        seen("A1", "A2") | seen("A3", structure=S2),
    )
    queue.resolve_item(store, 1, decision="ACCEPTER_TRAITS_INSI", by="X")
    queue.resolve_item(store, 2, decision="AUTRE_PERSONNE", by="X")
    assert queue.accepted_discordances(store) == {
        (S1, "A1"): {("DI04", "nom_naissance", "DUPONT", "DUPOND")}
    }


def test_open_counts_follow_taux_definitions(store: Store) -> None:
    candidates = [
        disc("A1"),
        disc("A2", actif=False),
        replace(disc("A5"), kind=Kind.COLLISION, code="IS12", fingerprint="12" * 32),
        pair("A1", "A3"),
        pair("A1", "B1", structure_b=S2, kind=Kind.COLLISION),
    ]
    queue.sync_queue(store, new_run(store), candidates, seen("A1"))
    counts = queue.open_counts(store)
    per_structure = {
        s: (c.discordances_ouvertes, c.doublons_ouverts, c.total)
        for s, c in counts.structures.items()
    }
    # IS12 is a discordance of one record, not a pair; the S1-S2 pair counts in both
    assert per_structure == {S1: (2, 2, 5), S2: (0, 1, 1)}
    assert (counts.discordances_ouvertes, counts.doublons_ouverts, counts.total) == (2, 2, 5)


def test_list_filters_sort_and_pages(store: Store) -> None:
    run = new_run(store)
    queue.sync_queue(store, run, [disc("A1"), pair("A2", "A3")], seen(), now=T0)
    later = T0 + timedelta(days=40)
    queue.sync_queue(store, run, [disc("B1", S2), disc("A4")], seen(), now=later)
    now = T0 + timedelta(days=45)

    def ids(**kw: Any) -> list[str]:
        page = queue.list_items(store, QueueFilter(**kw), now)
        return [i.local_id for i in page.items]

    assert ids() == ["A1", "A2", "B1", "A4"]
    assert ids(tri=Tri.RECENT) == ["A4", "B1", "A2", "A1"]
    assert ids(tri=Tri.GRAVITE) == ["A1", "B1", "A4", "A2"]
    assert ids(tri=Tri.STRUCTURE) == ["A1", "A2", "A4", "B1"]
    assert ids(structure=S2) == ["B1"]
    assert ids(kind=Kind.DOUBLON) == ["A2"]
    assert ids(local_id="A3") == ["A2"]
    assert ids(gravite="BLOQUANTE") == ["A1", "B1", "A4"]
    assert ids(age_min=30) == ["A1", "A2"]
    assert ids(depuis=date(2026, 11, 1)) == ["B1", "A4"]
    page = queue.list_items(store, QueueFilter(limite=3, page=2), now)
    assert (page.total, [i.local_id for i in page.items]) == (4, ["A4"])
    queue.resolve_item(store, 1, decision="AUTRE_PERSONNE", by="X")
    assert ids() == ["A2", "B1", "A4"] and ids(etat=Etat.RESOLU) == ["A1"]
    assert queue.list_items(store, QueueFilter(), now).items[0].age_days(now) == 45
    with pytest.raises(InvalidValue):
        queue.list_items(store, QueueFilter(limite=0))


def test_resolve_refusals_are_french_and_say_who(store: Store) -> None:
    queue.sync_queue(store, new_run(store), [disc("A1"), pair("A2", "A3")], seen())
    with pytest.raises(ItemNotFound, match="n° 99 introuvable"):
        queue.resolve_item(store, 99, decision="X", by="X")
    with pytest.raises(InvalidDecision, match="MEME_PERSONNE, PERSONNES_DISTINCTES"):
        queue.resolve_item(store, 2, decision="ACCEPTER_TRAITS_INSI", by="X")
    with pytest.raises(InvalidValue, match="--by"):
        queue.resolve_item(store, 1, decision="ACCEPTER_TRAITS_INSI", by="  ")
    with pytest.raises(DecisionConflict, match="version 1"):
        queue.resolve_item(store, 1, decision="AUTRE_PERSONNE", by="X", expected_version=0)
    done = queue.resolve_item(
        store,
        1,
        decision=" accepter_traits_insi ",
        by="M. Durand",
        comment="vu la CNI",
        expected_version=1,
        now=T0,
    )
    assert (done.etat, done.version, done.decision, done.decided_by) == (
        Etat.RESOLU,
        2,
        "ACCEPTER_TRAITS_INSI",
        "M. Durand",
    )
    with pytest.raises(DecisionConflict) as refused:
        queue.resolve_item(store, 1, decision="AUTRE_PERSONNE", by="Mme Leroy")
    assert refused.value.message == (
        "élément n° 1 déjà résolu par M. Durand le 01/10/2026 à 08:00 UTC "
        "(décision ACCEPTER_TRAITS_INSI) : votre décision n'a pas été enregistrée"
    )
    assert queue.get_item(store, 1).decided_by == "M. Durand"
    assert [e.decision for e in audit_module.iter_entries(store)] == ["ACCEPTER_TRAITS_INSI"]


def test_item_detail_shows_records_side_by_side(store: Store) -> None:
    from tests.store.helpers import content_hash, discordance, insi, item, resident, result_for

    res = resident(1)
    result = result_for(res, discordances=[discordance()])
    run = new_run(store)
    store.save_chunk(
        run,
        [
            item(
                res,
                result,
                [insi(traits={"nom_naissance": "DUPOND"}, actif={"matricule": "x", "oid": "o"})],
            )
        ],
    )
    candidate = disc(res.local_id, hash_a=content_hash(res))
    queue.sync_queue(store, run, [candidate, pair(res.local_id, "ABSENT")], seen())
    detail = queue.item_detail(store, 1)
    (view,) = detail.records
    assert view.present and view.traits["nom_naissance"] == res.nom_naissance
    assert view.insi is not None and view.insi["nom_naissance"] == "DUPOND"
    assert view.statut == "PROVISOIRE" and view.constats[0]["code"] == "TR01"
    both = queue.item_detail(store, 2).records
    assert [v.present for v in both] == [True, False]


def _race(db_url: str, pause_winner: bool) -> tuple[list[str], list[str]]:
    """Two referents, two connections (two engines), one item: returns (winners, losers)."""
    with open_store(db_url) as setup:
        queue.sync_queue(setup, new_run(setup), [disc("A1")], seen())
    stores = [open_store(db_url), open_store(db_url)]
    winners: list[str] = []
    losers: list[str] = []
    updated, other_started = threading.Event(), threading.Event()
    real_append = audit_module.append

    def slow_append(conn: Any, **kw: Any) -> str:
        # The first resolver holds its transaction open (item updated, not committed) until
        # the second one has started: the second must wait for it, then lose.
        if pause_winner and threading.current_thread().name == "premier":
            updated.set()
            other_started.wait(10)
            time.sleep(0.5)
        return real_append(conn, **kw)

    def resolve(store: Store, name: str) -> None:
        if pause_winner and name == "second":
            updated.wait(10)
            other_started.set()
        try:
            queue.resolve_item(store, 1, decision="ACCEPTER_TRAITS_INSI", by=name)
            winners.append(name)
        except DecisionConflict as exc:
            losers.append(exc.message)

    barrier = threading.Barrier(2)

    def run(store: Store, name: str) -> None:
        barrier.wait()
        resolve(store, name)

    audit_module.append = slow_append  # type: ignore[assignment]
    try:
        threads = [
            threading.Thread(target=run, args=(s, n), name=n)
            for s, n in zip(stores, ("premier", "second"), strict=True)
        ]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    finally:
        audit_module.append = real_append  # type: ignore[assignment]
        for s in stores:
            s.close()
    return winners, losers


@pytest.mark.parametrize("pause_winner", [False, True], ids=["ensemble", "entrelace"])
def test_two_referents_resolving_at_once_exactly_one_wins(db_url: str, pause_winner: bool) -> None:
    winners, losers = _race(db_url, pause_winner)
    assert len(winners) == 1 and len(losers) == 1
    if pause_winner:
        assert winners == ["premier"]
    assert f"déjà résolu par {winners[0]}" in losers[0]
    with open_store(db_url) as store:
        assert queue.get_item(store, 1).decided_by == winners[0]
        entries = list(audit_module.iter_entries(store))
        assert [e.actor for e in entries] == winners
        assert verify_audit(store).intact
