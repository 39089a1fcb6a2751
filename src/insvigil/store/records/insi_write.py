"""Writing and reading INSi responses: each payload once (``insi_payloads``), each response
once per record (``insi_responses``, revision 0009).

A chunk's responses are written with a few bulk statements: the ids of the chunk's payloads
stored already; the others, compressed, (``ON CONFLICT (hash) DO NOTHING``) and their ids; the
responses (``ON CONFLICT (record_id, response_key) DO NOTHING``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.engine import Connection

from insvigil.store.db import insi_payloads as payloads
from insvigil.store.db.bulk import among, batches, insert_ignoring_duplicates
from insvigil.store.db.types import StoredInsi
from insvigil.store.records.rows import INSI_COLUMNS, InsiRow, insi_row
from insvigil.store.schema.core import insi_payloads, insi_responses

__all__ = ["insi_from_row", "responses_of", "save_responses", "with_payload"]

#: Hashes looked up in one ``IN`` list on SQLite (bytes cannot go through ``json_each``).
_SQLITE_IN = 500


def _payload_ids(conn: Connection, hashes: Sequence[bytes]) -> dict[bytes, int]:
    out: dict[bytes, int] = {}
    c = insi_payloads.c
    postgres = conn.dialect.name == "postgresql"
    for batch in batches(hashes, size=len(hashes) if postgres else _SQLITE_IN):
        where = among(conn, c.hash, batch) if postgres else c.hash.in_(list(batch))
        for digest, payload_id in conn.execute(select(c.hash, c.id).where(where)):
            out[bytes(digest)] = int(payload_id)
    return out


def save_responses(conn: Connection, items: Iterable[tuple[int, Iterable[StoredInsi]]]) -> None:
    """Store the responses of each (record id, responses); those stored already are skipped."""
    rows: dict[tuple[object, object], InsiRow] = {}
    for record_id, responses in items:
        for response in responses:
            row = insi_row(record_id, response)
            rows.setdefault(row.key, row)
    if not rows:
        return
    texts = {row.payload_hash: row.payload_text for row in rows.values()}
    ids = _payload_ids(conn, list(texts))
    missing = [digest for digest in texts if digest not in ids]  # compressed only when new
    if missing:
        bodies = [(digest, payloads.compress(texts[digest])) for digest in missing]
        insert_ignoring_duplicates(conn, insi_payloads, ("hash", "body"), bodies)
        ids.update(_payload_ids(conn, missing))
    insert_ignoring_duplicates(
        conn,
        insi_responses,
        INSI_COLUMNS,
        [(*row.values, ids[row.payload_hash]) for row in rows.values()],
    )


def with_payload(stmt: Select[Any]) -> Select[Any]:
    """``stmt`` (a select from ``insi_responses``) joined to its payload's ``body``."""
    return stmt.add_columns(insi_payloads.c.body).join_from(
        insi_responses, insi_payloads, insi_payloads.c.id == insi_responses.c.payload_id
    )


def insi_from_row(row: Mapping[Any, Any]) -> StoredInsi:
    """A response from an ``insi_responses`` row joined to its payload's ``body``."""
    return StoredInsi(
        source=row["source"],
        date=row["date"],
        cr=row["cr"],
        operation=row["operation"],
        payload=payloads.decode(row["body"]),
    )


def responses_of(conn: Connection, record_id: int) -> list[StoredInsi]:
    """The responses of one record, in the order they were first saved."""
    stmt = with_payload(
        select(insi_responses)
        .where(insi_responses.c.record_id == record_id)
        .order_by(insi_responses.c.id)
    )
    return [insi_from_row(row) for row in conn.execute(stmt).mappings()]
