"""The audit trail as an account may read it: the newest entries first, those of its
structures only (contract §6).

An entry belongs to the structures of the records it names (``records``: ``structure/local_id``
labels). An account limited to some structures sees the entries whose records all belong to
them; entries that name no record (accounts created, disabled…) are for unrestricted accounts
only. ``audit verify`` itself always checks the whole chain.
"""

from __future__ import annotations

from collections.abc import Iterator

from insvigil.accounts.scope import Scope
from insvigil.review.types import AuditEntry
from insvigil.store.audit.chain import iter_entries
from insvigil.store.db.queue_rows import Target

__all__ = ["entry_visible", "recent_entries"]


def entry_visible(entry: AuditEntry, scope: Scope | None) -> bool:
    """Whether ``scope`` may read ``entry``."""
    if scope is None or scope.unlimited:
        return True
    if not entry.records:
        return False
    return all(label.split("/", 1)[0] in scope.structures for label in entry.records)


def recent_entries(
    target: Target, scope: Scope | None = None, *, limit: int = 100, offset: int = 0
) -> tuple[list[AuditEntry], int]:
    """The ``limit`` newest entries ``scope`` may read (after skipping ``offset``), and how many
    it may read in all."""
    visible: Iterator[AuditEntry] = (e for e in iter_entries(target) if entry_visible(e, scope))
    kept = list(visible)
    kept.reverse()
    return kept[offset : offset + limit], len(kept)
