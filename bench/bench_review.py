"""Review benchmark: ``queue list`` and ``report`` on a store of 1,000,000 records and 50,000
open queue items (plus decided and caduc ones, and the indicators of several runs).

Usage: ``python -m bench.bench_review [--records N] [--open N] [--db URL] [--keep]``.
The store is built with bulk inserts of synthetic rows (no qualification run), then each query
is timed through the library as ``insvigil queue list`` / ``insvigil report`` run it: first
call (cold) and the median of 5 more. Prints figures only (no assertion). Default database: a
SQLite file under ``bench/out/`` (rebuilt unless ``--keep`` and it exists); set
``--db postgresql+psycopg://…`` for PostgreSQL (the tables must be empty).
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from bench.common import OUT, peak_rss_mib, timed
from insvigil.review.candidates import fingerprint
from insvigil.review.report import render_report
from insvigil.review.types import Etat, Kind, QueueCandidate, QueueFilter, Tri
from insvigil.store import Store, open_store
from insvigil.store.db.bulk import insert_rows
from insvigil.store.db.engine import write_tx
from insvigil.store.review import indicators, queue
from insvigil.store.schema.core import records
from insvigil.store.schema.review import queue_items

PER_STRUCTURE = 250
RUNS = 6
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)
_RECORD_COLUMNS = (
    "structure",
    "local_id",
    "nom_naissance",
    "prenoms_naissance",
    "date_naissance",
    "sexe",
    "attributs",
    "actif",
    "content_hash",
    "first_run",
    "last_run",
    "updated_at",
)


def structure_of(i: int) -> str:
    return f"{100000000 + i // PER_STRUCTURE:09d}"


def build_records(store: Store, n: int, run_id: int) -> None:
    stamp = NOW.isoformat()
    batch = 50_000
    for start in range(0, n, batch):
        rows = [
            (
                structure_of(i),
                f"L{i:07d}",
                f"NOM{i % 997}",
                "ALICE MARIE",
                "1950-01-01",
                "F" if i % 2 else "M",
                "",
                True,
                f"h{i}",
                run_id,
                run_id,
                stamp,
            )
            for i in range(start, min(n, start + batch))
        ]
        with write_tx(store.engine) as conn:
            insert_rows(conn, records, _RECORD_COLUMNS, rows)


def candidates(n_records: int, count: int, rng: random.Random, offset: int) -> list[QueueCandidate]:
    out: list[QueueCandidate] = []
    for k in range(count):
        i = rng.randrange(n_records)
        s, loc = structure_of(i), f"L{i:07d}"
        if k % 5 == 4:  # one in five: a duplicate pair within the structure
            j = min(n_records - 1, i + 1 + rng.randrange(5))
            out.append(
                QueueCandidate(
                    fingerprint=fingerprint(
                        "DOUBLON", s, loc, structure_of(j), f"L{j:07d}", str(k + offset)
                    ),
                    kind=Kind.DOUBLON,
                    structure=s,
                    local_id=loc,
                    structure_b=structure_of(j),
                    local_id_b=f"L{j:07d}",
                    code="DOUBLON",
                    gravite="MINEURE",
                    resume=f"Doublon probable (score 0,95) : dossiers {s}/{loc} et …",
                    hash_a=f"h{i}",
                    hash_b=f"h{j}",
                    score=0.95,
                )
            )
            continue
        code = ("DI04", "DI06", "DI09", "DI13", "DI15")[k % 5]
        out.append(
            QueueCandidate(
                fingerprint=fingerprint("DISCORDANCE", s, loc, code, str(k + offset)),
                kind=Kind.DISCORDANCE,
                structure=s,
                local_id=loc,
                code=code,
                gravite="BLOQUANTE",
                resume=f"Discordance bloquante ({code}) — nom de naissance : local « DUPONT ».",
                hash_a=f"h{i}",
                trait="nom_naissance",
                valeur_locale="DUPONT",
                valeur_insi="DUPOND",
                details={"constats": [{"code": code, "gravite": "BLOQUANTE", "message": "Écart."}]},
            )
        )
    return out


def build(url: str, n_records: int, n_open: int) -> None:
    rng = random.Random(20261101)
    with open_store(url) as store:
        runs = [
            store.begin_run(
                input_name="bench.csv",
                input_sha256="0" * 64,
                rules_sha256="0" * 64,
                started_at=NOW - timedelta(days=30 * (RUNS - r)),
            )
            for r in range(RUNS)
        ]
        with timed(f"{n_records} dossiers insérés"):
            build_records(store, n_records, runs[-1])
        extra = n_open // 2  # decided later, and caduc ones, besides the open items
        batches = 6
        with timed(f"{n_open + extra} éléments de file créés (sync_queue, {batches} lots)"):
            for b in range(batches):
                made = candidates(n_records, (n_open + extra) // batches, rng, b * 10**7)
                queue.sync_queue(
                    store, runs[b], made, set(), now=NOW - timedelta(days=200 - 35 * b)
                )
        with timed(f"{extra} éléments passés RESOLU ou CADUC"), write_tx(store.engine) as conn:
            ids = [
                row[0]
                for row in conn.execute(
                    queue_items.select()
                    .with_only_columns(queue_items.c.id)
                    .order_by(queue_items.c.id)
                )
            ]
            chosen = rng.sample(ids, extra)
            half = len(chosen) // 2
            for etat, part in ((Etat.RESOLU, chosen[:half]), (Etat.CADUC, chosen[half:])):
                conn.execute(
                    queue_items.update()
                    .where(queue_items.c.id.in_(part))
                    .values(
                        etat=etat.value,
                        version=2,
                        decision="AUTRE_PERSONNE" if etat is Etat.RESOLU else None,
                    )
                )
        n_structures = -(-n_records // PER_STRUCTURE)
        with timed(f"indicateurs de {RUNS} traitements × {n_structures} structures"):
            for r, run_id in enumerate(runs):
                rows = []
                for s in range(n_structures):
                    actifs = PER_STRUCTURE - s % 7
                    q = min(actifs, 40 + 20 * r + s % 30)
                    rows.append(
                        (
                            f"{100000000 + s:09d}",
                            actifs,
                            actifs - q,
                            0,
                            0,
                            q,
                            f"{q / actifs:.4f}",
                            1,
                            0,
                            12,
                            3,
                            2,
                            q,
                        )
                    )
                indicators.save_indicators(
                    store, run_id, rows, at=NOW - timedelta(days=30 * (RUNS - r))
                )


def measure(label: str, action: Callable[[], object]) -> None:
    t0 = time.perf_counter()
    result = action()
    cold = time.perf_counter() - t0
    warm = []
    for _ in range(5):
        t0 = time.perf_counter()
        action()
        warm.append(time.perf_counter() - t0)
    size = f" ({len(result)} octets)" if isinstance(result, str) else ""
    median = statistics.median(warm) * 1000
    print(f"  {label} : premier appel {cold * 1000:.0f} ms, médiane {median:.0f} ms{size}")


def prepared_store(
    name: str, n_records: int, n_open: int, db: str | None, *, keep: bool = False
) -> str:
    """The URL of a store built by :func:`build`: ``db`` (built now), or a SQLite file
    ``bench/out/NAME-RECORDS-OPEN.db`` (rebuilt unless ``keep`` and it exists)."""
    if db is not None:
        build(db, n_records, n_open)
        return db
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}-{n_records}-{n_open}.db"
    url = f"sqlite:///{path}"
    if not (keep and path.exists()):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        build(url, n_records, n_open)
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--open", type=int, default=50_000)
    parser.add_argument("--db", default=None)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    url = prepared_store("review", args.records, args.open, args.db, keep=args.keep)
    with open_store(url) as store:
        print(
            f"Base : {store.url} — {store.count_records()} dossiers, "
            f"{queue.list_items(store, QueueFilter()).total} éléments ouverts"
        )
        some = structure_of(args.records // 2)
        measure(
            "queue list (ouverts, plus anciens d'abord, page 1)",
            lambda: queue.list_items(store, QueueFilter()),
        )
        measure(
            f"queue list --structure {some} --tri gravite",
            lambda: queue.list_items(store, QueueFilter(structure=some, tri=Tri.GRAVITE)),
        )
        measure(
            "queue list --type DOUBLON --age-min 30 --tri recent",
            lambda: queue.list_items(
                store, QueueFilter(kind=Kind.DOUBLON, age_min=30, tri=Tri.RECENT), NOW
            ),
        )
        measure(
            "queue list --etat TOUS --page 200",
            lambda: queue.list_items(store, QueueFilter(etat=None, page=200)),
        )
        measure(
            "report --format json",
            lambda: render_report(indicators.load_report(store, NOW), "json"),
        )
        measure(
            "report --format html",
            lambda: render_report(indicators.load_report(store, NOW), "html"),
        )
        measure(
            "report --format csv",
            lambda: render_report(indicators.load_report(store, NOW, full=False), "csv"),
        )
    print(f"  mémoire maximale : {peak_rss_mib():.0f} Mio")


if __name__ == "__main__":
    main()
