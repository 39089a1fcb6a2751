"""Batch runs: begin, finish, list; runs left open by a dead process become ``INTERROMPU``.

Runs are assumed sequential on one database (one ``qualify`` at a time): starting a run marks
every run still ``EN_COURS`` as interrupted.

A finished run records the audit trail's length and last hash as they are at its end
(``audit_entries``, ``audit_head``): anchors that ``audit verify`` checks the chain against
(:mod:`insvigil.store.review.audit_verify`), so that entries deleted at the end of the trail are
seen.
Any committed state of the trail is a prefix of the later ones (appends are serialised), so
the anchor needs no lock against referents deciding meanwhile.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine

from insvigil.errors import StoreError
from insvigil.store.audit import chain as audit
from insvigil.store.db.codec import dumps
from insvigil.store.db.engine import db_errors, read_tx, write_tx
from insvigil.store.db.types import EtatRun, RunInfo
from insvigil.store.schema.core import runs

__all__ = ["begin_run", "finish_run", "list_runs"]


def begin_run(
    engine: Engine,
    *,
    input_name: str,
    input_sha256: str,
    rules_sha256: str,
    started_at: datetime,
) -> int:
    with db_errors("impossible d'enregistrer le début de l'exécution"), write_tx(engine) as conn:
        conn.execute(
            update(runs)
            .where(runs.c.etat == EtatRun.EN_COURS.value)
            .values(etat=EtatRun.INTERROMPU.value)
        )
        run_id = conn.execute(
            insert(runs)
            .values(
                input_name=input_name,
                input_sha256=input_sha256,
                rules_sha256=rules_sha256,
                started_at=started_at,
                finished_at=None,
                etat=EtatRun.EN_COURS.value,
                counts="{}",
            )
            .returning(runs.c.id)
        ).scalar_one()
    return int(run_id)


def finish_run(
    engine: Engine, run_id: int, *, counts: Mapping[str, int], finished_at: datetime
) -> None:
    with db_errors("impossible d'enregistrer la fin de l'exécution"), write_tx(engine) as conn:
        entries, head = audit.head(conn)
        done = conn.execute(
            update(runs)
            .where(runs.c.id == run_id, runs.c.etat == EtatRun.EN_COURS.value)
            .values(
                etat=EtatRun.TERMINE.value,
                finished_at=finished_at,
                counts=dumps({str(k): int(v) for k, v in counts.items()}),
                audit_entries=entries,
                audit_head=head,
            )
        ).rowcount
        if done != 1:
            etat = conn.execute(select(runs.c.etat).where(runs.c.id == run_id)).scalar()
            if etat is None:
                raise StoreError(f"exécution {run_id} inconnue dans la base")
            raise StoreError(f"exécution {run_id} non terminable : elle est à l'état {etat}")


def list_runs(engine: Engine) -> list[RunInfo]:
    with db_errors("lecture des exécutions impossible"), read_tx(engine) as conn:
        rows = conn.execute(select(runs).order_by(runs.c.id)).mappings().all()
    return [
        RunInfo(
            id=row["id"],
            input_name=row["input_name"],
            input_sha256=row["input_sha256"],
            rules_sha256=row["rules_sha256"],
            started_at=row["started_at"],
            finished_at=row["finished_at"],
            etat=EtatRun(row["etat"]),
            counts={str(k): int(v) for k, v in json.loads(row["counts"]).items()},
        )
        for row in rows
    ]
