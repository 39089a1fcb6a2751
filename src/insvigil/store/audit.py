"""The audit trail: append-only, tamper-evident (a SHA-256 hash chain).

Every entry is written in the same transaction as the change it records. Its ``hash`` is
``SHA-256(prev_hash + "\\n" + canonical JSON of the entry)``, the canonical JSON holding the id,
time (UTC, ISO 8601), actor, action, item, records, decision, comment and the states before and
after, with sorted keys and no spaces. The first entry's ``prev_hash`` is 64 zeros; ``prev_hash``
is unique, so the chain cannot fork. :func:`verify` walks the chain and names the first entry
whose content or link does not match: an edited, deleted, inserted or reordered entry is found
(deleting the newest entries leaves a shorter chain that still verifies: keep the last hash
:func:`verify` prints somewhere else to detect that).

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

from sqlalchemy import String, func, insert, select, type_coerce
from sqlalchemy.engine import Connection, Engine

from insvigil.review.text import clean_text
from insvigil.review.types import AuditEntry, AuditVerdict
from insvigil.store.engine import db_errors, read_tx
from insvigil.store.queue_rows import Target, engine_of
from insvigil.store.schema_review import audit_log

__all__ = ["GENESIS", "append", "entry_hash", "iter_entries", "verify"]

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
    """Append one entry inside the caller's (writing) transaction; return its hash."""
    if conn.dialect.name == "postgresql":
        conn.execute(select(func.pg_advisory_xact_lock(_ADVISORY_KEY)))
    last = conn.execute(
        select(audit_log.c.id, audit_log.c.hash).order_by(audit_log.c.id.desc()).limit(1)
    ).first()
    prev_id, prev_hash = (0, GENESIS) if last is None else (int(last[0]), str(last[1]))
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
    return digest


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


def _rows(
    engine: Engine, item_id: int | None = None, *, raw_at: bool = False
) -> Iterator[Mapping[str, Any]]:
    columns = [
        type_coerce(c, String).label("at") if raw_at and c.name == "at" else c for c in audit_log.c
    ]
    stmt = select(*columns).order_by(audit_log.c.id).execution_options(yield_per=_STREAM)
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


def verify(target: Target) -> AuditVerdict:
    """Walk the chain; the verdict names the first entry that breaks it."""
    engine = engine_of(target)
    prev, count = GENESIS, 0
    for row in _rows(engine, raw_at=True):
        entry_id = int(row["id"])
        if row["prev_hash"] != prev:
            reason = (
                "son empreinte précédente ne correspond pas à l'entrée qui la précède "
                "(entrée supprimée, insérée ou déplacée)"
            )
            return AuditVerdict(False, count, prev, entry_id, reason)
        try:
            expected = entry_hash(prev, row)
        except (TypeError, ValueError, AttributeError, KeyError):
            expected = ""
        if row["hash"] != expected:
            reason = "son contenu ne correspond pas à son empreinte (entrée modifiée)"
            return AuditVerdict(False, count, prev, entry_id, reason)
        prev, count = str(row["hash"]), count + 1
    return AuditVerdict(True, count, None if count == 0 else prev)
