"""Opening the database: engine, SQLite pragmas, Alembic upgrade, transactions, error wrapping.

Errors leave this package as :class:`insvigil.errors.StoreError` with one French line that names
what failed; the database URL is shown with its password masked and driver messages are cut to
their first line (PostgreSQL puts key values in its ``DETAIL`` lines), without parameters.
"""

from __future__ import annotations

import os
import re
import stat
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import create_engine, event, text
from sqlalchemy.engine import URL, Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, SQLAlchemyError

from insvigil.errors import StoreError
from insvigil.store.db.settings import DEFAULT_URL, HEAD_REVISION, SQLITE_BUSY_TIMEOUT_MS

if TYPE_CHECKING:  # Alembic costs ~70 ms to import: loaded only when a migration must run
    from alembic.config import Config

__all__ = [
    "DEFAULT_URL",
    "MIGRATIONS_DIR",
    "STORE_FILE_MODE",
    "StoreModeWarning",
    "alembic_config",
    "db_errors",
    "head_revision",
    "make_store_engine",
    "mask_url",
    "read_tx",
    "upgrade_to_head",
    "write_tx",
]

MIGRATIONS_DIR = Path(__file__).resolve().parent.parent / "migrations"
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
SQLITE_CACHE_KIB = 65_536  # page cache a connection (64 MiB; default 2 MiB): index upkeep
# The Store checkpoints the WAL in a background thread after each chunk (checkpoint.py); the
# writers' own automatic checkpoint is a safety net, every 16 384 pages (64 MiB) not 1 000.
SQLITE_WAL_CHECKPOINT_PAGES = 16_384
SQLITE_WAL_LIMIT_BYTES = 128 * 1024 * 1024  # the WAL file is truncated back to this size

STORE_FILE_MODE = 0o600  # owner-only, like the output files
_SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")

_WRITE_OPTION = "insvigil_write"
_PASSWORD_IN_URL = re.compile(r"(://[^:/@\s]*:)\S*@")  # up to the last "@"
_PASSWORD_IN_QUERY = re.compile(r"([?&](?:password|passwd|pwd)=)[^&\s]*", re.IGNORECASE)


def mask_url(url: str | URL) -> str:
    """The URL with its password (in the authority or a ``password=`` query parameter)
    replaced by ``***``; works on URLs SQLAlchemy cannot parse.

    >>> mask_url("postgresql+psycopg://alice:s3cr3t@db.local:5432/ins")
    'postgresql+psycopg://alice:***@db.local:5432/ins'
    >>> mask_url("postgresql+psycopg://alice@db/ins?password=s3cr3t&sslmode=require")
    'postgresql+psycopg://alice@db/ins?password=***&sslmode=require'
    >>> mask_url("pas une url://x:y@z?password=p")
    'pas une url://x:***@z?password=***'
    """
    if isinstance(url, URL):
        text = url.render_as_string(hide_password=True)
    else:
        try:
            text = make_url(url).render_as_string(hide_password=True)
        except (ArgumentError, ValueError):
            text = _PASSWORD_IN_URL.sub(r"\1***@", url)
    return _PASSWORD_IN_QUERY.sub(r"\1***", text)


#: SQLite's own messages (English, fixed texts of sqlite3_errstr) said in French.
_SQLITE_REASONS = {
    "unable to open database file": (
        "impossible d'ouvrir le fichier de la base (dossier absent, chemin qui n'est pas un "
        "fichier, ou droits insuffisants)"
    ),
    "file is not a database": "le fichier n'est pas une base SQLite",
    "database is locked": "base verrouillée par un autre traitement",
    "attempt to write a readonly database": "base en lecture seule",
    "database or disk is full": "disque plein",
    "disk I/O error": "erreur d'entrée-sortie sur le disque",
    "database disk image is malformed": "fichier de la base endommagé",
}


def _reason(exc: BaseException, secret: str | None = None) -> str:
    """A short, single-line reason from a driver error, with no SQL and no parameters."""
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc)
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    line = line or type(orig if orig is not None else exc).__name__
    line = _SQLITE_REASONS.get(line, line)
    if secret:
        line = line.replace(secret, "***")
    return line[:200]


@contextmanager
def db_errors(action: str, secret: str | None = None) -> Iterator[None]:
    """Turn a SQLAlchemy error raised inside into a :class:`StoreError` ``"<action> : <reason>"``.

    The original exception is not chained: its text may carry SQL parameters or key values.
    """
    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreError(f"{action} : {_reason(exc, secret)}") from None


class StoreModeWarning(UserWarning):
    """An existing store file was readable or writable by others and was made owner-only."""


def _sqlite_path(url: URL) -> Path | None:
    """The file a SQLite URL names; None for an in-memory database or a ``file:`` URI (left
    to SQLite)."""
    name = url.database
    if not name or name == ":memory:" or name.startswith("file:") or url.query.get("uri"):
        return None
    return Path(name)


def _create_owner_only(path: Path) -> bool:
    """Create ``path`` empty with mode 0600 (exactly: ``fchmod`` after the umask); False when
    it exists already. Other errors (no such folder…) are left for SQLite to report."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags, STORE_FILE_MODE)
    except FileExistsError:
        return False
    except OSError:
        return True
    try:
        os.fchmod(fd, STORE_FILE_MODE)
    finally:
        os.close(fd)
    return True


def _tighten(path: Path) -> int | None:
    """Make an existing ``path`` 0600 if others may read or write it; its old mode if changed.
    A file insvigil may not chmod (another owner) is left as it is."""
    try:
        mode = stat.S_IMODE(os.stat(path).st_mode)
    except OSError:
        return None
    if not mode & 0o077:
        return None
    try:
        os.chmod(path, STORE_FILE_MODE)
    except OSError:
        return None
    return mode


def secure_sqlite_file(url: URL) -> None:
    """Before SQLite opens the store: create its file 0600, or tighten an existing one and its
    journals to 0600 (one :class:`StoreModeWarning` naming what changed)."""
    path = _sqlite_path(url)
    if path is None or _create_owner_only(path):
        return
    changed = []
    for file in (path, *(path.with_name(path.name + end) for end in _SQLITE_COMPANIONS)):
        old = _tighten(file)
        if old is not None:
            changed.append(f"{file} (était {old:04o})")
    if changed:
        warnings.warn(
            "droits de la base de données ramenés à 0600 (propriétaire seul : elle contient les "
            f"matricules en clair) : {', '.join(changed)}",
            StoreModeWarning,
            stacklevel=3,
        )


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # SQLAlchemy emits BEGIN itself (see _on_sqlite_begin): turn off pysqlite's implicit one.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
        cursor.execute(f"PRAGMA wal_autocheckpoint = {SQLITE_WAL_CHECKPOINT_PAGES}")
        cursor.execute(f"PRAGMA journal_size_limit = {SQLITE_WAL_LIMIT_BYTES}")
    finally:
        cursor.close()


def _on_sqlite_begin(conn: Connection) -> None:
    # A writing transaction takes the write lock at once, so that its reads (which records
    # exist, with which hash) cannot be overtaken by another writer before its writes.
    immediate = bool(conn.get_execution_options().get(_WRITE_OPTION))
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_store_engine(url: str | None = None) -> Engine:
    """Create the engine for ``url`` (default: ``insvigil.db`` in the current directory).

    Raises :class:`StoreError` when the URL cannot be parsed or names an unsupported backend;
    connecting happens later (:func:`upgrade_to_head`).
    """
    raw = url or DEFAULT_URL
    try:
        parsed = make_url(raw)
    except (ArgumentError, ValueError):
        raise StoreError(
            f"URL de base de données illisible : {mask_url(raw)} "
            "(attendu : une URL SQLAlchemy, par exemple sqlite:///insvigil.db)"
        ) from None
    backend = parsed.get_backend_name()
    if backend not in SUPPORTED_BACKENDS:
        raise StoreError(
            f"base de données non prise en charge : {mask_url(parsed)} "
            "(attendu : sqlite:///FICHIER ou postgresql+psycopg://…)"
        )
    try:
        engine = create_engine(parsed, hide_parameters=True)
    except (NoSuchModuleError, ArgumentError, ImportError) as exc:
        raise StoreError(
            f"base de données inaccessible : {mask_url(parsed)} ({_reason(exc, parsed.password)})"
        ) from None
    if backend == "sqlite":
        secure_sqlite_file(parsed)
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
    return engine


@contextmanager
def write_tx(engine: Engine) -> Iterator[Connection]:
    """A connection in a writing transaction, committed on exit, rolled back on error."""
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE_OPTION: True})
        with conn.begin():
            yield conn


@contextmanager
def read_tx(engine: Engine) -> Iterator[Connection]:
    """A connection in a reading transaction (a consistent snapshot for several queries)."""
    with engine.connect() as conn, conn.begin():
        yield conn


def alembic_config(connection: Connection | None = None) -> Config:
    """Alembic's configuration, built in code (no ``alembic.ini``)."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    if head is None:  # pragma: no cover - the package always ships revisions
        raise StoreError("migrations de la base introuvables (installation incomplète)")
    return head


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def _stored_revision(conn: Connection) -> str | None:
    """``alembic_version``'s revision, read with plain SQL (None: no such table or row)."""
    if not conn.dialect.has_table(conn, "alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade_to_head(engine: Engine) -> None:
    """Create the schema, or upgrade it to the newest revision; a no-op when it is current.

    Raises :class:`StoreError` when the database cannot be reached or was written by a newer
    insvigil (a revision this code does not know).
    """
    where = mask_url(engine.url)
    secret = engine.url.password
    with db_errors(f"base de données inaccessible : {where}", secret):
        with read_tx(engine) as conn:
            current = _stored_revision(conn)
        if current == HEAD_REVISION:
            return  # the usual case: no Alembic import, no migration scripts read
        from alembic import command
        from alembic.script import ScriptDirectory

        head = head_revision()
        if current == head:
            return
        known = {
            script.revision
            for script in ScriptDirectory.from_config(alembic_config()).walk_revisions()
        }
        if current is not None and current not in known:
            raise StoreError(
                f"base de données créée par une version plus récente d'insvigil : {where} "
                f"(révision {current}, cette version connaît jusqu'à {head})"
            )
        with write_tx(engine) as conn:
            command.upgrade(alembic_config(conn), "head")
