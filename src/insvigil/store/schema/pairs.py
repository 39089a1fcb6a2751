"""The duplicate and collision pairs of the last run that looked for them (revision ``0008``).

``pairs``
    The rows of that run's ``doublons.csv``, in order (``rang``), with what each was decided
    from (``levels``, the records' content hashes): a re-run in which no record changed, none
    came or left, and neither the policy, the matching code nor the referents' "distinct"
    decisions changed takes them as they are instead of searching again (contract §7).

``pairs_meta``
    One row (``id`` 1): the run that computed ``pairs``, how many records it processed, the
    fingerprint of what the search depended on, and its warnings (giant blocks, JSON list).
"""

from __future__ import annotations

from sqlalchemy import Column, Float, Integer, String, Table, Text

from insvigil.store.schema.core import metadata

__all__ = ["pairs", "pairs_meta"]

pairs = Table(
    "pairs",
    metadata,
    Column("rang", Integer, primary_key=True, autoincrement=False),
    Column("structure_a", String, nullable=False),
    Column("local_id_a", String, nullable=False),
    Column("structure_b", String, nullable=False),  # "" for a record-level collision
    Column("local_id_b", String, nullable=False),
    Column("score", Float, nullable=False),
    Column("type", String(16), nullable=False),
    Column("raisons", Text, nullable=False),
    Column("levels", Text, nullable=False),  # ``|``-joined ``trait=LEVEL`` codes
    Column("hash_a", String(128), nullable=False),
    Column("hash_b", String(128), nullable=False),
)

pairs_meta = Table(
    "pairs_meta",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("run_id", Integer, nullable=False),
    Column("dossiers", Integer, nullable=False),
    Column("fingerprint", String(64), nullable=False),
    Column("avertissements", Text, nullable=False),  # JSON list of French sentences
)
