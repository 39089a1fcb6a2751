"""A referent's consultation of a record's full matricule, written to the audit trail
(contract §6: "opening a record's full matricule is itself an audit entry").

The entry (action ``CONSULTATION``) names the account, the item and its records; it changes no
state, so ``audit verify`` does not take it for a decision (:data:`STATE_ACTIONS`).
"""

from __future__ import annotations

from datetime import UTC, datetime

from insvigil.accounts.scope import Scope
from insvigil.review.types import QueueItem
from insvigil.store import audit
from insvigil.store.engine import db_errors, write_tx
from insvigil.store.queue_decide import DECISION, REOUVERTURE, load_row
from insvigil.store.queue_rows import Target, engine_of, item_from_row, now_utc, record_labels

__all__ = ["CONSULTATION", "STATE_ACTIONS", "record_consultation"]

CONSULTATION = "CONSULTATION"
#: The audit actions that change a queue item's state (the others are consultations).
STATE_ACTIONS = frozenset({DECISION, REOUVERTURE})


def record_consultation(
    target: Target,
    item_id: int,
    *,
    by: str,
    what: str = "matricule complet",
    scope: Scope | None = None,
    now: datetime | None = None,
) -> QueueItem:
    """Write that ``by`` opened ``what`` of the item's records; return the item.

    Raises ItemNotFound (also for an item ``scope`` may not see: nothing is written).
    """
    when = (now or now_utc()).astimezone(UTC).replace(microsecond=0)
    with db_errors("enregistrement de la consultation impossible"), write_tx(
        engine_of(target)
    ) as conn:
        row = load_row(conn, item_id, scope)
        audit.append(
            conn,
            actor=by,
            action=CONSULTATION,
            item_id=item_id,
            records=record_labels(row),
            decision=None,
            commentaire=f"consultation : {what}",
            avant={},
            apres={},
            at=when,
        )
        return item_from_row(row)
