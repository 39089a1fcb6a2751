"""Conversions between queue rows and :mod:`insvigil.review.types` values (no queries here)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any, Protocol

from sqlalchemy.engine import Engine

from insvigil.review.types import Etat, Kind, QueueCandidate, QueueItem

__all__ = [
    "CONTENT_COLUMNS",
    "Target",
    "content_values",
    "engine_of",
    "item_from_row",
    "now_utc",
    "record_labels",
    "state_of",
]

#: The columns a run rewrites when a problem it finds again has changed (besides ``digest``).
CONTENT_COLUMNS: tuple[str, ...] = (
    "trait",
    "gravite",
    "score",
    "resume",
    "details",
    "actif",
    "hash_a",
    "hash_b",
)


class _HasEngine(Protocol):
    @property
    def engine(self) -> Engine: ...


#: What the review's store functions accept: a :class:`~insvigil.store.Store` or its engine.
Target = Engine | _HasEngine


def engine_of(target: Target) -> Engine:
    return target if isinstance(target, Engine) else target.engine


def now_utc() -> datetime:
    """Now, in UTC, to the second (stored times then compare as text in the right order)."""
    return datetime.now(UTC).replace(microsecond=0)


def _dumps(value: object) -> str:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def content_values(candidate: QueueCandidate) -> dict[str, Any]:
    """The candidate's mutable columns, with their ``digest``."""
    values: dict[str, Any] = {
        "trait": candidate.trait,
        "gravite": candidate.gravite,
        "score": candidate.score,
        "resume": candidate.resume,
        "details": _dumps(candidate.details),
        "actif": candidate.actif,
        "hash_a": candidate.hash_a,
        "hash_b": candidate.hash_b,
    }
    # 16 bytes of SHA-256 tell a change well enough (revision 0009 keeps them as bytes).
    values["digest"] = hashlib.sha256(_dumps(values).encode("utf-8")).hexdigest()[:32]
    return values


def item_from_row(row: Mapping[str, Any]) -> QueueItem:
    return QueueItem(
        id=int(row["id"]),
        fingerprint=row["fingerprint"],
        kind=Kind(row["kind"]),
        structure=row["structure"],
        local_id=row["local_id"],
        structure_b=row["structure_b"],
        local_id_b=row["local_id_b"],
        code=row["code"],
        trait=row["trait"],
        valeur_locale=row["valeur_locale"],
        valeur_insi=row["valeur_insi"],
        gravite=row["gravite"],
        score=None if row["score"] is None else float(row["score"]),
        resume=row["resume"],
        details=json.loads(row["details"]),
        actif=bool(row["actif"]),
        hash_a=row["hash_a"],
        hash_b=row["hash_b"],
        etat=Etat(row["etat"]),
        version=int(row["version"]),
        created_run=int(row["created_run"]),
        seen_run=int(row["seen_run"]),
        created_at=row["created_at"],
        seen_at=row["seen_at"],
        closed_at=row["closed_at"],
        decision=row["decision"],
        decided_by=row["decided_by"],
        decided_at=row["decided_at"],
        commentaire=row["commentaire"],
        decision_hash_a=row["decision_hash_a"],
        decision_hash_b=row["decision_hash_b"],
    )


def _iso(value: object) -> object:
    return value.isoformat() if isinstance(value, datetime) else value


def state_of(row: Mapping[str, Any]) -> dict[str, object]:
    """The state of an item as the audit trail records it (no trait values)."""
    return {
        "etat": row["etat"],
        "version": row["version"],
        "decision": row["decision"],
        "par": row["decided_by"],
        "le": _iso(row["decided_at"]),
        "commentaire": row["commentaire"],
    }


def record_labels(row: Mapping[str, Any]) -> list[str]:
    """``structure/local_id`` of the item's records."""
    labels = [f"{row['structure']}/{row['local_id']}"]
    if row["structure_b"] is not None and row["local_id_b"] is not None:
        labels.append(f"{row['structure_b']}/{row['local_id_b']}")
    return labels
