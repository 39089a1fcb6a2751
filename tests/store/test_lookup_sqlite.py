"""The lookup's ``sqlite3`` path (``insvigil lookup`` without SQLAlchemy) answers exactly as the
SQLAlchemy path: same candidates, order, scores, warnings and remarks; it never writes, never
imports SQLAlchemy, and leaves to SQLAlchemy any store it cannot read as it is.

Every identity here is made up (the people of ``lookup_people``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, select, text
from sqlalchemy.dialects import sqlite as sqlite_dialect

import insvigil.store
from insvigil.errors import StoreError
from insvigil.lookup import IdentitySearch, parse_query
from insvigil.store import Store, lookup_sqlalchemy, lookup_sqlite, lookup_store, open_store
from insvigil.store import engine as store_engine
from insvigil.store.lookup_rows import DEFAULT_URL, plan
from insvigil.store.lookup_sqlite import search_sqlite, sqlite_file
from insvigil.store.lookup_store import search_detailed, search_identities
from insvigil.store.schema import records, results

from .helpers import begin
from .lookup_people import BATTERY, MATRICULE_A1, MATRICULE_A2, TODAY, fill

ROOT = Path(__file__).resolve().parents[2]

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
LIMITS = (1, 3, 10, 100)


def _file(url: str) -> Path:
    name = sqlite_file(url)
    assert name is not None
    return Path(name)


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def filled(url: str) -> Iterator[Store]:
    """The people of ``lookup_people``; B-2 has no result (a record never qualified)."""
    with open_store(url) as store:
        fill(store)
        b2 = select(records.c.id).where(records.c.local_id == "B-2").scalar_subquery()
        with store.engine.begin() as conn:
            conn.execute(delete(results).where(results.c.record_id == b2))
        yield store


def _both(store: Store, fields: dict[str, str], limit: int) -> tuple[IdentitySearch, ...]:
    query = parse_query(**fields, today=TODAY)
    fast = search_sqlite(str(_file(str(store.engine.url))), query, limit)
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


# -- read-only, no SQLAlchemy ------------------------------------------------------------------


def test_the_sqlite3_path_writes_nothing(filled: Store, url: str) -> None:
    filled.close()
    path = _file(url)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    for fields in QUERIES[:5]:
        assert search_sqlite(str(path), parse_query(**fields, today=TODAY), 10) is not None
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def _run(code: str, *args: str, cwd: Path = ROOT) -> str:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), str(ROOT / "cli")])}
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=cwd,
        env=env,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_the_lookup_command_does_not_import_sqlalchemy(filled: Store, url: str) -> None:
    filled.close()
    out = _run(
        "import sys\n"
        "from insvigil_cli.main import cli\n"
        "cli.main(sys.argv[1:], standalone_mode=False)\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('sqlalchemy', 'alembic')))",
        "lookup",
        "--nom",
        "Faure",
        "--db",
        url,
        "--json",
    )
    assert out.rstrip().endswith("[]")
    assert '"local_id": "A-4"' in out


def test_the_default_url_is_read_with_sqlite3_too(filled: Store, url: str) -> None:
    filled.close()
    folder = _file(url).parent
    (folder / "store.db").rename(folder / "insvigil.db")
    out = _run(
        "import sys\n"
        "from insvigil.store.lookup_store import search_identities\n"
        "print(search_identities('Faure').candidats[0].local_id)\n"
        "print('sqlalchemy' in sys.modules)",
        cwd=folder,
    )
    assert out.split() == ["A-4", "False"]


def test_importing_the_store_package_does_not_import_sqlalchemy() -> None:
    out = _run(
        "import sys, insvigil.store, insvigil.store.lookup_store\n"
        "print('sqlalchemy' in sys.modules)"
    )
    assert out.strip() == "False"


def test_every_name_of_the_store_package_is_still_there() -> None:
    for name in insvigil.store.__all__:
        assert getattr(insvigil.store, name) is not None
    assert set(insvigil.store.__all__) <= set(dir(insvigil.store))
    for name in lookup_store.__all__:
        assert getattr(lookup_store, name) is not None
    with pytest.raises(AttributeError):
        _ = insvigil.store.nothing_here  # type: ignore[attr-defined]
    with pytest.raises(AttributeError):
        _ = lookup_store.nothing_here  # type: ignore[attr-defined]


def test_the_constants_repeated_without_sqlalchemy_agree() -> None:
    assert lookup_sqlite.HEAD_REVISION == store_engine.HEAD_REVISION
    assert DEFAULT_URL == store_engine.DEFAULT_URL
    assert lookup_sqlite.BUSY_TIMEOUT_S * 1000 == store_engine.SQLITE_BUSY_TIMEOUT_MS


# -- what the sqlite3 path leaves to SQLAlchemy -------------------------------------------------


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
    assert search_sqlite(str(_file(url)), query, 10) is None
    found = search_identities("Dupont", db=url, today=TODAY)
    assert found.remarques[0].startswith("L'index de recherche est vide")
    assert _revision(url) == store_engine.HEAD_REVISION
    assert search_sqlite(str(_file(url)), query, 10) == found


def test_a_newer_store_is_refused_as_before(url: str) -> None:
    with open_store(url) as store, store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    assert search_sqlite(str(_file(url)), parse_query("Dupont"), 10) is None
    with pytest.raises(StoreError, match="version plus récente"):
        search_identities("Dupont", db=url)


def test_an_empty_file_becomes_a_store_as_before(url: str) -> None:
    _file(url).touch()
    assert search_sqlite(str(_file(url)), parse_query("Dupont"), 10) is None
    found = search_identities("Dupont", db=url)
    assert found.remarques[0].startswith("L'index de recherche est vide")


def test_a_file_that_is_not_a_database_is_said_as_before(url: str) -> None:
    _file(url).write_bytes(b"ceci n'est pas une base SQLite" * 100)
    assert search_sqlite(str(_file(url)), parse_query("Dupont"), 10) is None
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
