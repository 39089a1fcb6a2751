"""The audit trail: append-only, tamper-evident (a SHA-256 hash chain and its anchors).

Every entry is written in the same transaction as the change it records. Its ``hash`` is
``SHA-256(prev_hash + "\\n" + canonical JSON of the entry)``, the canonical JSON holding the id,
time (UTC, ISO 8601), actor, action, item, records, decision, comment and the states before and
after, with sorted keys and no spaces. The first entry's ``prev_hash`` is 64 zeros; ``prev_hash``
is unique, so the chain cannot fork; ids follow each other from 1 (the id of the last entry is
the length of the chain).

A chain alone does not show that its newest entries were deleted. So every append also moves
the anchor (``audit_anchor``: id and hash of the last entry) in the same transaction, and every
run records the chain's length and last hash at its end (``runs.audit_entries``/``audit_head``);
:mod:`insvigil.store.review.audit_verify` checks the chain against them and against the queue's
decisions (what it detects, and what it cannot, is told there). The anchor moves only from the
head that the append found: if someone cut or extended the chain behind insvigil's back, the
anchor keeps the state it knew and the discrepancy stays visible to ``audit verify``.

Concurrent writers are serialised: SQLite writing transactions hold the database's write lock
(``BEGIN IMMEDIATE``); PostgreSQL ones take a transaction-scoped advisory lock before reading
the last entry. Free text (actor, comment) is stored with matricules masked (domain.md §11).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from insvigil.review.text import clean_text
from insvigil.review.types import AuditEntry
from insvigil.store.db.engine import db_errors, read_tx
from insvigil.store.db.queue_rows import Target, engine_of
from insvigil.store.schema.review import ANCHOR_ID, audit_anchor, audit_log

__all__ = ["GENESIS", "append", "entry_hash", "head", "iter_entries"]

GENESIS = "0" * 64
_ADVISORY_KEY = 0x1A5_7161  # any constant: "the audit chain" for pg_advisory_xact_lock
_STREAM = 5_000


def _dumps(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def entry_hash(prev_hash: str, fields: Mapping[str, Any]) -> str:
    """The hash of an entry whose stored column values are ``fields`` (``avant``, ``apres`` and
    ``records`` as their stored JSON text, ``at`` as a datetime or its stored ISO text)."""
    payload = {
        "id": int(fields["id"]),
        "at": at if isinstance(at := fields["at"], str) else at.isoformat(),
        "actor": fields["actor"],
        "action": fields["action"],
        "item_id": fields["item_id"],
        "records": fields["records"],
        "decision": fields["decision"],
        "commentaire": fields["commentaire"],
        "avant": fields["avant"],
        "apres": fields["apres"],
    }
    text = prev_hash + "\n" + _dumps(payload)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def append(
    conn: Connection,
    *,
    actor: str,
    action: str,
    item_id: int | None,
    records: Sequence[str],
    decision: str | None,
    commentaire: str | None,
    avant: Mapping[str, object],
    apres: Mapping[str, object],
    at: datetime | None = None,
) -> str:
    """Append one entry inside the caller's (writing) transaction, move the anchor; return
    the entry's hash."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_ADVISORY_KEY)))
    prev_id, prev_hash = head(conn)
    when = (at or datetime.now(UTC)).astimezone(UTC)
    fields: dict[str, Any] = {
        "id": prev_id + 1,
        "at": when,
        "actor": clean_text(actor, 200) or "?",
        "action": action,
        "item_id": item_id,
        "records": _dumps(list(records)),
        "decision": decision,
        "commentaire": clean_text(commentaire),
        "avant": _dumps(dict(avant)),
        "apres": _dumps(dict(apres)),
    }
    digest = entry_hash(prev_hash, fields)
    conn.execute(insert(audit_log).values(**fields, prev_hash=prev_hash, hash=digest))
    # Only from the head it knew: a chain cut or extended behind its back keeps the old
    # anchor, and ``audit verify`` keeps showing the difference.
    a = audit_anchor.c
    conn.execute(
        update(audit_anchor)
        .where(a.id == ANCHOR_ID, a.entries == prev_id, a.head_hash == prev_hash)
        .values(entries=prev_id + 1, head_hash=digest)
    )
    return digest


def head(conn: Connection) -> tuple[int, str]:
    """The id and hash of the chain's last entry (0 and :data:`GENESIS` when it is empty)."""
    last = conn.execute(
        select(audit_log.c.id, audit_log.c.hash).order_by(audit_log.c.id.desc()).limit(1)
    ).first()
    return (0, GENESIS) if last is None else (int(last[0]), str(last[1]))


def _entry(row: Mapping[str, Any]) -> AuditEntry:
    return AuditEntry(
        id=int(row["id"]),
        at=row["at"],
        actor=row["actor"],
        action=row["action"],
        item_id=row["item_id"],
        records=tuple(json.loads(row["records"])),
        decision=row["decision"],
        commentaire=row["commentaire"],
        avant=json.loads(row["avant"]),
        apres=json.loads(row["apres"]),
        prev_hash=row["prev_hash"],
        hash=row["hash"],
    )


def _rows(engine: Engine, item_id: int | None = None) -> Iterator[Mapping[str, Any]]:
    stmt = select(audit_log).order_by(audit_log.c.id).execution_options(yield_per=_STREAM)
    if item_id is not None:
        stmt = stmt.where(audit_log.c.item_id == item_id)
    with db_errors("lecture du journal d'audit impossible"), read_tx(engine) as conn:
        for row in conn.execute(stmt).mappings():
            yield dict(row)


def iter_entries(target: Target, item_id: int | None = None) -> Iterator[AuditEntry]:
    """The entries, oldest first (only those of one queue item with ``item_id``)."""
    engine = engine_of(target)
    for row in _rows(engine, item_id):
        yield _entry(row)

