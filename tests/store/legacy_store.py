"""A store written by insvigil at revision 0007 (commit 7003a9e), and what its readers showed.

``fixtures/store_0007/store.sql.gz`` is the SQLite dump of a store built by that code from a
synthetic population (``insvigil synth --n 300 --seed 17``: no real person): three runs (the
second with edited, removed and added rows), INSi responses read from JSON Lines and XML,
queue items, three decisions and a reopened one, audit entries. ``residents.csv`` and
``insi.jsonl`` are the inputs of its last run. ``outputs.json`` holds what :func:`outputs`
gave on that store with that code: every reader's output must stay the same after the store
is migrated to the newest revision.
"""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
from pathlib import Path

from click.testing import CliRunner
from sqlalchemy import MetaData, create_engine, insert, select, text

from insvigil_cli.main import cli

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "store_0007"
#: The fixture store's Alembic revision.
REVISION = "0007"
#: The date of the re-run whose CSV files are compared (after the fixture's last run).
RERUN_DATE = "2026-11-23"
#: Names looked up at admission (present in the fixture).
LOOKUPS = (("LE GOFF", "NICOLAS"), ("SICOT", ""), ("BALLET", "MARGUERITE"))
#: The output files of ``qualify``.
CSV_FILES = ("identites.csv", "discordances.csv", "doublons.csv", "taux.csv", "rejets.csv")
#: Keys of the JSON outputs that say today's date or time (an item's age, when a list was made).
_TODAY = frozenset({"age_jours", "genere_le"})


def load_sqlite(path: Path) -> str:
    """Write the fixture store into ``path`` (owner-only, as insvigil makes it); its URL."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    script = gzip.decompress((FIXTURE / "store.sql.gz").read_bytes()).decode("utf-8")
    conn = sqlite3.connect(path)
    try:
        conn.executescript(script)
    finally:
        conn.close()
    return f"sqlite:///{path}"


def copy_store(source_url: str, target_url: str) -> None:
    """Copy every row of the SQLite fixture into ``target_url``, whose schema is already at
    :data:`REVISION` (created by Alembic); PostgreSQL's sequences follow the copied ids."""
    source = create_engine(source_url)
    target = create_engine(target_url)
    try:
        tables = MetaData()
        with target.connect() as conn:
            tables.reflect(conn)
        with source.connect() as src, target.begin() as dst:
            for table in reversed(tables.sorted_tables):  # rows the migrations wrote (anchor)
                if table.name != "alembic_version":
                    dst.execute(table.delete())
            for table in tables.sorted_tables:
                if table.name == "alembic_version":
                    continue
                rows = [dict(row._mapping) for row in src.execute(select(table))]
                if rows:
                    dst.execute(insert(table), rows)
                if target.dialect.name == "postgresql" and "id" in table.c:
                    dst.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
                            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)"
                        )
                    )
    finally:
        source.dispose()
        target.dispose()


def _run(*args: str) -> str:
    result = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert result.exit_code == 0, (args, result.output)
    return result.stdout


def _stable(document: str) -> object:
    """A JSON document without the keys that depend on today's date (an item's age)."""

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k not in _TODAY}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return strip(json.loads(document))


def read_outputs(db: str) -> dict[str, object]:
    """What the readers show of the store at ``db``, without changing it."""
    found: dict[str, object] = {}
    found["report.json"] = _stable(_run("report", "--db", db, "--format", "json"))
    found["report.csv"] = _run("report", "--db", db, "--format", "csv")
    listed = _run(
        "queue", "list", "--db", db, "--json", "--etat", "tous", "--tri", "id", "--limite", "500"
    )
    found["queue list"] = _stable(listed)
    for item in json.loads(listed)["items"]:
        if int(item["id"]) % 3 and item["decision"] is None and item["version"] == 1:
            continue  # a third of the items, and every one a referent touched
        found[f"queue show {item['id']}"] = _stable(
            _run("queue", "show", str(item["id"]), "--db", db, "--json")
        )
    found["audit verify"] = _run("audit", "verify", "--db", db)
    found["audit export"] = _stable(_run("audit", "export", "--db", db, "--format", "json"))
    found["worklist"] = _stable(_run("worklist", "--db", db, "--format", "json"))
    for nom, prenom in LOOKUPS:
        args = ["lookup", "--db", db, "--nom", nom, "--json"]
        found[f"lookup {nom} {prenom}"] = _stable(
            _run(*args, *(("--prenom", prenom) if prenom else ()))
        )
    return found


def rerun_outputs(db: str, out: Path) -> dict[str, object]:
    """The CSV files of a re-run of the fixture's last inputs on the store at ``db``, rows
    sorted (contract §7: the same after sorting their rows)."""
    _run(
        "qualify",
        str(FIXTURE / "residents.csv"),
        "--insi",
        str(FIXTURE / "insi.jsonl"),
        "--db",
        db,
        "--out",
        str(out),
        "--date-traitement",
        RERUN_DATE,
    )
    found: dict[str, object] = {}
    for name in CSV_FILES:
        lines = (out / name).read_text(encoding="utf-8-sig").splitlines()
        found[f"rerun {name}"] = [lines[0], *sorted(lines[1:])]
    return found


def expected() -> dict[str, object]:
    loaded: dict[str, object] = json.loads((FIXTURE / "outputs.json").read_text("utf-8"))
    return loaded


if __name__ == "__main__":  # pragma: no cover - how outputs.json was written (at 7003a9e)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        url = load_sqlite(Path(tmp) / "store.db")
        shown = read_outputs(url)
        shown.update(rerun_outputs(url, Path(tmp) / "out"))
    (FIXTURE / "outputs.json").write_text(
        json.dumps(shown, ensure_ascii=False, indent=1, sort_keys=True) + "\n", "utf-8"
    )
