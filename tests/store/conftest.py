"""Store fixtures: every test runs on SQLite (a temporary file) and on PostgreSQL.

PostgreSQL comes from ``INSVIGIL_TEST_PG_URL`` (set by ``scripts/test.sh``); each test gets
its own schema (``search_path`` in the URL), dropped afterwards. Without the variable the
PostgreSQL cases are skipped.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from insvigil.store import Store, open_store

PG_ENV = "INSVIGIL_TEST_PG_URL"
PG_SKIP = "INSVIGIL_TEST_PG_URL absent : lancer scripts/test.sh"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgresql",
        id="postgresql",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not os.environ.get(PG_ENV), reason=PG_SKIP),
        ],
    ),
]


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def db_url(backend: str, tmp_path: Path) -> Iterator[str]:
    """A URL to an empty database of the backend under test."""
    if backend == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    base = os.environ[PG_ENV]
    schema = f"t_{uuid.uuid4().hex[:16]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
        yield url.render_as_string(hide_password=False)
        with admin.connect() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    finally:
        admin.dispose()


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with open_store(db_url) as opened:
        yield opened


@pytest.fixture
def filled(store: Store) -> Store:
    """A store holding the made-up people of :mod:`tests.store.lookup_people`, indexed."""
    from tests.store.lookup_people import fill

    fill(store)
    return store
