"""A first load builds the admission-lookup indexes once, at its end, not row by row.

Keeping ``lookup_keys``' seven indexes up to date insert by insert is a large share of a big
first run: at 1M records, once the indexes outgrow what one transaction touches, nearly every
insert dirties index pages of its own (about a seventh of the run). Building an index over rows
already there sorts them instead: about 4 s for the seven at 1M.

So a run that starts on an empty lookup index drops its indexes
(:func:`defer_lookup_indexes`) and creates them again when its records are saved
(:func:`restore_lookup_indexes`). Every run that does not defer starts by creating whichever
is missing, so a first load killed before its end leaves an index that the next run heals. In
between, the admission lookup gives the same answers, only slower (it reads the table).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sqlalchemy import Index, select

if TYPE_CHECKING:
    from insvigil.store.api import Store
from insvigil.store.db.engine import db_errors, write_tx
from insvigil.store.schema.lookup import lookup_keys

__all__ = ["defer_lookup_indexes", "restore_lookup_indexes"]


def _indexes() -> list[Index]:
    return sorted(lookup_keys.indexes, key=lambda index: str(index.name))


def defer_lookup_indexes(store: Store) -> bool:
    """Drop the lookup indexes when the lookup index holds no row; returns whether it did."""
    with (
        db_errors("préparation de l'index de recherche impossible"),
        write_tx(store.engine) as conn,
    ):
        if conn.execute(select(lookup_keys.c.record_id).limit(1)).first() is not None:
            return False
        for index in _indexes():
            index.drop(conn, checkfirst=True)
    return True


def restore_lookup_indexes(store: Store) -> None:
    """Create the lookup indexes that are missing (all of them after a deferred load)."""
    with (
        db_errors("construction de l'index de recherche impossible"),
        write_tx(store.engine) as conn,
    ):
        for index in _indexes():
            index.create(conn, checkfirst=True)
