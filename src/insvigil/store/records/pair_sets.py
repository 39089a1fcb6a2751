"""The pairs of the last duplicate search, saved and read back whole (``schema_pairs.py``)."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.engine import Connection, Engine, RowMapping

from insvigil.matching import Pair
from insvigil.model.codes import TypePaire
from insvigil.store.db.bulk import insert_rows
from insvigil.store.db.engine import db_errors, read_tx, write_tx
from insvigil.store.schema.pairs import pairs, pairs_meta

__all__ = ["PairSet", "load_pairs", "load_pairs_meta", "renew_pairs", "save_pairs"]

_COLUMNS = (
    "rang",
    "structure_a",
    "local_id_a",
    "structure_b",
    "local_id_b",
    "score",
    "type",
    "raisons",
    "levels",
    "hash_a",
    "hash_b",
)


@dataclass(frozen=True)
class PairSet:
    """The pairs a search found, and what it depended on."""

    run_id: int
    dossiers: int  # records the run processed
    fingerprint: str
    pairs: list[Pair]
    warnings: list[str]


def save_pairs(engine: Engine, found: PairSet) -> None:
    """Replace the stored pairs with ``found`` (one transaction)."""
    rows = [
        (
            rang,
            p.structure_a,
            p.local_id_a,
            p.structure_b,
            p.local_id_b,
            float(p.score),
            p.type.value,
            p.raisons,
            "|".join(p.levels),
            p.hash_a,
            p.hash_b,
        )
        for rang, p in enumerate(found.pairs)
    ]
    with db_errors("enregistrement des paires de doublons impossible"), write_tx(engine) as conn:
        conn.execute(delete(pairs))
        conn.execute(delete(pairs_meta))
        insert_rows(conn, pairs, _COLUMNS, rows)
        conn.execute(
            pairs_meta.insert().values(
                id=1,
                run_id=found.run_id,
                dossiers=found.dossiers,
                fingerprint=found.fingerprint,
                avertissements=json.dumps(found.warnings, ensure_ascii=False),
            )
        )


def renew_pairs(engine: Engine, run_id: int) -> None:
    """Say that run ``run_id`` took the stored pairs as they are (it processed the same
    records): the next run compares its records with this one."""
    with db_errors("enregistrement des paires de doublons impossible"), write_tx(engine) as conn:
        conn.execute(pairs_meta.update().where(pairs_meta.c.id == 1).values(run_id=run_id))


def _set(meta: RowMapping, found: list[Pair]) -> PairSet:
    return PairSet(
        run_id=int(meta["run_id"]),
        dossiers=int(meta["dossiers"]),
        fingerprint=str(meta["fingerprint"]),
        pairs=found,
        warnings=[str(w) for w in json.loads(meta["avertissements"])],
    )


def _meta(conn: Connection) -> RowMapping | None:
    return conn.execute(select(pairs_meta).where(pairs_meta.c.id == 1)).mappings().first()


def load_pairs_meta(engine: Engine) -> PairSet | None:
    """What the stored pairs were searched from, without the pairs (``pairs`` empty)."""
    with db_errors("lecture des paires de doublons impossible"), read_tx(engine) as conn:
        meta = _meta(conn)
    return None if meta is None else _set(meta, [])


def load_pairs(engine: Engine) -> PairSet | None:
    """The stored pairs, or ``None`` when no search was saved."""
    with db_errors("lecture des paires de doublons impossible"), read_tx(engine) as conn:
        meta = _meta(conn)
        if meta is None:
            return None
        found = [
            Pair(
                r.structure_a,
                r.local_id_a,
                r.structure_b,
                r.local_id_b,
                float(r.score),
                TypePaire(r.type),
                r.raisons,
                tuple(code for code in r.levels.split("|") if code),
                r.hash_a,
                r.hash_b,
            )
            for r in conn.execute(select(pairs).order_by(pairs.c.rang))
        ]
    return _set(meta, found)
