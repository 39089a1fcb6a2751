"""The admission lookup's index in the store: ``lookup_keys`` rows, kept by ``qualify``.

``qualify`` saves each record's keys with the record, in
:meth:`~insvigil.store.Store.save_chunk`'s transaction (``ChunkItem.index``, through
:func:`upsert_lookup_rows`, which leaves unchanged rows alone). :func:`save_lookup_keys` does
the same for records named by (structure, local_id), in a transaction of its own or a caller's;
:func:`rebuild_lookup_keys` rebuilds the whole index.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.engine import Connection, Row

from insvigil.lookup.keys import COLUMNS, IndexKeys, index_keys
from insvigil.model import Resident
from insvigil.store.db.bulk import insert_rows, upsert
from insvigil.store.db.engine import db_errors, write_tx
from insvigil.store.records.existing import stored_keys
from insvigil.store.schema.core import records, results
from insvigil.store.schema.lookup import lookup_keys

if TYPE_CHECKING:  # records imports this module, and api imports records
    from insvigil.store.api import Store

__all__ = ["LookupRow", "rebuild_lookup_keys", "save_lookup_keys", "upsert_lookup_rows"]

_KEY_COLUMNS = ("record_id", *COLUMNS)
_STREAM = 5_000

LookupRow = tuple[str, str, IndexKeys]  # (structure, local_id, keys)


# -- writing -------------------------------------------------------------------------------


def upsert_lookup_rows(
    conn: Connection, rows: Sequence[tuple[int, IndexKeys]], *, new: bool = False
) -> None:
    """Insert or update the keys of these record ids, in the caller's transaction; a row whose
    keys did not change is not rewritten. Ids must not repeat. ``new``: records created in
    this transaction, which have no keys yet (plain inserts, cheaper than upserts)."""
    values = [(record_id, *keys.row()) for record_id, keys in rows]
    if new:
        insert_rows(conn, lookup_keys, _KEY_COLUMNS, values)
    else:
        upsert(conn, lookup_keys, ("record_id",), _KEY_COLUMNS, values, unless_same=COLUMNS)


def save_lookup_keys(target: Store | Connection, rows: Sequence[LookupRow]) -> int:
    """Store the lookup keys of records named by (structure, local_id); returns how many were
    saved (keys of records not in the store are skipped).

    With a :class:`Store`, one writing transaction of its own; with a ``Connection``, inside the
    caller's transaction. A (structure, local_id) must not repeat.
    """
    if not rows:
        return 0
    if isinstance(target, Connection):
        return _save(target, rows)
    with (
        db_errors("mise à jour de l'index de recherche impossible"),
        write_tx(target.engine) as conn,
    ):
        return _save(conn, rows)


def _record_ids(conn: Connection, keys: Sequence[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The stored records' ids of these (structure, local_id) pairs (one statement a batch)."""
    return {key: found[0] for key, found in stored_keys(conn, keys).items()}


def _save(conn: Connection, rows: Sequence[LookupRow]) -> int:
    ids = _record_ids(conn, [(structure, local_id) for structure, local_id, _ in rows])
    pairs = [
        (record_id, keys)
        for structure, local_id, keys in rows
        if (record_id := ids.get((structure, local_id))) is not None
    ]
    upsert_lookup_rows(conn, pairs)
    return len(pairs)


def rebuild_lookup_keys(store: Store, chunk: int = _STREAM) -> int:
    """Recompute the keys of every stored record (after an upgrade, or to repair the index);
    returns the number of records indexed. One transaction per ``chunk`` records."""
    columns = [
        records.c.id,
        records.c.nom_naissance,
        records.c.prenoms_naissance,
        records.c.premier_prenom,
        records.c.date_naissance,
        records.c.sexe,
        records.c.nom_utilise,
        records.c.prenom_utilise,
        records.c.matricule_ins,
        results.c.insi_active,
    ]
    stmt = (
        select(*columns)
        .select_from(records.outerjoin(results, results.c.record_id == records.c.id))
        .order_by(records.c.id)
    )
    done = 0
    last = 0
    with db_errors("reconstruction de l'index de recherche impossible"):
        while True:
            with write_tx(store.engine) as conn:
                batch = conn.execute(stmt.where(records.c.id > last).limit(chunk)).all()
                if not batch:
                    return done
                upsert_lookup_rows(conn, [(row.id, _row_keys(row)) for row in batch])
            done += len(batch)
            last = batch[-1].id


def _row_keys(row: Row[Any]) -> IndexKeys:
    resident = Resident(
        structure="",
        local_id="",
        nom_naissance=row.nom_naissance,
        prenoms_naissance=row.prenoms_naissance,
        date_naissance=row.date_naissance,
        sexe=row.sexe,
        premier_prenom=row.premier_prenom,
        nom_utilise=row.nom_utilise,
        prenom_utilise=row.prenom_utilise,
        matricule_ins=row.matricule_ins,
    )
    return index_keys(resident, row.insi_active)


# -- reading -------------------------------------------------------------------------------


# A generator: its name and its conditions, equalities on the leading columns of one index,
# against named parameters (so that a statement is built once per shape of query).
