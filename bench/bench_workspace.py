"""Issue 16 benchmark: the workspace's server time on a store of 1,000,000 records and 50,000
open queue items — the queue page, an item page and a decision, p50/p95 over 200 requests
each, on SQLite (and PostgreSQL with ``--db``).

Usage: ``python -m bench.bench_workspace [--records N] [--open N] [--requests N] [--db URL]
[--keep]``. The store is built as ``bench.bench_review`` builds it (bulk inserts, no
qualification run), then a referent and a referent limited to one structure are created and
the application is driven in-process through Starlette's test client (the time of the ASGI
application, its store queries and template rendering included; no network). Targets (issue
16): p95 ≤ 150 ms for pages, ≤ 100 ms for a decision. A same-run yardstick (a fixed pure-Python
workload) is printed, since this machine's speed drifts by 10-40 %.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable

from bench.bench_review import prepared_store
from bench.common import yardstick

PW = "une phrase de passe pour le banc"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def measure(label: str, count: int, call: Callable[[int], int], target_ms: float) -> None:
    times: list[float] = []
    statuses: set[int] = set()
    for i in range(count):
        t0 = time.perf_counter()
        statuses.add(call(i))
        times.append((time.perf_counter() - t0) * 1000)
    p50, p95 = statistics.median(times), percentile(times, 0.95)
    verdict = "atteinte" if p95 <= target_ms else "MANQUÉE"
    print(
        f"  {label} : p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(times):.1f} ms "
        f"({count} requêtes, statuts {sorted(statuses)}) — cible p95 ≤ {target_ms:.0f} ms "
        f"{verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--open", type=int, default=50_000)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--db", default=None)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    from starlette.testclient import TestClient

    import insvigil
    from insvigil_web.app import create_app
    from insvigil_web.settings import Settings

    url = prepared_store("workspace", args.records, args.open, args.db, keep=args.keep)
    with insvigil.open_store(url) as store:
        for login, structures in (("banc.ref", []), ("banc.ref.a", None)):
            try:
                insvigil.get_account(store, login)
                continue
            except insvigil.AccountError:
                pass
            if structures is None:
                first = insvigil.list_queue(store, insvigil.QueueFilter(limite=1)).items[0]
                structures = [first.structure]
            insvigil.create_account(store, login, insvigil.Role.REFERENT, PW, structures)
        listed = insvigil.list_queue(store, insvigil.QueueFilter(limite=10_000)).items
        open_ids = [i.id for i in listed]
        decision_of = {i.id: insvigil.decisions_for(i.kind)[0].code for i in listed}
        print(
            f"Base : {store.url} — {store.count_records()} dossiers, "
            f"{insvigil.list_queue(store, insvigil.QueueFilter(limite=1)).total} éléments ouverts"
        )
    print(f"Étalon (boucle Python fixe) : {yardstick():.0f} ms")
    rng = random.Random(16)
    app = create_app(Settings(db_url=url))
    with TestClient(app, follow_redirects=False) as client:
        answer = client.post("/api/session", json={"identifiant": "banc.ref", "mot_de_passe": PW})
        csrf = answer.json()["csrf"]
        pages = ["", "?gravite=BLOQUANTE", "?type=DOUBLON", "?page=3", "?age=30"]
        measure(
            "page de la file (/file, filtres variés)",
            args.requests,
            lambda i: client.get(f"/file{pages[i % len(pages)]}").status_code,
            150,
        )
        measure(
            "file en JSON (/api/file)",
            args.requests,
            lambda i: client.get(f"/api/file{pages[i % len(pages)]}").status_code,
            150,
        )
        sample = rng.sample(open_ids, min(len(open_ids), 2 * args.requests))
        measure(
            "page d'un élément (/file/ID)",
            args.requests,
            lambda i: client.get(f"/file/{sample[i]}").status_code,
            150,
        )
        to_decide = sample[args.requests : 2 * args.requests] or sample

        def decide(i: int) -> int:
            item_id = to_decide[i % len(to_decide)]
            return client.post(
                f"/api/file/{item_id}/decision",
                json={"decision": decision_of[item_id], "commentaire": "banc"},
                headers={"X-CSRF-Token": csrf},
            ).status_code

        measure("décision (POST /api/file/ID/decision)", args.requests, decide, 100)
        scoped = TestClient(app, follow_redirects=False)
        scoped.post("/api/session", json={"identifiant": "banc.ref.a", "mot_de_passe": PW})
        measure(
            "page de la file, référent d'une structure",
            args.requests,
            lambda i: scoped.get("/file").status_code,
            150,
        )
    print(f"Étalon (fin) : {yardstick():.0f} ms")


if __name__ == "__main__":
    main()
