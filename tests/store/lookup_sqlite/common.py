"""What the ``sqlite3`` lookup tests share (``test_lookup_sqlite``, ``test_lookup_sqlite_readonly``,
``test_lookup_sqlite_fallback``): the queries, the store file of a URL, a filled store.

Every identity here is made up (the people of ``lookup_people``).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import delete, select

from insvigil.store import Store, open_store
from insvigil.store.lookup.driver_sqlite import sqlite_file
from insvigil.store.schema.core import records, results

from ..lookup_people import BATTERY, MATRICULE_A1, MATRICULE_A2, fill

QUERIES: list[dict[str, str]] = [
    *BATTERY,
    {"nom": "Lefèvre", "prenom": "Marie-Hélène", "ddn": "07/01/1946", "sexe": "F"},
    {"nom": "LEFEBVRE", "ddn": "01/07/1946"},
    {"nom": "Martin Durand", "prenom": "Marie"},
    {"nom": "Dupont", "prenom": "Louis", "ddn": "1950"},
    {"nom": "Dupont", "prenom": "Jean", "ddn": "14/07/1950"},
    {"nom": "FAURE", "ddn": "05/1983"},
    {"nom": "Le Gall", "prenom": "Yann", "ddn": "03/11/1927"},
    {"nom": "Garnier"},
    {"nom": "Essai", "ddn": "1990"},
    {"nom": "Roche", "prenom": "Anne"},
    {"nom": "Moreau", "ddn": "15/06/2001"},
    {"nom": "Moreau", "prenom": "Hugo"},
    {"nom": "Martin", "prenom": "Lea", "ddn": "1950"},
    {"nom": "Zyxwv", "ddn": "01/01/1901"},
    {"nom": "Lefevre", "prenom": "Marie", "ddn": "07/01/1980"},
    {"ins": MATRICULE_A1},
    {"ins": "2 46 01 20 004 118 85"},
    {"ins": MATRICULE_A2},
    {"ins": "2 83 05 2A 004 123 07"},
    {"nom": "Lefevre", "ins": MATRICULE_A1},
]


def store_file(url: str) -> Path:
    name = sqlite_file(url)
    assert name is not None
    return Path(name)


@contextmanager
def filled_store(url: str) -> Iterator[Store]:
    """The people of ``lookup_people``; B-2 has no result (a record never qualified)."""
    with open_store(url) as store:
        fill(store)
        b2 = select(records.c.id).where(records.c.local_id == "B-2").scalar_subquery()
        with store.engine.begin() as conn:
            conn.execute(delete(results).where(results.c.record_id == b2))
        yield store
