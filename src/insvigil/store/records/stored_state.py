"""What the store holds of a batch of records before a run touches them: their row's hash, the
hash of the inputs their result was computed from, and the result itself (contract §7).

One statement a batch, on either backend (the keys as one parameter, one probe of the unique
index each). The result is decoded only when the run asks for it (:meth:`StoredState.result`):
a record whose inputs changed is evaluated again and its stored result never decoded.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.engine import Connection, Engine

from insvigil.findings import Finding
from insvigil.model import Attribut, EcartStatut, RecordResult, Statut
from insvigil.model.previous import HISTORY_FAMILY
from insvigil.model.results import discordances_of
from insvigil.store.db.bulk import among, batches
from insvigil.store.db.codec import findings_from_json, findings_may_hold, split_codes
from insvigil.store.db.engine import db_errors, read_tx
from insvigil.store.records.existing import Key
from insvigil.store.schema.core import RESIDENT_COLUMNS, records

__all__ = [
    "StoredState",
    "holder_key",
    "left_records",
    "matricule_holders",
    "previous_rows",
    "stored_states",
]

_RESULT = (
    "statut",
    "attributs",
    "ins_utilisable",
    "statut_declare",
    "ecart_statut",
    "regles",
    "findings",
    "insi_active",
    "insi_oid",
    "valide_du",
    "valide_au",
)


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


@dataclass(frozen=True, slots=True)
class StoredState:
    """One record as stored: the hash of its row, and its result's columns (``None`` when it
    has no result yet)."""

    record_id: int
    structure: str
    local_id: str
    content_hash: str
    inputs: str | None
    last_run: int  # the last run that processed the record, before this one
    stored: tuple[Any, ...] | None  # the ``_RESULT`` columns of its result row

    @property
    def valid_since(self) -> date | None:
        return None if self.stored is None else _day(self.stored[9])

    @property
    def valid_until(self) -> date | None:
        return None if self.stored is None else _day(self.stored[10])

    def holds_on(self, day: date) -> bool:
        """True when the stored result holds for a run on ``day`` (its date window)."""
        since, until = self.valid_since, self.valid_until
        return (since is None or since <= day) and (until is None or day < until)

    @property
    def statut(self) -> Statut | None:
        """The status of the stored result (``None``: no result)."""
        return None if self.stored is None else Statut(self.stored[0])

    def history(self) -> tuple[Finding, ...]:
        """The stored result's findings that a change between exports carries forward (HIxx),
        decoded only when the result may hold one."""
        if self.stored is None or not findings_may_hold(self.stored[6], HISTORY_FAMILY):
            return ()
        return tuple(f for f in findings_from_json(self.stored[6]) if f.code[:2] == HISTORY_FAMILY)

    def result(self) -> RecordResult:
        """The stored result, decoded (the run's outputs are written from it as from a new one)."""
        if self.stored is None:
            raise ValueError("aucun résultat enregistré pour cette fiche")
        (statut, attributs, utilisable, declare, ecart, regles, text, active, oid, du, au) = (
            self.stored
        )
        findings = findings_from_json(text)
        return RecordResult(
            structure=self.structure,
            local_id=self.local_id,
            statut=Statut(statut),
            attributs=frozenset(Attribut(code) for code in split_codes(attributs)),
            ins_utilisable=bool(utilisable),
            statut_declare=None if declare is None else Statut(declare),
            ecart_statut=None if ecart is None else EcartStatut(ecart),
            regles=split_codes(regles),
            findings=findings,
            discordances=discordances_of(findings),
            insi_active=active,
            insi_oid=oid,
            valid_since=_day(du),
            valid_until=_day(au),
        )


# The declared status is the record's own ``statut`` (stored once since revision 0009).
_RESULT_SQL = ", ".join(
    "r.statut" if name == "statut_declare" else f"s.{name}" for name in _RESULT
)
_SELECT = (
    "SELECT r.id, r.structure, r.local_id, r.content_hash, r.last_run, s.inputs, "
    f"s.record_id, {_RESULT_SQL} "
)
_SQLITE = (
    _SELECT + "FROM json_each(?) AS j "
    "JOIN records AS r ON r.structure = json_extract(j.value, '$[0]') "
    "AND r.local_id = json_extract(j.value, '$[1]') "
    "LEFT JOIN results AS s ON s.record_id = r.id"
)
# PostgreSQL: the keys as a two-column unnest() joined to the unique index (as existing.py).
_POSTGRESQL = (
    _SELECT + "FROM unnest(%(s)s::text[], %(l)s::text[]) AS w(structure, local_id) "
    "JOIN records AS r ON r.structure = w.structure AND r.local_id = w.local_id "
    "LEFT JOIN results AS s ON s.record_id = r.id"
)


def _state(row: Sequence[Any]) -> StoredState:
    record_id, structure, local_id, content_hash, last_run, inputs, has_result = row[:7]
    return StoredState(
        record_id=record_id,
        structure=structure,
        local_id=local_id,
        content_hash=content_hash,
        inputs=inputs,
        last_run=last_run,
        stored=tuple(row[7:]) if has_result is not None else None,
    )


def read_states(conn: Connection, keys: Sequence[Key]) -> dict[Key, StoredState]:
    """The stored state of each of ``keys`` that the store holds (absent keys: new records).

    Read with the driver's own cursor: plain tuples, no row objects (a chunk is thousands of
    records, every run)."""
    out: dict[Key, StoredState] = {}
    if not keys:
        return out
    driver = conn.connection.driver_connection
    if driver is None:  # pragma: no cover - an open connection always has one
        raise RuntimeError("connexion fermée")
    cursor = driver.cursor()
    try:
        if conn.dialect.name == "postgresql":
            cursor.execute(
                _POSTGRESQL, {"s": [k[0] for k in keys], "l": [k[1] for k in keys]}
            )
            rows: list[Any] = list(cursor.fetchall())
        else:
            rows = []
            for batch in batches(keys):
                cursor.execute(_SQLITE, (json.dumps([list(k) for k in batch]),))
                rows.extend(cursor.fetchall())
    finally:
        cursor.close()
    for row in rows:
        state = _state(row)
        out[(state.structure, state.local_id)] = state
    return out


def stored_states(engine: Engine, keys: Sequence[Key]) -> dict[Key, StoredState]:
    """:func:`read_states` in its own read transaction."""
    with db_errors("lecture des fiches enregistrées impossible"), read_tx(engine) as conn:
        return read_states(conn, keys)


def left_records(engine: Engine, run_id: int) -> tuple[int, int | None]:
    """How many records the run before ``run_id`` processed that ``run_id`` did not (they left
    the export), and that run's id (``None``: no run before processed any record)."""
    sql = (
        "SELECT count(*), max(last_run) FROM records WHERE last_run = "
        "(SELECT max(last_run) FROM records WHERE last_run < :run)"
    )
    with db_errors("lecture des fiches enregistrées impossible"), read_tx(engine) as conn:
        count, previous = conn.execute(text(sql), {"run": run_id}).one()
    return int(count), None if previous is None else int(previous)


def previous_rows(engine: Engine, record_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
    """The stored row (the columns of ``RESIDENT_COLUMNS``) of each record id, as the store
    holds it before the run saves the record again: what a changed record was last time."""
    out: dict[int, dict[str, Any]] = {}
    if not record_ids:
        return out
    columns = [records.c.id, *(records.c[name] for name in RESIDENT_COLUMNS)]
    with db_errors("lecture des fiches enregistrées impossible"), read_tx(engine) as conn:
        for batch in batches(record_ids):
            for row in conn.execute(select(*columns).where(among(conn, records.c.id, batch))):
                mapping = row._mapping
                out[int(mapping["id"])] = {name: mapping[name] for name in RESIDENT_COLUMNS}
    return out


def holder_key(value: str) -> str:
    """How :func:`matricule_holders` keys a matricule: spaces removed, upper case."""
    return "".join(value.split()).upper()


def matricule_holders(engine: Engine) -> dict[str, tuple[Key, ...]]:
    """Every stored record's matricule (spaces removed) → the records that carry it, as the
    store holds them before a run saves anything: who carried a matricule last time (HI02)."""
    out: dict[str, tuple[Key, ...]] = {}
    stmt = (
        select(records.c.matricule_ins, records.c.structure, records.c.local_id)
        .where(records.c.matricule_ins.is_not(None))
        .order_by(records.c.structure, records.c.local_id)
        .execution_options(yield_per=20_000)
    )
    with db_errors("lecture des fiches enregistrées impossible"), read_tx(engine) as conn:
        for matricule, structure, local_id in conn.execute(stmt):
            key = holder_key(str(matricule))
            if key:
                out[key] = (*out.get(key, ()), (structure, local_id))
    return out
