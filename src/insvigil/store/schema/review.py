"""The review tables: the referents' work queue, the audit trail, the indicators of every run.

They live on the same :data:`insvigil.store.schema.core.metadata` as the store's other tables
(Alembic
revision ``0002``); importing this module registers them. Conventions are those of
:mod:`insvigil.store.schema.core`: JSON as compact text, datetimes as ISO 8601 text (always UTC
here).

``queue_items``
    One row per problem a referent must decide on, found again run after run by its
    ``fingerprint`` (a digest of what identifies the problem: kind, records, code, values).
    ``version`` grows at every change of state, so that a decision taken on a stale reading
    is refused (optimistic locking). ``digest`` is a digest of the mutable content (summary,
    details, hashes…) so that a run rewrites only the rows that changed.

``audit_log``
    Append-only; each entry's ``hash`` is the SHA-256 of its canonical JSON and of the previous
    entry's ``hash`` (``prev_hash``, unique: the chain cannot fork).

``audit_anchor``
    One row (``id`` 1): the number of entries of ``audit_log`` and its last hash, moved in the
    same transaction as every append (revision ``0005``). With the runs' own anchors
    (``runs.audit_entries``/``audit_head``) it makes a deletion at the end of the trail visible.

``indicators``
    The ``taux.csv`` row of every structure at every run (the trend of ``report``).
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
)

from insvigil.store.db.packing import HexDigest, PackedText
from insvigil.store.schema.core import IsoDateTime, metadata

__all__ = [
    "ANCHOR_ID",
    "INDICATOR_COLUMNS",
    "audit_anchor",
    "audit_log",
    "indicators",
    "queue_items",
]

queue_items = Table(
    "queue_items",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("fingerprint", HexDigest(32), nullable=False, unique=True),  # SHA-256 (0009)
    Column("kind", String(16), nullable=False),  # review.types.Kind
    Column("structure", String(16), nullable=False),
    Column("local_id", String, nullable=False),
    Column("structure_b", String(16), nullable=True),  # the second record of a pair
    Column("local_id_b", String, nullable=True),
    Column("code", String(16), nullable=False),  # the rule code, or the pair type
    Column("trait", String, nullable=True),
    Column("valeur_locale", String, nullable=True),  # in clear: the store is the referents' tool
    Column("valeur_insi", String, nullable=True),
    Column("gravite", String(16), nullable=False),
    Column("score", Float, nullable=True),
    Column("resume", PackedText, nullable=False),  # French, matricules masked (packed: 0009)
    Column("details", PackedText, nullable=False),  # compact JSON: findings, reasons, levels
    Column("actif", Boolean, nullable=False),  # one of the records is in the file active
    Column("hash_a", String(128), nullable=False),  # the records' content hashes, last seen
    Column("hash_b", String(128), nullable=True),
    Column("digest", HexDigest(16), nullable=False),  # of the mutable content above
    Column("etat", String(8), nullable=False),  # review.types.Etat
    Column("version", Integer, nullable=False),
    Column("created_run", Integer, ForeignKey("runs.id"), nullable=False),
    Column("seen_run", Integer, ForeignKey("runs.id"), nullable=False),
    Column("created_at", IsoDateTime, nullable=False),
    Column("seen_at", IsoDateTime, nullable=False),
    Column("closed_at", IsoDateTime, nullable=True),  # when it became RESOLU or CADUC
    Column("decision", String(32), nullable=True),
    Column("decided_by", String, nullable=True),
    Column("decided_at", IsoDateTime, nullable=True),
    Column("commentaire", Text, nullable=True),
    Column("decision_hash_a", String(128), nullable=True),  # content hashes at decision time
    Column("decision_hash_b", String(128), nullable=True),
    Index(None, "etat", "structure", "created_at"),
    Index(None, "etat", "gravite", "created_at"),
    Index(None, "etat", "structure", "gravite", "created_at"),  # a structure's risk order (0007)
    Index(None, "etat", "kind", "created_at"),
    Index(None, "structure", "local_id"),
    Index(None, "structure_b", "local_id_b"),
)

audit_log = Table(
    "audit_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", IsoDateTime, nullable=False),  # UTC
    Column("actor", String, nullable=False),
    Column("action", String(32), nullable=False),
    Column("item_id", Integer, nullable=True),
    Column("records", Text, nullable=False),  # JSON list of "structure/local_id"
    Column("decision", String(32), nullable=True),
    Column("commentaire", Text, nullable=True),  # matricules masked
    Column("avant", Text, nullable=False),  # JSON object: the item's state before
    Column("apres", Text, nullable=False),  # JSON object: the item's state after
    Column("prev_hash", String(64), nullable=False, unique=True),
    Column("hash", String(64), nullable=False, unique=True),
    Index(None, "item_id"),
)

#: The single row of ``audit_anchor``.
ANCHOR_ID = 1

audit_anchor = Table(
    "audit_anchor",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),  # always ANCHOR_ID
    Column("entries", Integer, nullable=False),  # the id of the last entry (0: none)
    Column("head_hash", String(64), nullable=False),  # its hash (audit.GENESIS: none)
)

#: The counted columns of ``indicators``, in the order of ``taux.csv`` (then its appendices).
INDICATOR_COLUMNS: tuple[str, ...] = (
    "actifs",
    "provisoires",
    "recuperees",
    "validees",
    "qualifiees",
    "douteuses",
    "fictives",
    "discordances_ouvertes",
    "doublons_ouverts",
    "surestimes",
    "ins_utilisables",
)

indicators = Table(
    "indicators",
    metadata,
    Column("run_id", Integer, ForeignKey("runs.id"), nullable=False),
    Column("structure", String(16), nullable=False),
    Column("at", IsoDateTime, nullable=False),
    *(Column(name, Integer, nullable=False) for name in INDICATOR_COLUMNS),
    Column("taux_qualification", String(8), nullable=True),  # as in taux.csv: "0.8123" or NULL
    PrimaryKeyConstraint("run_id", "structure"),
    Index(None, "structure", "run_id"),
)
