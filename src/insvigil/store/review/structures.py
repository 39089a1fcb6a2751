"""Which structures (FINESS) the store knows: those with at least one record.

The review commands (``report``, ``worklist``, ``queue list``) ask before answering about one
structure, so that a mistyped FINESS is said to be unknown rather than answered with nothing.
"""

from __future__ import annotations

from sqlalchemy import func, select

from insvigil.store.db.engine import db_errors, read_tx
from insvigil.store.db.queue_rows import Target, engine_of
from insvigil.store.schema.core import records

__all__ = ["count_structures", "is_known_structure"]


def is_known_structure(target: Target, structure: str) -> bool:
    """True when the store holds at least one record of ``structure`` (active or not)."""
    query = select(records.c.id).where(records.c.structure == structure).limit(1)
    with db_errors("lecture des structures impossible"), read_tx(engine_of(target)) as conn:
        return conn.execute(query).first() is not None


def count_structures(target: Target) -> int:
    """How many structures the store holds records of."""
    query = select(func.count(records.c.structure.distinct()))
    with db_errors("lecture des structures impossible"), read_tx(engine_of(target)) as conn:
        return int(conn.execute(query).scalar_one())
