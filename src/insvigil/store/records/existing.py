"""Which records of a batch are stored already: one statement a batch, on either backend.

Used by :func:`insvigil.store.records.chunks.save_chunk` (insert, update or leave each record) and
by
:mod:`insvigil.store.lookup.index` (the ids of records named by their key).
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import String, and_, bindparam, func, select, text
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection

from insvigil.store.db.bulk import batches
from insvigil.store.schema.core import records

__all__ = ["Key", "stored_keys"]

Key = tuple[str, str]  # (structure, local_id)


def stored_keys(conn: Connection, keys: Sequence[Key]) -> dict[Key, tuple[int, str]]:
    """Which of these (structure, local_id) keys are stored already → (id, content_hash)."""
    out: dict[Key, tuple[int, str]] = {}
    if conn.dialect.name == "postgresql":
        # One query: the keys as a two-column unnest() joined to the unique index, which the
        # planner runs as index lookups whatever its statistics say.
        wanted = (
            func.unnest(
                bindparam("s", [k[0] for k in keys], type_=postgresql.ARRAY(String)),
                bindparam("l", [k[1] for k in keys], type_=postgresql.ARRAY(String)),
            )
            .table_valued("structure", "local_id")
            .render_derived(name="wanted")
        )
        stmt = select(
            records.c.id, records.c.structure, records.c.local_id, records.c.content_hash
        ).select_from(
            wanted.join(
                records,
                and_(
                    records.c.structure == wanted.c.structure,
                    records.c.local_id == wanted.c.local_id,
                ),
            )
        )
        for record_id, structure, local_id, content_hash in conn.execute(stmt).all():
            out[(structure, local_id)] = (record_id, content_hash)
        return out
    # SQLite: ONE statement per batch of keys whatever the number of structures (one query
    # per structure cost a chunk of a file with thousands of structures as many queries),
    # driven by the JSON list with one probe of the unique index per key.
    for batch in batches(keys):
        rows = conn.execute(_SQLITE_EXISTING, {"keys": json.dumps([list(key) for key in batch])})
        for record_id, structure, local_id, content_hash in rows:
            out[(structure, local_id)] = (record_id, content_hash)
    return out


_SQLITE_EXISTING = text(
    "SELECT r.id, r.structure, r.local_id, r.content_hash FROM json_each(:keys) AS j "
    "CROSS JOIN records AS r ON r.structure = json_extract(j.value, '$[0]') "
    "AND r.local_id = json_extract(j.value, '$[1]')"
)
