"""The store's tables, one module per concern, all registered on :data:`core.metadata`.

Importing any module of this package imports this one first, which registers every table
(records and results in :mod:`.core`, the review queue and audit trail in :mod:`.review`,
accounts and web sessions in :mod:`.accounts`, the lookup keys in :mod:`.lookup`, the last
duplicate search's pairs in :mod:`.pairs`), so that
``metadata`` is complete whoever imports it first.
"""

from insvigil.store.schema import accounts, core, lookup, pairs, review

__all__ = ["accounts", "core", "lookup", "pairs", "review"]
