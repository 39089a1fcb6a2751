"""Building the admission-lookup benchmark's store (see :mod:`bench.bench_lookup`).

The store is filled by bulk inserts of records, results, lookup keys (as qualify computes them)
and open DOUBLON queue items from the ground truth, not by running qualify.
"""

from __future__ import annotations

import csv
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bench.bench_lookup import Row

CHUNK = 50_000  # records a transaction

# -- building the store --------------------------------------------------------------------


def build(url: str, rows: list[Row], folder: Path) -> None:
    """Fill an empty store with ``rows`` (bulk inserts, chunk by chunk)."""
    from sqlalchemy import func, select

    from insvigil.lookup import index_keys
    from insvigil.model import Resident
    from insvigil.store import open_store
    from insvigil.store.db.bulk import insert_rows
    from insvigil.store.db.engine import write_tx
    from insvigil.store.schema.core import records, results
    from insvigil.store.schema.lookup import lookup_keys
    from insvigil.store.schema.review import queue_items

    rec_cols = (
        "id", "structure", "local_id", "nom_naissance", "prenoms_naissance", "date_naissance",
        "sexe", "premier_prenom", "lieu_naissance", "nom_utilise", "prenom_utilise",
        "matricule_ins", "statut", "attributs", "actif", "content_hash", "first_run",
        "last_run", "updated_at",
    )  # fmt: skip
    res_cols = ("record_id", "run_id", "statut", "attributs", "ins_utilisable", "regles",
                "findings")  # fmt: skip
    from insvigil.lookup.keys import COLUMNS

    key_cols = ("record_id", *COLUMNS)
    now = datetime.now(UTC).isoformat()
    started = time.perf_counter()
    with open_store(url) as store:
        with store.engine.connect() as conn:
            if conn.execute(select(func.count()).select_from(records)).scalar_one():
                raise SystemExit(f"  la base {store.url} n'est pas vide : la vider d'abord")
        run = store.begin_run(
            input_name="bench_lookup",
            input_sha256="0" * 64,
            rules_sha256="0" * 64,
            started_at=datetime.now(UTC),
        )
        ids: dict[tuple[str, str], int] = {}
        for start in range(0, len(rows), CHUNK):
            part = rows[start : start + CHUNK]
            rec, res, keys = [], [], []
            for offset, r in enumerate(part):
                record_id = start + offset + 1
                ids[(r.structure, r.local_id)] = record_id
                attrs = "|".join(sorted(a for a in r.attributs.split("|") if a))
                statut = "PROVISOIRE" if ("DOUTEUSE" in attrs or "FICTIVE" in attrs) else r.statut
                rec.append((
                    record_id, r.structure, r.local_id, r.nom, r.prenoms, r.ddn, r.sexe,
                    r.premier, r.lieu, r.nom_utilise, r.prenom_utilise, r.matricule, r.statut,
                    attrs, True, f"h{record_id}", run, run, now,
                ))  # fmt: skip
                res.append((record_id, run, statut, attrs, statut == "QUALIFIEE", "", "[]"))
                resident = Resident(
                    structure=r.structure,
                    local_id=r.local_id,
                    nom_naissance=r.nom,
                    prenoms_naissance=r.prenoms,
                    date_naissance=r.ddn,
                    sexe=r.sexe,
                    premier_prenom=r.premier,
                    nom_utilise=r.nom_utilise,
                    prenom_utilise=r.prenom_utilise,
                    matricule_ins=r.matricule,
                )
                keys.append((record_id, *index_keys(resident).row()))
            with write_tx(store.engine) as conn:
                insert_rows(conn, records, rec_cols, rec)
                insert_rows(conn, results, res_cols, res)
                insert_rows(conn, lookup_keys, key_cols, keys)
        items = []
        with (folder / "verite_paires.csv").open(encoding="utf-8-sig", newline="") as handle:
            for n, pair in enumerate(csv.DictReader(handle, delimiter=";")):
                a = (pair["structure_a"], pair["local_id_a"])
                b = (pair["structure_b"], pair["local_id_b"])
                if a not in ids or b not in ids or pair["type"] != "DOUBLON":
                    continue
                items.append({
                    "fingerprint": f"bench{n}", "kind": "DOUBLON", "structure": a[0],
                    "local_id": a[1], "structure_b": b[0], "local_id_b": b[1],
                    "code": "DOUBLON", "gravite": "BLOQUANTE", "resume": "bench",
                    "details": "{}", "actif": True, "hash_a": "a", "hash_b": "b", "digest": "d",
                    "etat": "OUVERT", "version": 1, "created_run": run, "seen_run": run,
                    "created_at": datetime.now(UTC), "seen_at": datetime.now(UTC),
                })  # fmt: skip
        if items:
            with write_tx(store.engine) as conn:
                conn.execute(queue_items.insert(), items)
        if store.backend == "postgresql":
            with store.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
                conn.commit()
        store.finish_run(run, counts={"dossiers": len(rows)}, finished_at=datetime.now(UTC))
    print(
        f"  base construite : {len(rows):,} dossiers, {len(items):,} doublons ouverts, "
        f"{time.perf_counter() - started:.0f} s".replace(",", " ")
    )


# -- typed queries -------------------------------------------------------------------------


def pg_schema(base: str, schema: str) -> str:
    """A URL to a fresh schema of the benchmark's PostgreSQL database (dropped first if it
    exists; nothing else in the database is touched)."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    engine = create_engine(base, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        conn.exec_driver_sql(f'CREATE SCHEMA "{schema}"')
    engine.dispose()
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"})
    return url.render_as_string(hide_password=False)
