"""The lookup's ``sqlite3`` path (``insvigil lookup`` without SQLAlchemy) answers exactly as the
SQLAlchemy path: same candidates, order, scores, warnings and remarks; it never writes, never
imports SQLAlchemy, and leaves to SQLAlchemy any store it cannot read as it is.

This file checks the answers; ``test_lookup_sqlite_readonly`` checks that it neither writes nor
imports SQLAlchemy, ``test_lookup_sqlite_fallback`` what it leaves to SQLAlchemy.

Every identity here is made up (the people of ``lookup_people``).
"""

from __future__ import annotations

import pytest
from sqlalchemy.dialects import sqlite as sqlite_dialect

from insvigil.lookup import IdentitySearch, parse_query
from insvigil.store import Store, open_store
from insvigil.store.lookup import driver_sqlalchemy as lookup_sqlalchemy
from insvigil.store.lookup import driver_sqlite as lookup_sqlite
from insvigil.store.lookup.driver_sqlite import search_sqlite
from insvigil.store.lookup.rows import plan
from insvigil.store.lookup_store import search_detailed, search_identities

from ..lookup_people import TODAY
from .common import QUERIES, store_file

LIMITS = (1, 3, 10, 100)


def _both(store: Store, fields: dict[str, str], limit: int) -> tuple[IdentitySearch, ...]:
    query = parse_query(**fields, today=TODAY)
    fast = search_sqlite(str(store_file(str(store.engine.url))), query, limit)
    assert fast is not None
    return fast, search_detailed(store, query, limit)


# -- the same answers ------------------------------------------------------------------------


@pytest.mark.parametrize("fields", QUERIES, ids=lambda q: "-".join(q.values()))
def test_sqlite3_and_sqlalchemy_answer_the_same(filled: Store, fields: dict[str, str]) -> None:
    for limit in LIMITS:
        fast, slow = _both(filled, fields, limit)
        assert fast == slow
        assert fast.as_json() == slow.as_json()


def test_the_battery_covers_every_branch(filled: Store) -> None:
    """Warnings of every kind, homonyms, a record without result, remarks of every kind."""
    answers = [_both(filled, fields, 10)[0] for fields in QUERIES]
    alerts = " ".join(a for found in answers for c in found.candidats for a in c.alertes)
    remarks = " ".join(r for found in answers for r in found.remarques)
    for start in (
        "Identité fictive",
        "Identité douteuse",
        "Doublon potentiel",
        "Collision potentielle",
        "Homonyme signalé",
        "Homonyme possible",
        "Statut de l'identité inconnu",
        "INS non qualifié",
        "Dossier hors file active",
    ):
        assert start in alerts
    for start in ("Aucun dossier ne ressemble", "Nom très répandu", "très ressemblant"):
        assert start in remarks
    assert any(c.score == 1.0 for found in answers for c in found.candidats)


def test_an_empty_index_is_said_the_same(url: str) -> None:
    with open_store(url) as store:
        fast, slow = _both(store, {"nom": "Dupont"}, 10)
    assert fast == slow
    assert fast.remarques[0].startswith("L'index de recherche est vide")


def test_search_identities_takes_the_sqlite3_path(
    filled: Store, url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("SQLAlchemy path taken")

    monkeypatch.setattr(lookup_sqlalchemy, "search_detailed", refuse)
    found = search_identities("faure", "claire", "12/05/1983", db=url, today=TODAY)
    assert found == search_detailed(filled, parse_query("faure", "claire", "12/05/1983"), 10)
    assert found.candidats[0].local_id == "A-4"


def test_the_sqlite3_statements_use_the_same_indexes(filled: Store) -> None:
    """EXPLAIN QUERY PLAN of the rendered text = that of SQLAlchemy's statement, every shape."""
    shapes = dict(plan(parse_query(**fields, today=TODAY)) for fields in QUERIES)
    assert len(shapes) >= 6
    dialect = sqlite_dialect.dialect()
    with filled.engine.connect() as conn:
        for shape, params in shapes.items():
            compiled = lookup_sqlalchemy._statement(shape).compile(dialect=dialect)
            positional = [
                params.get(key, compiled.params[key]) for key in compiled.positiontup or ()
            ]
            theirs = conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + compiled.string, tuple(positional)
            )
            ours = conn.exec_driver_sql(
                "EXPLAIN QUERY PLAN " + lookup_sqlite.statement(shape), params
            )
            assert [r[3] for r in ours] == [r[3] for r in theirs], shape
