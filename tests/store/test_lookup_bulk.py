"""A first load drops the lookup indexes and builds them at its end; any other run heals them
(both backends). Every identity here is made up (``lookup_people``)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from insvigil.store import Store
from insvigil.store.lookup.bulk import defer_lookup_indexes, restore_lookup_indexes
from insvigil.store.schema.core import metadata
from insvigil.store.schema.lookup import LOOKUP_INDEXES

from .lookup_people import fill


def _indexes(store: Store) -> dict[str, list[str | None]]:
    with store.engine.connect() as conn:
        return {
            str(ix["name"]): list(ix["column_names"])
            for ix in inspect(conn).get_indexes("lookup_keys")
        }


def _schema_diffs(store: Store) -> list[object]:
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), metadata)
    return [d for d in diffs if "lookup_keys" in repr(d)]


EXPECTED = {name: list(columns) for name, columns, _ in LOOKUP_INDEXES}


def test_an_empty_index_is_deferred_then_restored_as_the_migrations_made_it(
    store: Store,
) -> None:
    assert _indexes(store) == EXPECTED
    assert defer_lookup_indexes(store) is True
    assert _indexes(store) == {}
    restore_lookup_indexes(store)
    assert _indexes(store) == EXPECTED
    assert _schema_diffs(store) == []  # partial indexes included: as revision 0003 made them
    restore_lookup_indexes(store)  # nothing missing: nothing done
    assert _indexes(store) == EXPECTED


def test_an_index_holding_rows_is_never_dropped(store: Store) -> None:
    fill(store)
    assert defer_lookup_indexes(store) is False
    assert _indexes(store) == EXPECTED


def test_a_load_killed_before_its_end_is_healed_by_the_next_run(store: Store) -> None:
    assert defer_lookup_indexes(store) is True
    fill(store)  # rows saved, then the load stops before restoring
    assert _indexes(store) == {}
    assert defer_lookup_indexes(store) is False  # the next run: rows there, not deferred...
    restore_lookup_indexes(store)  # ...so it restores first
    assert _indexes(store) == EXPECTED
