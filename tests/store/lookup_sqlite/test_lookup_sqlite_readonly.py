"""The lookup's ``sqlite3`` path never writes and never imports SQLAlchemy (nor does the store
package, which still names everything it did).

Every identity here is made up (the people of ``lookup_people``).
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

import insvigil.store
from insvigil.lookup import parse_query
from insvigil.store import Store, lookup_store
from insvigil.store.db import engine as store_engine
from insvigil.store.lookup import driver_sqlite as lookup_sqlite
from insvigil.store.lookup.driver_sqlite import search_sqlite
from insvigil.store.lookup.rows import DEFAULT_URL

from ..lookup_people import TODAY
from .common import QUERIES, store_file

ROOT = Path(__file__).resolve().parents[3]


def test_the_sqlite3_path_writes_nothing(filled: Store, url: str) -> None:
    filled.close()
    path = store_file(url)
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
    folder = store_file(url).parent
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
