"""``audit verify``: the hash chain, its anchors and the queue's decisions, checked together.

Everything is read in one snapshot (SQLite: one read transaction; PostgreSQL: ``REPEATABLE
READ``), so that a decision recorded meanwhile cannot look like a missing entry.

What is detected, for someone with SQL access to the database:

* an entry edited (any column, its hash included), inserted, moved, or deleted in the middle:
  the chain's links break, and the first bad entry is named;
* entries deleted at the end of the chain, or all of them: the anchor row (``audit_anchor``,
  moved by every append) and every run finished since revision 0005 (``runs.audit_entries``,
  ``audit_head``: the chain's length and last hash at the run's end) no longer find their entry;
* every ``RESOLU`` queue item must find, as the last entry about it, the ``DECISION`` entry of
  that decision (same item, decision, referent, time, comment, version); an item that was
  decided and is open again must find its ``REOUVERTURE`` entry. So deleting entries is seen
  even with the anchors rewritten, and so is a decision written or changed in the queue without
  the trail (an ``AUTRE_PERSONNE`` turned into ``ACCEPTER_TRAITS_INSI`` to unblock a record);
* (entries that change no state, such as a referent's consultation of a full matricule,
  ``CONSULTATION``, are chained and anchored like the others but are not decisions);
* an anchor edited or deleted on its own (the anchor row gone, a run's anchor cleared while an
  earlier run keeps one), and entries naming items that are not in the queue.

What is not detected: SHA-256 has no secret, so someone who rewrites everything consistently
(the chain recomputed, the anchor row, every run's anchor, the queue items put back as if
never decided) leaves nothing to see from inside the database. Only an anchor kept OUTSIDE
the database shows it: ``audit verify`` prints the chain's length and last hash, which a
referent notes elsewhere (register, ticket, signed e-mail), and ``audit verify --attendu
LONGUEUR:EMPREINTE`` later checks that the chain still holds that entry with that hash. Runs
finished before revision 0005 carry no anchor; entries deleted together with the decisions
they record, on items since reopened and with every anchor rewritten, leave no trace either.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from sqlalchemy import String, select, type_coerce
from sqlalchemy.engine import Connection, Engine

from insvigil.review.types import AuditVerdict, Etat
from insvigil.store.audit.chain import GENESIS, entry_hash
from insvigil.store.db.engine import db_errors
from insvigil.store.db.queue_rows import Target, engine_of
from insvigil.store.review.audit_checks import (
    Trace,
    Walk,
    anchor_problem,
    parse_expected,
    queue_problems,
    run_problems,
)
from insvigil.store.review.audit_consult import STATE_ACTIONS
from insvigil.store.schema.core import runs
from insvigil.store.schema.review import ANCHOR_ID, audit_anchor, audit_log, queue_items

__all__ = ["parse_expected", "verify"]

_STREAM = 5_000


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    with engine.connect() as conn:
        if conn.dialect.name == "postgresql":
            conn.execution_options(isolation_level="REPEATABLE READ")
        with conn.begin():
            yield conn


def _walk(conn: Connection, items: set[int], wanted: set[int]) -> Walk:
    columns = [type_coerce(c, String).label("at") if c.name == "at" else c for c in audit_log.c]
    stmt = select(*columns).order_by(audit_log.c.id).execution_options(yield_per=_STREAM)
    walk = Walk(wanted)
    prev = GENESIS
    for raw in conn.execute(stmt).mappings():
        row = dict(raw)
        entry_id = int(row["id"])
        walk.last_id = entry_id
        if entry_id in wanted:
            walk.hashes[entry_id] = str(row["hash"])
        if walk.first_bad is None:
            _link(walk, row, prev)
        prev = str(row["hash"])
        item = row["item_id"]
        if item is not None:
            if int(item) not in items:
                walk.orphans.append((entry_id, int(item)))
            if row["action"] in STATE_ACTIONS:  # a consultation changes no state
                walk.traces[int(item)] = _trace(row)
    return walk


def _link(walk: Walk, row: Mapping[str, Any], prev: str) -> None:
    """Check one entry against the previous one's hash (the chain so far is valid)."""
    if row["prev_hash"] != prev:
        walk.reason = (
            "son empreinte précédente ne correspond pas à l'entrée qui la précède "
            "(entrée supprimée, insérée ou déplacée)"
        )
    else:
        try:
            expected = entry_hash(prev, row)
        except (TypeError, ValueError, AttributeError, KeyError):
            expected = ""
        if row["hash"] != expected:
            walk.reason = "son contenu ne correspond pas à son empreinte (entrée modifiée)"
    if walk.reason is not None:
        walk.first_bad = int(row["id"])
        return
    walk.valid, walk.valid_hash = walk.valid + 1, str(row["hash"])


def _trace(row: Mapping[str, Any]) -> Trace:
    try:
        apres = json.loads(row["apres"])
    except (TypeError, ValueError):
        apres = {}
    if not isinstance(apres, dict):
        apres = {}
    return Trace(
        entry=int(row["id"]),
        action=str(row["action"]),
        decision=row["decision"],
        actor=str(row["actor"]),
        at=str(row["at"]),
        commentaire=row["commentaire"],
        etat=apres.get("etat"),
        version=apres.get("version"),
    )


def verify(target: Target, expected: tuple[int, str] | None = None) -> AuditVerdict:
    """Check the chain, its anchors (the anchor row, every run's, and ``expected``: a length
    and hash, or hash prefix, noted outside the database) and the queue's decisions.

    The verdict names the first bad entry of the chain, lists every problem in French and the
    resolved items whose decision has no matching entry.
    """
    engine = engine_of(target)
    with db_errors("lecture du journal d'audit impossible"), _snapshot(engine) as conn:
        anchor = conn.execute(
            select(audit_anchor.c.entries, audit_anchor.c.head_hash).where(
                audit_anchor.c.id == ANCHOR_ID
            )
        ).first()
        run_rows = [
            dict(r)
            for r in conn.execute(
                select(runs.c.id, runs.c.etat, runs.c.audit_entries, runs.c.audit_head).order_by(
                    runs.c.id
                )
            ).mappings()
        ]
        q = queue_items.c
        text_at = type_coerce(q.decided_at, String).label("decided_at")
        items = {
            int(r["id"]): dict(r)
            for r in conn.execute(
                select(q.id, q.etat, q.decision, q.decided_by, text_at, q.commentaire, q.version)
            ).mappings()
        }
        wanted = {int(r["audit_entries"]) for r in run_rows if r["audit_entries"] is not None}
        if anchor is not None:
            wanted.add(int(anchor[0]))
        if expected is not None:
            wanted.add(expected[0])
        walk = _walk(conn, set(items), wanted)
    problems: list[str] = []
    if walk.first_bad is not None:
        problems.append(f"entrée n° {walk.first_bad} : {walk.reason}")
    if expected is not None:
        found = anchor_problem(
            "l'ancre notée (--attendu)", expected[0], expected[1], walk, exact=False, prefix=True
        )
        problems += [found] if found else []
    if anchor is None:
        problems.append("l'ancre du journal (table audit_anchor) a été supprimée")
    else:
        found = anchor_problem(
            "l'ancre du journal", int(anchor[0]), str(anchor[1]), walk, exact=True
        )
        problems += [found] if found else []
    problems += run_problems(run_rows, walk)
    queue_found, missing = queue_problems(items, walk)
    problems += queue_found
    checked_runs = sum(r["audit_entries"] is not None for r in run_rows)
    checked_items = sum(r["etat"] == Etat.RESOLU.value for r in items.values())
    return AuditVerdict(
        intact=not problems,
        entries=walk.valid,
        last_hash=None if walk.valid == 0 else walk.valid_hash,
        first_bad=walk.first_bad,
        reason=walk.reason if walk.first_bad is not None else next(iter(problems), None),
        problems=tuple(problems),
        missing_items=tuple(missing),
        runs_checked=checked_runs,
        items_checked=checked_items,
    )
