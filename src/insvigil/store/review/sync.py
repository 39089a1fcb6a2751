"""The run's side of the queue: bring it up to date with the problems a run found.

:func:`sync_queue` matches the run's candidates with the stored items by ``fingerprint``:

* a new problem becomes an ``OUVERT`` item;
* an ``OUVERT`` item found again stays open (its summary and hashes are refreshed);
* a ``RESOLU`` item found again stays resolved: the decision holds. It is reopened only when
  its kind follows the records (:func:`insvigil.review.decisions.reopens_on_change`) and one of
  its records changed since the decision; the reopening is written to the audit trail;
* a ``CADUC`` item found again is reopened;
* an ``OUVERT`` item not found again although the run processed one of its records, and
  looked for its kind, becomes ``CADUC``;
* an item of one record (``structure_b`` empty) whose record kept its stored result (``kept``,
  contract §7: ``carried``) is neither found nor lost: the run did not look at it again. It
  is carried over as it is (marked seen by this run when the record's last run had found it).

Changes of state are written ``WHERE version = <the version read>``: a decision a referent
records while the run is syncing wins over the run.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import and_, bindparam, select, update
from sqlalchemy.engine import Connection

from insvigil.review.decisions import reopens_on_change
from insvigil.review.types import Etat, Kind, QueueCandidate, SyncSummary
from insvigil.store.audit import chain as audit
from insvigil.store.db.bulk import among, batches, insert_rows
from insvigil.store.db.engine import db_errors, write_tx
from insvigil.store.db.packing import digest_bytes, pack
from insvigil.store.db.queue_rows import (
    CONTENT_COLUMNS,
    Target,
    content_values,
    engine_of,
    now_utc,
    record_labels,
)
from insvigil.store.schema.review import queue_items

__all__ = ["Prepared", "prepare", "sync_queue"]

_LOADED = (
    "id",
    "fingerprint",
    "kind",
    "etat",
    "version",
    "structure",
    "local_id",
    "structure_b",
    "local_id_b",
    "digest",
    "decision",
    "decided_by",
    "decided_at",
    "commentaire",
    "decision_hash_a",
    "decision_hash_b",
    "closed_at",
    "seen_run",
)
_DECISION_FIELDS = ("decision", "decided_by", "decided_at", "commentaire")
_TRANSITION = ("etat", "version", "closed_at", *_DECISION_FIELDS)
_INSERTED = (
    "fingerprint",
    "kind",
    "structure",
    "local_id",
    "structure_b",
    "local_id_b",
    "code",
    "valeur_locale",
    "valeur_insi",
    *CONTENT_COLUMNS,
    "digest",
    "etat",
    "version",
    "created_run",
    "seen_run",
    "created_at",
    "seen_at",
)


def _state(row: Any, values: dict[str, Any] | None = None) -> dict[str, object]:
    merged = {**row, **(values or {})}
    decided = merged["decided_at"]
    return {
        "etat": merged["etat"],
        "version": merged["version"],
        "decision": merged["decision"],
        "par": merged["decided_by"],
        "le": decided.isoformat() if isinstance(decided, datetime) else decided,
        "commentaire": merged["commentaire"],
    }


def _transition(row: Any, etat: Etat, now: datetime, *, clear: bool = False) -> dict[str, Any]:
    values: dict[str, Any] = {
        "etat": etat.value,
        "version": int(row["version"]) + 1,
        "closed_at": now if etat is Etat.CADUC else None,
    }
    for name in _DECISION_FIELDS:
        values[name] = None if clear else row[name]
    return values


@dataclass(frozen=True)
class Prepared:
    """A run's candidates, one per fingerprint, with their stored content: what
    :func:`sync_queue` computes before it opens its transaction (:func:`prepare`)."""

    unique: dict[str, QueueCandidate]
    contents: dict[str, dict[str, Any]]


def prepare(candidates: Sequence[QueueCandidate]) -> Prepared:
    """The first candidate of each fingerprint and its content (no database needed: a run does
    this while its lookup index is being built)."""
    unique: dict[str, QueueCandidate] = {}
    for candidate in candidates:
        unique.setdefault(candidate.fingerprint, candidate)
    return Prepared(unique, {fp: content_values(c) for fp, c in unique.items()})


def sync_queue(
    target: Target,
    run_id: int,
    candidates: Sequence[QueueCandidate] | Prepared,
    seen_records: Collection[tuple[str, str]],
    *,
    kinds: Collection[Kind] = tuple(Kind),
    now: datetime | None = None,
    carried: Mapping[tuple[str, str], int] | None = None,
) -> SyncSummary:
    """Bring the queue up to date with one run (one transaction); see the module docstring.

    ``candidates``: as found, or already through :func:`prepare`; ``seen_records``: the
    (structure, local_id) of every record the run processed; ``kinds``: the kinds the run
    looked for (a run without duplicate detection passes the others, so that their open items
    are not made caduc); ``carried``: the records whose stored result the run kept, with the
    run that last processed them (their one-record items are carried over, not looked for).
    """
    engine = engine_of(target)
    when = (now or now_utc()).astimezone(UTC).replace(microsecond=0)
    prepared = candidates if isinstance(candidates, Prepared) else prepare(candidates)
    unique, contents = prepared.unique, prepared.contents
    looked = {Kind(k).value for k in kinds}
    seen = seen_records if isinstance(seen_records, set | frozenset) else set(seen_records)
    new_rows: list[tuple[object, ...]] = []
    found_ids: list[int] = []
    changed: list[dict[str, Any]] = []
    moves: list[tuple[Any, dict[str, Any]]] = []
    reopened_decided: list[tuple[Any, dict[str, Any]]] = []
    kept = 0
    with db_errors("mise à jour de la file de revue impossible"), write_tx(engine) as conn:
        cols = [queue_items.c[name] for name in _LOADED]
        existing = {r["fingerprint"]: r for r in conn.execute(select(*cols)).mappings()}
        for fp, c in unique.items():
            content = contents[fp]
            row = existing.get(fp)
            if row is None:
                new_rows.append(_new_row(c, content, run_id, when))
                continue
            found_ids.append(int(row["id"]))
            if row["digest"] != content["digest"]:
                changed.append({"b_id": row["id"], **content})
            if row["etat"] == Etat.CADUC.value:
                moves.append((row, _transition(row, Etat.OUVERT, when)))
            elif (
                row["etat"] == Etat.RESOLU.value
                and reopens_on_change(Kind(row["kind"]), row["structure_b"] is not None)
                and (c.hash_a, c.hash_b) != (row["decision_hash_a"], row["decision_hash_b"])
            ):
                reopened_decided.append((row, _transition(row, Etat.OUVERT, when, clear=True)))
            else:
                kept += 1
        caducs = 0
        for fp, row in existing.items():
            if fp in unique:
                continue
            if row["structure_b"] is None and carried:
                last = carried.get((row["structure"], row["local_id"]))
                if last is not None:
                    if row["etat"] != Etat.CADUC.value and row["seen_run"] == last:
                        found_ids.append(int(row["id"]))  # found when the result was computed
                        kept += 1
                    continue
            if row["etat"] != Etat.OUVERT.value or row["kind"] not in looked:
                continue
            if (row["structure"], row["local_id"]) in seen or (
                row["structure_b"] is not None and (row["structure_b"], row["local_id_b"]) in seen
            ):
                moves.append((row, _transition(row, Etat.CADUC, when)))
                caducs += 1
        insert_rows(conn, queue_items, _INSERTED, new_rows)
        for ids in batches(found_ids):
            conn.execute(
                update(queue_items)
                .where(among(conn, queue_items.c.id, ids))
                .values(seen_run=run_id, seen_at=when)
            )
        _update_content(conn, changed)
        _apply_moves(conn, moves)
        applied = _apply_moves(conn, reopened_decided, one_by_one=True)
        for row, values in reopened_decided:
            if int(row["id"]) not in applied:
                continue
            audit.append(
                conn,
                actor=f"insvigil (traitement n° {run_id})",
                action="REOUVERTURE",
                item_id=int(row["id"]),
                records=record_labels(row),
                decision=None,
                commentaire="un dossier a changé depuis la décision : nouvel examen nécessaire",
                avant=_state(row),
                apres=_state(row, values),
                at=when,
            )
    rouverts = len(moves) - caducs + len(applied)
    return SyncSummary(len(new_rows), rouverts, caducs, kept)


def _same(value: Any) -> Any:
    return value


def _new_row(
    c: QueueCandidate, content: dict[str, Any], run_id: int, when: datetime
) -> tuple[object, ...]:
    stamp = when.isoformat()
    # Written with the driver directly (bulk.insert_rows): the stored forms of 0009's types.
    stored = {"resume": pack, "details": pack}
    return (
        digest_bytes(c.fingerprint),
        c.kind.value,
        c.structure,
        c.local_id,
        c.structure_b,
        c.local_id_b,
        c.code,
        c.valeur_locale,
        c.valeur_insi,
        *(stored.get(n, _same)(content[n]) for n in CONTENT_COLUMNS),
        digest_bytes(content["digest"]),
        Etat.OUVERT.value,
        1,
        run_id,
        run_id,
        stamp,
        stamp,
    )


def _update_content(conn: Connection, changed: list[dict[str, Any]]) -> None:
    if not changed:
        return
    stmt = (
        update(queue_items)
        .where(queue_items.c.id == bindparam("b_id"))
        .values({name: bindparam(name) for name in (*CONTENT_COLUMNS, "digest")})
    )
    conn.execute(stmt, changed)


def _apply_moves(
    conn: Connection, moves: list[tuple[Any, dict[str, Any]]], *, one_by_one: bool = False
) -> set[int]:
    """Change states where the version is still the one read. With ``one_by_one``, return the
    ids actually changed (one statement a row); otherwise one executemany, and an empty set."""
    applied: set[int] = set()
    if not moves:
        return applied
    c = queue_items.c
    stmt = (
        update(queue_items)
        .where(and_(c.id == bindparam("b_id"), c.version == bindparam("b_version")))
        .values({name: bindparam(f"n_{name}", type_=c[name].type) for name in _TRANSITION})
    )
    params = [
        {"b_id": row["id"], "b_version": row["version"]}
        | {f"n_{name}": values[name] for name in _TRANSITION}
        for row, values in moves
    ]
    if not one_by_one:
        conn.execute(stmt, params)
        return applied
    for row_params in params:
        if conn.execute(stmt, row_params).rowcount == 1:
            applied.add(int(row_params["b_id"]))
    return applied
