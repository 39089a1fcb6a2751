"""An account's scope in the library's queries (contract §6), on SQLite and PostgreSQL:
nothing of a structure outside the scope is read, and an item outside it is answered exactly
as an item that does not exist."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

import insvigil
from insvigil.accounts import Scope
from insvigil.lookup.query import parse_query
from insvigil.review.types import Etat, QueueFilter
from insvigil.store import Store, open_store
from insvigil.store.lookup.driver_sqlalchemy import search_detailed
from insvigil.store.review.indicators import load_report
from insvigil.store.review.queue import get_item, item_detail, list_items, reopen_item, resolve_item
from insvigil.store.review.worklist import iter_worklist
from insvigil.store.schema.core import records

ALL = QueueFilter(etat=None, limite=10_000)


@pytest.fixture
def qualified(db_url: str, tmp_path: Path) -> Store:
    population = tmp_path / "population"
    insvigil.generate_population(600, 11, population)
    insvigil.qualify(
        insvigil.QualifyOptions(
            residents=population / "residents.csv",
            insi=(population / "insi.jsonl",),
            out=tmp_path / "out",
            db_url=db_url,
            today=date(2026, 11, 1),
        )
    )
    return open_store(db_url)


def _structures(store: Store) -> list[str]:
    counted = Counter(i.structure for i in list_items(store, ALL).items)
    return [s for s, _ in counted.most_common()]


def test_queue_list_shows_only_items_wholly_in_scope(qualified: Store) -> None:
    with qualified as store:
        everything = list_items(store, ALL).items
        first = _structures(store)[0]
        scope = Scope.of([first])
        mine = list_items(store, ALL, scope=scope)
        assert mine.total == len(mine.items) > 0
        for item in mine.items:
            assert item.structure == first and item.structure_b in (None, first)
        expected = [
            i.id for i in everything if i.structure == first and i.structure_b in (None, first)
        ]
        assert sorted(i.id for i in mine.items) == sorted(expected)
        assert list_items(store, ALL, scope=Scope.everything()).total == len(everything)


def test_cross_structure_pairs_need_both_structures(qualified: Store) -> None:
    with qualified as store:
        pairs = [
            i
            for i in list_items(store, ALL).items
            if i.structure_b is not None and i.structure_b != i.structure
        ]
        if not pairs:
            pytest.skip("aucune paire entre deux structures dans cette population")
        pair = pairs[0]
        assert pair.structure_b is not None
        with pytest.raises(insvigil.ItemNotFound):
            item_detail(store, pair.id, scope=Scope.of([pair.structure]))
        both = item_detail(store, pair.id, scope=Scope.of([pair.structure, pair.structure_b]))
        assert both.item.id == pair.id


def test_an_unseen_item_is_a_missing_item(qualified: Store) -> None:
    with qualified as store:
        first, other = _structures(store)[:2]
        theirs = list_items(store, QueueFilter(structure=other, limite=1)).items[0]
        missing_id = 10_000_000
        with pytest.raises(insvigil.ItemNotFound) as unseen:
            get_item(store, theirs.id, scope=Scope.of([first]))
        with pytest.raises(insvigil.ItemNotFound) as missing:
            get_item(store, missing_id, scope=Scope.of([first]))
        assert unseen.value.message.replace(str(theirs.id), "N") == missing.value.message.replace(
            str(missing_id), "N"
        )


def test_decide_and_reopen_outside_the_scope_change_nothing(qualified: Store) -> None:
    with qualified as store:
        first, other = _structures(store)[:2]
        theirs = list_items(store, QueueFilter(structure=other, limite=1)).items[0]
        code = insvigil.decisions_for(theirs.kind)[0].code
        with pytest.raises(insvigil.ItemNotFound):
            resolve_item(store, theirs.id, decision=code, by="x", scope=Scope.of([first]))
        assert get_item(store, theirs.id).etat is Etat.OUVERT
        done = resolve_item(
            store, theirs.id, decision=code, by="y", scope=Scope.of([theirs.structure, other])
        )
        assert done.etat is Etat.RESOLU
        with pytest.raises(insvigil.ItemNotFound):
            reopen_item(store, theirs.id, by="x", comment="non", scope=Scope.of([first]))
        assert get_item(store, theirs.id).etat is Etat.RESOLU
        assert not list(insvigil.iter_audit(store, theirs.id))[-1].action.startswith("REOUV")


def test_indicators_and_worklist_of_the_scope_only(qualified: Store) -> None:
    with qualified as store:
        first = _structures(store)[0]
        scope = Scope.of([first])
        report = load_report(store, scope=scope)
        assert [r.structure for r in report.latest] == [first]
        assert set(report.trend) == {first}
        assert set(report.open.structures) <= {first}
        everyone = load_report(store)
        assert [r for r in everyone.latest if r.structure == first] == list(report.latest)
        other = next(r.structure for r in everyone.latest if r.structure != first)
        assert load_report(store, structure=other, scope=scope).latest == []
        actions = list(iter_worklist(store, scope=scope))
        assert actions and {a.structure for a in actions} == {first}


def test_lookup_finds_records_of_the_scope_only(qualified: Store) -> None:
    with qualified as store:
        results = list(store.iter_results())
        first = _structures(store)[0]
        theirs = next(r for r in results if r.structure != first)
        with store.engine.connect() as conn:
            nom, ddn = conn.execute(
                select(records.c.nom_naissance, records.c.date_naissance).where(
                    records.c.structure == theirs.structure, records.c.local_id == theirs.local_id
                )
            ).one()
        query = parse_query(nom, None, ddn, None, None)
        found = search_detailed(store, query, 10)
        assert (theirs.structure, theirs.local_id) in {
            (c.structure, c.local_id) for c in found.candidats
        }
        scoped = search_detailed(store, query, 10, scope=Scope.of([first]))
        assert all(c.structure == first for c in scoped.candidats)
        mine = search_detailed(store, query, 10, scope=Scope.of([theirs.structure]))
        assert (theirs.structure, theirs.local_id) in {
            (c.structure, c.local_id) for c in mine.candidats
        }


def test_consulting_a_full_matricule_is_audited_and_breaks_nothing(qualified: Store) -> None:
    from insvigil.store.review.audit_consult import record_consultation

    with qualified as store:
        first, other = _structures(store)[:2]
        mine = list_items(store, QueueFilter(structure=first, limite=1)).items[0]
        code = insvigil.decisions_for(mine.kind)[0].code
        resolve_item(store, mine.id, decision=code, by="ref.a", scope=Scope.of([first]))
        before = insvigil.verify_audit(store)
        record_consultation(store, mine.id, by="ref.a", scope=Scope.of([first]))
        entries = list(insvigil.iter_audit(store, mine.id))
        assert [e.action for e in entries][-2:] == ["DECISION", "CONSULTATION"]
        assert entries[-1].actor == "ref.a"
        after = insvigil.verify_audit(store)
        assert after.intact and after.entries == before.entries + 1
        theirs = list_items(store, QueueFilter(structure=other, limite=1)).items[0]
        with pytest.raises(insvigil.ItemNotFound):
            record_consultation(store, theirs.id, by="ref.a", scope=Scope.of([first]))
        assert insvigil.verify_audit(store).entries == after.entries


def test_risk_order_read_by_groups_is_the_sorted_order(qualified: Store) -> None:
    from sqlalchemy import case

    from insvigil.review.types import Tri
    from insvigil.store.review.queue import neighbours
    from insvigil.store.schema.review import queue_items

    with qualified as store:
        c = queue_items.c
        rank = case((c.gravite == "BLOQUANTE", 0), (c.gravite == "MINEURE", 1), else_=2)
        with store.engine.connect() as conn:
            expected = [
                int(i)
                for (i,) in conn.execute(
                    select(c.id).where(c.etat == "OUVERT").order_by(rank, c.created_at, c.id)
                )
            ]
        pages = []
        page = 1
        while True:
            found = list_items(store, QueueFilter(tri=Tri.GRAVITE, limite=37, page=page))
            pages += [i.id for i in found.items]
            assert found.total == len(expected)
            if page * 37 >= found.total:
                break
            page += 1
        assert pages == expected
        flt = QueueFilter(tri=Tri.GRAVITE)
        for at in (0, 1, len(expected) // 2, len(expected) - 1):
            before, after = neighbours(store, flt, expected[at])
            assert before == (expected[at - 1] if at > 0 else None)
            assert after == (expected[at + 1] if at + 1 < len(expected) else None)
