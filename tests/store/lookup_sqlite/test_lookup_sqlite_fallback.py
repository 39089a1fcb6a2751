"""What the lookup's ``sqlite3`` path leaves to SQLAlchemy: a missing, older, newer, empty or
broken store, and URLs it does not read as a plain file; the answers and errors are the same.

Every identity here is made up (the people of ``lookup_people``).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from insvigil.errors import StoreError
from insvigil.lookup import parse_query
from insvigil.store import lookup_store, open_store
from insvigil.store.db import engine as store_engine
from insvigil.store.lookup.driver_sqlite import search_sqlite, sqlite_file
from insvigil.store.lookup_store import search_detailed, search_identities

from ..helpers import begin
from ..lookup_people import TODAY
from .common import store_file


def test_a_missing_file_gives_the_same_error_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "absente.db"
    url = f"sqlite:///{path}"
    with pytest.raises(StoreError) as fast:
        search_identities("Dupont", db=url)
    with pytest.raises(StoreError) as slow:
        lookup_store._must_exist(url)
    assert fast.value.message == slow.value.message
    assert fast.value.message.startswith(f"base de données introuvable : {path} (")
    assert not path.exists()


def test_a_missing_default_file_is_not_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(StoreError, match=r"introuvable : insvigil\.db"):
        search_identities("Dupont")
    assert not (tmp_path / "insvigil.db").exists()


def _at(url: str, revision: str) -> None:
    """An empty store at ``revision`` (an older schema, as an older insvigil left it)."""
    from alembic import command

    engine = store_engine.make_store_engine(url)
    try:
        with store_engine.write_tx(engine) as conn:
            command.upgrade(store_engine.alembic_config(conn), revision)
    finally:
        engine.dispose()


def _revision(url: str) -> str:
    with open_store(url) as store, store.engine.connect() as conn:
        return str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar())


def test_an_older_store_is_migrated_by_the_sqlalchemy_path(url: str) -> None:
    _at(url, "0002")
    query = parse_query("Dupont", today=TODAY)
    assert search_sqlite(str(store_file(url)), query, 10) is None
    found = search_identities("Dupont", db=url, today=TODAY)
    assert found.remarques[0].startswith("L'index de recherche est vide")
    assert _revision(url) == store_engine.HEAD_REVISION
    assert search_sqlite(str(store_file(url)), query, 10) == found


def test_a_newer_store_is_refused_as_before(url: str) -> None:
    with open_store(url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    assert search_sqlite(str(store_file(url)), parse_query("Dupont"), 10) is None
    with pytest.raises(StoreError, match="version plus récente"):
        search_identities("Dupont", db=url)


def test_an_empty_file_becomes_a_store_as_before(url: str) -> None:
    store_file(url).touch()
    assert search_sqlite(str(store_file(url)), parse_query("Dupont"), 10) is None
    found = search_identities("Dupont", db=url)
    assert found.remarques[0].startswith("L'index de recherche est vide")


def test_a_file_that_is_not_a_database_is_said_as_before(url: str) -> None:
    store_file(url).write_bytes(b"ceci n'est pas une base SQLite" * 100)
    assert search_sqlite(str(store_file(url)), parse_query("Dupont"), 10) is None
    with pytest.raises(StoreError, match="base de données inaccessible"):
        search_identities("Dupont", db=url)


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("sqlite:///insvigil.db", "insvigil.db"),
        ("sqlite:////var/lib/insvigil/ins.db", "/var/lib/insvigil/ins.db"),
        ("sqlite+pysqlite:///a b/c.db", "a b/c.db"),
        ("sqlite://", None),
        ("sqlite:///", None),
        ("sqlite:///:memory:", None),
        ("sqlite:///x.db?mode=ro", None),
        ("sqlite:///a%20b.db", None),
        ("postgresql+psycopg://alice:secret@db/ins", None),
        ("pas une url", None),
    ],
)
def test_which_urls_the_sqlite3_path_reads(url: str, name: str | None) -> None:
    assert sqlite_file(url) == name


def test_a_file_name_with_uri_characters(tmp_path: Path) -> None:
    folder = tmp_path / "a#b c d é"
    folder.mkdir()
    url = f"sqlite:///{folder / 'store.db'}"
    with open_store(url) as store:
        run = begin(store)
        store.finish_run(run, counts={}, finished_at=store.runs()[0].started_at)
        expected = search_detailed(store, parse_query("Dupont"), 10)
    assert search_sqlite(str(folder / "store.db"), parse_query("Dupont"), 10) == expected
