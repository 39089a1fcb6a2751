"""The admission-lookup index in the store: saving again, inside a caller's transaction,
rebuilding, deleting, and the schema of ``lookup_keys`` (both backends).

Every identity here is made up (``lookup_people``).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import delete, inspect, select, text

from insvigil.lookup import index_keys, parse_query
from insvigil.store import Store
from insvigil.store.lookup_store import (
    rebuild_lookup_keys,
    save_lookup_keys,
    search,
)
from insvigil.store.schema.core import metadata, records
from insvigil.store.schema.lookup import LOOKUP_INDEXES, lookup_keys
from insvigil.store.schema.review import queue_items

from .lookup_people import (
    COMMON,
    MATRICULE_A1,
    PEOPLE,
    TODAY,
    ask,
    ids,
)

# -- keeping the index ----------------------------------------------------------------------


def _lookup_rows(store: Store) -> list[tuple[Any, ...]]:
    with store.engine.connect() as conn:
        rows = conn.execute(select(lookup_keys).order_by(lookup_keys.c.record_id)).all()
    return [tuple(row) for row in rows]


def test_saving_again_changes_nothing_and_unknown_records_are_skipped(filled: Store) -> None:
    before = _lookup_rows(filled)
    res = PEOPLE[0].resident
    again = [(res.structure, res.local_id, index_keys(res)), ("999", "inconnu", index_keys(res))]
    assert save_lookup_keys(filled, again) == 1
    assert _lookup_rows(filled) == before
    changed_keys = index_keys(res, insi_active=MATRICULE_A1)
    assert save_lookup_keys(filled, [(res.structure, res.local_id, changed_keys)]) == 1
    after = _lookup_rows(filled)
    changed = [a for a, b in zip(after, before, strict=True) if a != b]
    assert [row[-1] for row in changed] == [MATRICULE_A1]


def test_save_inside_a_caller_transaction(filled: Store) -> None:
    res = replace(PEOPLE[2].resident, nom_naissance="DUPOND")
    with filled.engine.begin() as conn:
        assert save_lookup_keys(conn, [(res.structure, res.local_id, index_keys(res))]) == 1
    assert ids(ask(filled, nom="Dupond", ddn="1950"))[0] == "A-3"


def test_rebuild_gives_the_rows_qualify_saves(filled: Store) -> None:
    before = _lookup_rows(filled)
    with filled.engine.begin() as conn:
        conn.execute(delete(lookup_keys))
    assert rebuild_lookup_keys(filled, chunk=50) == len(before)
    assert _lookup_rows(filled) == before


def test_deleting_a_record_deletes_its_keys(filled: Store) -> None:
    with filled.engine.begin() as conn:
        conn.execute(delete(queue_items))
        conn.execute(delete(records).where(records.c.local_id == "A-6"))
    assert "A-6" not in ids(ask(filled, nom="Essai"))
    assert len(_lookup_rows(filled)) == len(PEOPLE) + len(COMMON) - 1


def test_search_returns_the_candidates(filled: Store) -> None:
    found = search(filled, parse_query(nom="Faure", today=TODAY), limit=1)
    assert [c.local_id for c in found] == ["A-4"]


# -- schema ---------------------------------------------------------------------------------


def test_the_migration_matches_the_schema_module(store: Store) -> None:
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
        indexes = {
            ix["name"]: ix["column_names"] for ix in inspect(conn).get_indexes("lookup_keys")
        }
    assert [d for d in diffs if "lookup_keys" in repr(d)] == []
    assert indexes == {name: list(columns) for name, columns, _ in LOOKUP_INDEXES}


def test_a_lookup_uses_an_index_not_a_scan(filled: Store) -> None:
    if filled.backend != "sqlite":
        pytest.skip("EXPLAIN QUERY PLAN is SQLite's")
    with filled.engine.connect() as conn:
        plan = conn.execute(
            text(
                "EXPLAIN QUERY PLAN SELECT record_id FROM lookup_keys "
                "WHERE nom_phon = 'FORE' AND annee = 1983"
            )
        ).all()
    assert "ix_lookup_keys_nom_phon_annee" in str(plan)
