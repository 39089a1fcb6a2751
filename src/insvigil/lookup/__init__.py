"""Admission lookup, pure part: keys, phonetic code, query reading, ranking, warnings.

Nothing here touches the database (no SQLAlchemy): the index table, the candidate queries and
the one-call :func:`insvigil.store.lookup_store.search_identities` live in the store.

* :mod:`~insvigil.lookup.phonetic` — Phonex, a phonetic key for French names;
* :mod:`~insvigil.lookup.keys` — :func:`index_keys`, every key of one record (``qualify``);
* :mod:`~insvigil.lookup.key_rows` — :func:`index_rows`, the same keys for a chunk, column by
  column (``qualify``);
* :mod:`~insvigil.lookup.query` — :func:`parse_query`, a front-desk query read tolerantly;
* :mod:`~insvigil.lookup.rank` — :func:`likeness`, score and reasons as labelled levels;
* :mod:`~insvigil.lookup.alerts` — the French warnings of a candidate;
* :mod:`~insvigil.lookup.result` — :class:`IdentityCandidate`, :class:`IdentitySearch`.
"""

from __future__ import annotations

from insvigil.lookup.alerts import alertes
from insvigil.lookup.keys import COLUMNS, IndexKeys, index_keys
from insvigil.lookup.phonetic import phonex
from insvigil.lookup.query import FIELD_CODES, LookupQuery, parse_date, parse_query
from insvigil.lookup.rank import MIN_SCORE, Likeness, likeness, near_identical
from insvigil.lookup.result import IdentityCandidate, IdentitySearch, Traits

__all__ = [
    "COLUMNS",
    "FIELD_CODES",
    "MIN_SCORE",
    "IdentityCandidate",
    "IdentitySearch",
    "IndexKeys",
    "Likeness",
    "LookupQuery",
    "Traits",
    "alertes",
    "index_keys",
    "likeness",
    "near_identical",
    "parse_date",
    "parse_query",
    "phonex",
]
