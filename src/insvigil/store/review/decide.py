"""A referent's decision on a queue item, and its reopening: each with its audit entry.

Both use optimistic locking: the item's ``version`` read before the change must still be the
stored one when the change is written (``UPDATE … WHERE id = ? AND version = ?``), in the same
transaction as the audit entry. Of two referents acting on one item at once exactly one change
is recorded; the other gets :class:`~insvigil.review.errors.DecisionConflict` saying who did
what and when. (SQLite serialises writing transactions; on PostgreSQL the second UPDATE waits
for the first's row lock, then finds the version changed.)

A decision is reversible, never erased: :func:`reopen_item` puts a ``RESOLU`` item back to
``OUVERT`` with its decision fields cleared (the next ``qualify`` run treats it as never
decided: :mod:`insvigil.store.review.decisions` reads ``RESOLU`` items only), and writes a
``REOUVERTURE`` entry after the ``DECISION`` entry, which stays in the trail.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, select, update
from sqlalchemy.engine import Connection

from insvigil.accounts.scope import Scope
from insvigil.errors import InvalidValue
from insvigil.review.decisions import get_decision
from insvigil.review.errors import DecisionConflict, ItemNotFound
from insvigil.review.text import clean_text
from insvigil.review.types import Etat, QueueItem
from insvigil.store.audit import chain as audit
from insvigil.store.db.engine import db_errors, write_tx
from insvigil.store.db.queue_rows import (
    Target,
    engine_of,
    item_from_row,
    now_utc,
    record_labels,
    state_of,
)
from insvigil.store.review.scoping import item_visible
from insvigil.store.schema.review import queue_items

__all__ = ["DECISION", "REOUVERTURE", "load_row", "reopen_item", "resolve_item"]

#: The audit actions of this module (the run's own reopening is ``REOUVERTURE`` too).
DECISION = "DECISION"
REOUVERTURE = "REOUVERTURE"


def _when(value: datetime | None) -> str:
    if value is None:
        return "à une date inconnue"
    utc = value.astimezone(UTC)
    return f"le {utc:%d/%m/%Y} à {utc:%H:%M} UTC"


def load_row(conn: Connection, item_id: int, scope: Scope | None = None) -> Any:
    """The item's row; ItemNotFound if there is none with that id, or if ``scope`` may not see
    it (the same error, the same message: an id outside the scope cannot be told from one
    that does not exist)."""
    row = conn.execute(select(queue_items).where(queue_items.c.id == item_id)).mappings().first()
    if row is None or not item_visible(row, scope):
        raise ItemNotFound(f"élément n° {item_id} introuvable dans la file de revue")
    return row


def _conflict(row: Any) -> DecisionConflict:
    item_id = row["id"]
    if row["etat"] == Etat.RESOLU.value:
        return DecisionConflict(
            f"élément n° {item_id} déjà résolu par {row['decided_by']} "
            f"{_when(row['decided_at'])} (décision {row['decision']}) : "
            "votre décision n'a pas été enregistrée"
        )
    if row["etat"] == Etat.CADUC.value:
        return DecisionConflict(
            f"élément n° {item_id} caduc depuis {_when(row['closed_at'])[3:]} : le problème "
            f"n'a plus été trouvé au traitement n° {row['seen_run']} ; rien à décider"
        )
    return DecisionConflict(
        f"élément n° {item_id} modifié depuis votre lecture (version {row['version']}) : "
        "relire l'élément (insvigil queue show) avant de décider"
    )


def _not_reopenable(row: Any, *, stale: bool = False) -> DecisionConflict:
    item_id = row["id"]
    if stale:
        return DecisionConflict(
            f"élément n° {item_id} modifié depuis votre lecture (version {row['version']}) : "
            "relire l'élément (insvigil queue show) avant de le rouvrir"
        )
    if row["etat"] == Etat.OUVERT.value:
        return DecisionConflict(
            f"élément n° {item_id} déjà ouvert : aucune décision à rouvrir "
            f"(insvigil queue resolve {item_id} pour décider)"
        )
    if row["etat"] == Etat.CADUC.value:
        return DecisionConflict(
            f"élément n° {item_id} caduc depuis {_when(row['closed_at'])[3:]} : aucune "
            "décision à rouvrir (le problème n'a plus été trouvé)"
        )
    return _not_reopenable(row, stale=True)


def _actor(by: str | None) -> str:
    actor = clean_text(by, 200)
    if actor is None:
        raise InvalidValue("nom du référent absent (option --by)")
    return actor


def _write(conn: Connection, row: Any, values: dict[str, Any], conflict: Any) -> None:
    """Apply ``values`` to the item where its version and state are still those of ``row``."""
    done = conn.execute(
        update(queue_items)
        .where(
            and_(
                queue_items.c.id == row["id"],
                queue_items.c.version == row["version"],
                queue_items.c.etat == row["etat"],
            )
        )
        .values(**values)
    ).rowcount
    if done != 1:  # another transaction got there first (PostgreSQL: after its commit)
        raise conflict(load_row(conn, int(row["id"])))


def resolve_item(
    target: Target,
    item_id: int,
    *,
    decision: str,
    by: str,
    comment: str | None = None,
    expected_version: int | None = None,
    now: datetime | None = None,
    scope: Scope | None = None,
) -> QueueItem:
    """Record a referent's decision on an open item, with its audit entry, in one transaction.

    Raises ItemNotFound, InvalidDecision (the message lists the possible decisions), InvalidValue
    (no name), DecisionConflict (already resolved — by whom and when —, caduc, or changed since
    ``expected_version`` was read). An item ``scope`` may not see is ItemNotFound.
    """
    engine = engine_of(target)
    actor = _actor(by)
    note = clean_text(comment)
    when = (now or now_utc()).astimezone(UTC).replace(microsecond=0)
    with db_errors("enregistrement de la décision impossible"), write_tx(engine) as conn:
        row = load_row(conn, item_id, scope)
        item = item_from_row(row)
        chosen = get_decision(item.kind, decision)
        if item.etat is not Etat.OUVERT:
            raise _conflict(row)
        if expected_version is not None and expected_version != item.version:
            raise _conflict(row)
        values = {
            "etat": Etat.RESOLU.value,
            "version": item.version + 1,
            "decision": chosen.code,
            "decided_by": actor,
            "decided_at": when,
            "commentaire": note,
            "closed_at": when,
            "decision_hash_a": item.hash_a,
            "decision_hash_b": item.hash_b,
        }
        _write(conn, row, values, _conflict)
        after = {**dict(row), **values}
        audit.append(
            conn,
            actor=actor,
            action=DECISION,
            item_id=item_id,
            records=record_labels(row),
            decision=chosen.code,
            commentaire=note,
            avant=state_of(row),
            apres=state_of(after),
            at=when,
        )
        return item_from_row(after)


def reopen_item(
    target: Target,
    item_id: int,
    *,
    by: str,
    comment: str,
    expected_version: int | None = None,
    now: datetime | None = None,
    scope: Scope | None = None,
) -> QueueItem:
    """Reopen a resolved item: back to ``OUVERT``, its decision no longer applied by the next
    runs, a ``REOUVERTURE`` entry (who, when, why) written after the decision's own, in one
    transaction. Returns the item, open again.

    Raises ItemNotFound, InvalidValue (no name, no comment: a reopening must say why),
    DecisionConflict (the item is open or caduc: nothing to reopen; or changed since
    ``expected_version`` was read). An item ``scope`` may not see is ItemNotFound.
    """
    engine = engine_of(target)
    actor = _actor(by)
    note = clean_text(comment)
    if note is None:
        raise InvalidValue(
            "motif de la réouverture absent (option --comment) : dire pourquoi la décision "
            "est rouverte"
        )
    when = (now or now_utc()).astimezone(UTC).replace(microsecond=0)
    with db_errors("réouverture de l'élément impossible"), write_tx(engine) as conn:
        row = load_row(conn, item_id, scope)
        if row["etat"] != Etat.RESOLU.value:
            raise _not_reopenable(row)
        if expected_version is not None and expected_version != int(row["version"]):
            raise _not_reopenable(row, stale=True)
        values: dict[str, Any] = {
            "etat": Etat.OUVERT.value,
            "version": int(row["version"]) + 1,
            "decision": None,
            "decided_by": None,
            "decided_at": None,
            "commentaire": None,
            "closed_at": None,
            "decision_hash_a": None,
            "decision_hash_b": None,
        }
        _write(conn, row, values, _not_reopenable)
        after = {**dict(row), **values}
        audit.append(
            conn,
            actor=actor,
            action=REOUVERTURE,
            item_id=item_id,
            records=record_labels(row),
            decision=None,
            commentaire=note,
            avant=state_of(row),
            apres=state_of(after),
            at=when,
        )
        return item_from_row(after)
