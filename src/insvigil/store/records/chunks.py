"""Saving records and their results, one chunk per transaction.

A chunk is written with a handful of bulk statements whatever its size (see
:mod:`insvigil.store.db.bulk`: the driver's executemany on SQLite, ``COPY`` on PostgreSQL,
``ON CONFLICT`` upserts, id lists as one parameter), never one ORM flush per row:

1. which keys of the chunk exist already, with their ``content_hash`` (one query per structure);
2. new records: ids taken first (:func:`_allocate_ids`), then one executemany ``INSERT``;
3. changed records (hash differs): their old fields, one bulk ``UPDATE``, and one
   ``record_changes`` row each with only the fields that changed;
4. unchanged records: ``UPDATE records SET last_run`` by ids (skipped when already set);
5. ``results``: inserted for new records, else upsert on ``record_id``, skipped when the
   stored result is the same (so ``results.run_id`` is the run that computed the current
   result, while ``records.last_run`` is the last run that saw the record); a result's
   discordances are read from its findings (no table of their own since revision 0009);
6. INSi responses (:func:`insvigil.store.records.insi_write.save_responses`): each payload once in
   ``insi_payloads``, each response once in ``insi_responses``;
7. ``lookup_keys``: of the items that carry their keys (``ChunkItem.index``): inserted for new
   records, else upsert.

Saving the same chunk twice leaves every table as it was, except ``records.last_run`` when
the run differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.engine import Connection, Engine

from insvigil.errors import StoreError
from insvigil.store.db.bulk import (
    among,
    batches,
    insert_rows,
    update_rows,
    upsert,
)
from insvigil.store.db.codec import dumps, resident_values
from insvigil.store.db.engine import db_errors, read_tx, write_tx
from insvigil.store.db.types import ChunkItem
from insvigil.store.lookup.index import upsert_lookup_rows
from insvigil.store.records.existing import Key, stored_keys
from insvigil.store.records.insi_write import save_responses
from insvigil.store.records.rows import (
    RECORD_COLUMNS,
    RESULT_COLUMNS,
    record_row,
    result_row,
)
from insvigil.store.schema.core import (
    RESIDENT_COLUMNS,
    record_changes,
    records,
    results,
)

__all__ = ["record_hashes", "save_chunk"]

_STREAM = 20_000


#: A stored result is rewritten only when one of these differs (not for a new ``run_id``).
_RESULT_CONTENT = tuple(name for name in RESULT_COLUMNS if name not in ("record_id", "run_id"))


def record_hashes(engine: Engine) -> dict[Key, tuple[int, str]]:
    """Every record's key → (id, content_hash), read in one streamed query."""
    out: dict[Key, tuple[int, str]] = {}
    structures: dict[str, str] = {}  # one str object per structure code, shared by the keys
    stmt = select(
        records.c.id, records.c.structure, records.c.local_id, records.c.content_hash
    ).execution_options(yield_per=_STREAM)
    with db_errors("lecture des fiches impossible"), read_tx(engine) as conn:
        for record_id, structure, local_id, content_hash in conn.execute(stmt):
            out[(structures.setdefault(structure, structure), local_id)] = (
                record_id,
                content_hash,
            )
    return out


def _allocate_ids(conn: Connection, n: int) -> list[int]:
    """``n`` new record ids, taken before inserting (so no ``RETURNING`` round trip is needed).

    PostgreSQL: from the column's sequence. SQLite: after the largest id, which is safe because
    a writing transaction holds the database's write lock from its ``BEGIN IMMEDIATE``.
    """
    if conn.dialect.name == "postgresql":
        rows = conn.exec_driver_sql(
            "SELECT nextval(pg_get_serial_sequence('records', 'id')) "
            f"FROM generate_series(1, {int(n)})"
        )
        return [int(value) for (value,) in rows.all()]
    top = conn.execute(select(func.coalesce(func.max(records.c.id), 0))).scalar_one()
    return list(range(int(top) + 1, int(top) + 1 + n))


def _check_items(items: Sequence[ChunkItem]) -> list[Key]:
    """The chunk's keys; StoreError when a key repeats or a result is not its record's."""
    keys = [(item.resident.structure, item.resident.local_id) for item in items]
    if len(set(keys)) != len(keys):
        raise StoreError("lot invalide : une même fiche (structure, local_id) y figure deux fois")
    for item, (structure, local_id) in zip(items, keys, strict=True):
        if item.result.local_id != local_id or item.result.structure != structure:
            raise StoreError(
                f"lot invalide : le résultat joint à la fiche ({structure}, {local_id}) "
                "concerne une autre fiche"
            )
    return keys


#: ``records`` columns rewritten for a changed record (the key first).
_UPDATED_COLUMNS: tuple[str, ...] = (
    "id",
    *RESIDENT_COLUMNS,
    "content_hash",
    "last_run",
    "updated_at",
)


def _update_changed(
    conn: Connection, run_id: int, now_text: str, changed: list[tuple[int, ChunkItem]]
) -> None:
    """Rewrite the changed records and record, for each, the fields that changed."""
    ids = [record_id for record_id, _ in changed]
    columns = [records.c[name] for name in RESIDENT_COLUMNS]
    old: dict[int, dict[str, Any]] = {}
    for batch in batches(ids):
        for row in conn.execute(
            select(records.c.id, *columns).where(among(conn, records.c.id, batch))
        ):
            mapping = row._mapping
            old[mapping["id"]] = {name: mapping[name] for name in RESIDENT_COLUMNS}
    updates: list[tuple[object, ...]] = []
    changes: list[tuple[object, ...]] = []
    for record_id, item in changed:
        new = resident_values(item.resident)
        before = old[record_id]
        fields = [name for name in RESIDENT_COLUMNS if before[name] != new[name]]
        if fields:  # the hash may change with nothing stored changing (e.g. a new hash recipe)
            changes.append(
                (
                    record_id,
                    run_id,
                    now_text,
                    dumps({name: before[name] for name in fields}),
                    dumps({name: new[name] for name in fields}),
                )
            )
        updates.append(
            (
                record_id,
                *(new[name] for name in RESIDENT_COLUMNS),
                item.content_hash,
                run_id,
                now_text,
            )
        )
    update_rows(conn, records, _UPDATED_COLUMNS, updates)
    insert_rows(conn, record_changes, _CHANGE_COLUMNS, changes)


_CHANGE_COLUMNS = ("record_id", "run_id", "changed_at", "avant", "apres")


def save_chunk(engine: Engine, run_id: int, items: Sequence[ChunkItem]) -> None:
    """Save one chunk of records with their results in ONE transaction (see module doc)."""
    if not items:
        return
    keys = _check_items(items)
    now = datetime.now(UTC)
    now_text = now.isoformat()  # bulk rows bypass IsoDateTime: give it its stored form
    with db_errors("enregistrement d'un lot de fiches impossible"), write_tx(engine) as conn:
        existing = stored_keys(conn, keys)
        ids: list[int] = []
        new_positions: list[int] = []
        changed: list[tuple[int, ChunkItem]] = []
        unchanged: list[int] = []
        for position, (item, key) in enumerate(zip(items, keys, strict=True)):
            found = existing.get(key)
            if found is None:
                new_positions.append(position)
                ids.append(-1)  # allocated below
            else:
                ids.append(found[0])
                if found[1] != item.content_hash:
                    changed.append((found[0], item))
                else:
                    unchanged.append(found[0])

        if new_positions:
            allocated = _allocate_ids(conn, len(new_positions))
            for position, record_id in zip(new_positions, allocated, strict=True):
                ids[position] = record_id
            insert_rows(
                conn,
                records,
                RECORD_COLUMNS,
                [
                    record_row(
                        ids[p],
                        items[p].resident,
                        items[p].content_hash,
                        run_id,
                        now_text,
                    )
                    for p in new_positions
                ],
            )
        if changed:
            _update_changed(conn, run_id, now_text, changed)
        for batch in batches(unchanged):
            conn.execute(
                update(records)
                .where(among(conn, records.c.id, batch), records.c.last_run != run_id)
                .values(last_run=run_id)
            )

        # A reused result is the stored one (its record unchanged, see ChunkItem.reused):
        # nothing of it is written again, only ``records.last_run`` above.
        pairs = [pair for pair in zip(ids, items, strict=True) if not pair[1].reused]
        # A record created here has no result nor lookup keys yet (they go with their record,
        # ON DELETE CASCADE): plain inserts for those, upserts for the others.
        created = {ids[p] for p in new_positions}
        fresh = [pair for pair in pairs if pair[0] in created]
        stored = [pair for pair in pairs if pair[0] not in created]
        insert_rows(
            conn,
            results,
            RESULT_COLUMNS,
            [result_row(rid, run_id, item.result, item.inputs) for rid, item in fresh],
        )
        upsert(
            conn,
            results,
            ("record_id",),
            RESULT_COLUMNS,
            [result_row(rid, run_id, item.result, item.inputs) for rid, item in stored],
            unless_same=_RESULT_CONTENT,
        )

        save_responses(conn, [(record_id, item.insi) for record_id, item in pairs if item.insi])
        for group, new in ((fresh, True), (stored, False)):
            upsert_lookup_rows(
                conn,
                [(record_id, item.index) for record_id, item in group if item.index is not None],
                new=new,
            )
