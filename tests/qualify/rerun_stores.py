"""Stores of the differential test of re-runs: copies, and what a user reads from them."""

from __future__ import annotations

import contextlib
import shutil
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from insvigil import QueueFilter, RunSummary, list_queue, open_store

PG_ENV = "INSVIGIL_TEST_PG_URL"
TERMINATE = text(
    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
    "WHERE datname = :d AND pid <> pg_backend_pid()"
)


def sqlite_copy(tmp: Path, db: Path) -> Callable[[str], str]:
    """A maker of copies of the SQLite store ``db`` as it is between two runs (closed)."""

    def copy(name: str) -> str:
        target = tmp / f"copy-{name}.sqlite"
        for suffix in ("", "-wal", "-shm"):  # none before the first run: both start empty
            source = db.with_name(db.name + suffix)
            if source.exists():
                shutil.copy2(source, target.with_name(target.name + suffix))  # 0600 kept
        return f"sqlite:///{target}"

    return copy


def counts(summary: RunSummary) -> list[str]:
    """What the summary says, but how each record's result was obtained and the durations."""
    fields = ("lignes", "dossiers", "rejets", "collisions", "collisions_paires",
              "collisions_is12", "doublons", "insi_orphelines", "insi", "file")  # fmt: skip
    return [f"{name} = {getattr(summary, name)!r}" for name in fields]


def queue_lines(db_url: str) -> list[str]:
    """Every item of the review queue, open or not, as a referent sees it (no ids, no times)."""
    with open_store(db_url) as store:
        items = list_queue(store, QueueFilter(etat=None, limite=1_000_000)).items
    return sorted(
        f"{i.kind.value} {i.structure} {i.local_id} {i.structure_b} {i.local_id_b} {i.code} "
        f"{i.trait} {i.valeur_locale} {i.valeur_insi} {i.gravite} {i.score} actif={i.actif} "
        f"{i.etat.value} {i.decision} {i.decided_by} {i.resume}"
        for i in items
    )


@contextlib.contextmanager
def postgresql_databases(base: str) -> Iterator[Callable[[str], str]]:
    """A maker of new databases on the test PostgreSQL server at ``base``, empty or copied
    from the database of a URL it made (``CREATE DATABASE … TEMPLATE``); all dropped after."""
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    made: list[str] = []
    prefix = f"diff_{uuid.uuid4().hex[:10]}"

    def database(template: str) -> str:
        name = f"{prefix}_{len(made)}"
        with admin.connect() as conn:
            if template:
                source = make_url(template).database
                conn.execute(TERMINATE, {"d": source})  # a template must have no session
                conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{source}"'))
            else:
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return make_url(base).set(database=name).render_as_string(hide_password=False)

    try:
        yield database
    finally:
        with admin.connect() as conn:
            for name in made:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
