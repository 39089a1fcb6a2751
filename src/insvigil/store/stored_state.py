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

from sqlalchemy import String, and_, bindparam, func, literal_column, select
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.sql import Select

from insvigil.model import Attribut, Discordance, EcartStatut, RecordResult, Statut
from insvigil.store.bulk import batches
from insvigil.store.codec import findings_from_json, split_codes
from insvigil.store.engine import db_errors, read_tx
from insvigil.store.existing import Key
from insvigil.store.schema import RESIDENT_COLUMNS, records, results

__all__ = ["StoredState", "stored_states"]

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
    """One record as stored: its row (``resident``: the columns of ``RESIDENT_COLUMNS``), the
    hash of its row, and its result's columns (``None`` when it has no result yet)."""

    record_id: int
    structure: str
    local_id: str
    content_hash: str
    inputs: str | None
    resident: dict[str, Any]
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
            # The discordances are the findings that compare with INSi, as the engine builds them.
            discordances=tuple(
                Discordance(
                    trait=f.trait or "",
                    valeur_locale=f.valeur_locale or "",
                    valeur_insi=f.valeur_insi or "",
                    gravite=f.gravite,
                    code=f.code,
                    message=f.message,
                )
                for f in findings
                if f.valeur_insi is not None
            ),
            insi_active=active,
            insi_oid=oid,
            valid_since=_day(du),
            valid_until=_day(au),
        )


def _columns() -> list[Any]:
    return [
        records.c.id,
        records.c.structure,
        records.c.local_id,
        records.c.content_hash,
        results.c.inputs,
        results.c.record_id.label("has_result"),
        *(records.c[name] for name in RESIDENT_COLUMNS),
        *(results.c[name].label(f"r_{name}") for name in _RESULT),
    ]


def _select_pg(keys: Sequence[Key]) -> Select[Any]:
    wanted = (
        func.unnest(
            bindparam("s", [k[0] for k in keys], type_=postgresql.ARRAY(String)),
            bindparam("l", [k[1] for k in keys], type_=postgresql.ARRAY(String)),
        )
        .table_valued("structure", "local_id")
        .render_derived(name="wanted")
    )
    joined = wanted.join(
        records,
        and_(records.c.structure == wanted.c.structure, records.c.local_id == wanted.c.local_id),
    ).outerjoin(results, results.c.record_id == records.c.id)
    return select(*_columns()).select_from(joined)


def _select_sqlite(batch: Sequence[Key]) -> Select[Any]:
    # The keys as one JSON parameter, one probe of the unique index each (as existing.py).
    wanted = (
        select(
            func.json_extract(literal_column("j.value"), "$[0]").label("structure"),
            func.json_extract(literal_column("j.value"), "$[1]").label("local_id"),
        )
        .select_from(
            func.json_each(
                bindparam("keys", json.dumps([list(k) for k in batch]), type_=String)
            ).alias("j")
        )
        .subquery("wanted")
    )
    joined = wanted.join(
        records,
        and_(records.c.structure == wanted.c.structure, records.c.local_id == wanted.c.local_id),
    ).outerjoin(results, results.c.record_id == records.c.id)
    return select(*_columns()).select_from(joined)


def _state(row: Any) -> StoredState:
    m = row._mapping
    has_result = m["has_result"] is not None
    return StoredState(
        record_id=m["id"],
        structure=m["structure"],
        local_id=m["local_id"],
        content_hash=m["content_hash"],
        inputs=m["inputs"],
        resident={name: m[name] for name in RESIDENT_COLUMNS},
        stored=tuple(m[f"r_{name}"] for name in _RESULT) if has_result else None,
    )


def read_states(conn: Connection, keys: Sequence[Key]) -> dict[Key, StoredState]:
    """The stored state of each of ``keys`` that the store holds (absent keys: new records)."""
    out: dict[Key, StoredState] = {}
    if not keys:
        return out
    if conn.dialect.name == "postgresql":
        for row in conn.execute(_select_pg(keys)):
            state = _state(row)
            out[(state.structure, state.local_id)] = state
        return out
    for batch in batches(keys):
        for row in conn.execute(_select_sqlite(batch)):
            state = _state(row)
            out[(state.structure, state.local_id)] = state
    return out


def stored_states(engine: Engine, keys: Sequence[Key]) -> dict[Key, StoredState]:
    """:func:`read_states` in its own read transaction."""
    with db_errors("lecture des fiches enregistrées impossible"), read_tx(engine) as conn:
        return read_states(conn, keys)
