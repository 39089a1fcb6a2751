"""A process killed (SIGKILL) while saving chunks leaves whole chunks and nothing half-written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from insvigil.store import EtatRun, Store, open_store
from insvigil.store.schema.core import (
    insi_payloads,
    insi_responses,
    record_changes,
    records,
    results,
)

from .helpers import begin, items

CHUNK = 1_000
CHUNKS = 20

CHILD = """
import sys
sys.path.insert(0, sys.argv[1])
import helpers
from insvigil.store import open_store

url, chunk, chunks = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
with open_store(url) as store:
    run_id = helpers.begin(store, "tue.csv")
    for k in range(chunks):
        store.save_chunk(run_id, helpers.items(chunk, start=k * chunk))
        print(f"saved {k}", flush=True)
"""


def _counts(store: Store) -> dict[str, int]:
    out = {}
    with store.engine.connect() as conn:
        for table in (records, results, insi_payloads, insi_responses, record_changes):
            out[table.name] = conn.execute(select(func.count()).select_from(table)).scalar_one()
    return out


def _expected(n: int) -> dict[str, int]:
    return {
        "records": n,
        "results": n,
        "insi_payloads": n // 2,  # one distinct payload a response
        "insi_responses": n // 2,
        "record_changes": 0,
    }


def _run_and_kill(db_url: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(Path(__file__).parent), db_url, str(CHUNK), str(CHUNKS)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    try:
        line = child.stdout.readline()
        assert line.strip() == "saved 0", line
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=60)
        child.stdout.close()
    assert child.returncode == -signal.SIGKILL


def test_killed_process_leaves_whole_chunks_then_a_resave_completes(db_url: str) -> None:
    open_store(db_url).close()  # schema created before, so the child only saves chunks
    _run_and_kill(db_url)

    with open_store(db_url) as store:
        saved = store.count_records()
        assert saved % CHUNK == 0, "a chunk was half-written"
        assert CHUNK <= saved < CHUNK * CHUNKS, "the child was not killed mid-way"
        assert _counts(store) == _expected(saved)
        keys = {key for key in store.record_hashes()}
        assert keys == {it.resident.key for it in items(saved)}
        assert all(r.run_id == 1 for r in store.iter_results())
        (killed,) = store.runs()
        assert killed.etat is EtatRun.EN_COURS

        run_id = begin(store, "reprise.csv")
        assert store.runs()[0].etat is EtatRun.INTERROMPU
        for k in range(CHUNKS):
            store.save_chunk(run_id, items(CHUNK, start=k * CHUNK))
        assert _counts(store) == _expected(CHUNK * CHUNKS)
        assert set(store.record_hashes()) == {it.resident.key for it in items(CHUNK * CHUNKS)}
        assert store.counts_by_structure(run_id=run_id)["750000001"]["fiches"] == CHUNK * CHUNKS
