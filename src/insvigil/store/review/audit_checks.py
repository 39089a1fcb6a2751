"""The checks of ``audit verify`` over what one pass on the database collected (no queries).

:mod:`insvigil.store.review.audit_verify` reads the chain, the anchors and the queue in one snapshot
and calls these; each returns its problems as French lines.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from insvigil.review.types import Etat
from insvigil.store.audit.chain import GENESIS
from insvigil.store.db.types import EtatRun
from insvigil.store.review.decide import DECISION

__all__ = [
    "MIN_EXPECTED_HASH",
    "Trace",
    "Walk",
    "anchor_problem",
    "parse_expected",
    "queue_problems",
    "run_problems",
]

#: The shortest hash prefix ``--attendu`` accepts (64 bits: not to be found by trial).
MIN_EXPECTED_HASH = 16
_SHOWN = 10  # ids listed in one problem line


@dataclass(frozen=True, slots=True)
class Trace:
    """The last entry about one queue item."""

    entry: int
    action: str
    decision: str | None
    actor: str
    at: str
    commentaire: str | None
    etat: object
    version: object


@dataclass
class Walk:
    """What one pass over the chain found."""

    wanted: set[int]  # ids whose hash the anchors need
    valid: int = 0
    valid_hash: str = GENESIS
    first_bad: int | None = None
    reason: str | None = None
    last_id: int = 0
    hashes: dict[int, str] = field(default_factory=dict)
    traces: dict[int, Trace] = field(default_factory=dict)
    orphans: list[tuple[int, int]] = field(default_factory=list)  # (entry, item)


def parse_expected(text: str) -> tuple[int, str] | None:
    """``LONGUEUR:EMPREINTE`` (a hash or its first 16+ hex digits) → (length, hash); None when
    malformed.

    >>> parse_expected("13:" + "ab" * 32)[0], parse_expected("2:9F86D081884C7D65")
    (13, (2, '9f86d081884c7d65'))
    >>> parse_expected("13"), parse_expected("x:ab"), parse_expected("3:abc")
    (None, None, None)
    """
    length, sep, digest = text.strip().partition(":")
    digest = digest.strip().lower()
    if not sep or not length.strip().isdigit() or not MIN_EXPECTED_HASH <= len(digest) <= 64:
        return None
    if any(ch not in "0123456789abcdef" for ch in digest):
        return None
    return int(length), digest


def _entries(n: int) -> str:
    return f"{n} entrée(s)"


def _ids(ids: Sequence[int]) -> str:
    shown = ", ".join(str(i) for i in ids[:_SHOWN])
    return shown + (f"… (+{len(ids) - _SHOWN})" if len(ids) > _SHOWN else "")


def anchor_problem(
    label: str, entries: int, head: str, walk: Walk, *, exact: bool, prefix: bool = False
) -> str | None:
    """Whether the chain holds entry ``entries`` with hash ``head`` (and ends there, when
    ``exact``); the problem in French otherwise."""
    have = GENESIS if entries == 0 else walk.hashes.get(entries)
    if have is None:
        if walk.last_id < entries:
            end = (
                "le journal est vide"
                if walk.last_id == 0
                else f"le journal s'arrête à l'entrée n° {walk.last_id}"
            )
            return f"{label} compte {_entries(entries)} mais {end} (entrées supprimées)"
        return f"{label} : son entrée n° {entries} a disparu du journal (entrée supprimée)"
    if not (have.startswith(head) if prefix else have == head):
        return (
            f"{label} : l'entrée n° {entries} n'a plus l'empreinte {head[:16]}… "
            "(journal réécrit ou remplacé)"
        )
    if exact and walk.last_id > entries:
        return (
            f"{label} compte {_entries(entries)} mais le journal va jusqu'à l'entrée "
            f"n° {walk.last_id} (entrées ajoutées hors d'insvigil)"
        )
    return None


def run_problems(rows: Sequence[Mapping[str, Any]], walk: Walk) -> list[str]:
    """Every run's anchor must find its entry; once a run has one, every later finished run
    must have one too (the broken ones are summed up in one line)."""
    problems: list[str] = []
    broken: list[str] = []
    anchored = False
    for row in rows:
        entries, head = row["audit_entries"], row["audit_head"]
        if entries is None and head is None:
            if anchored and row["etat"] == EtatRun.TERMINE.value:
                problems.append(
                    f"l'ancre de l'exécution n° {row['id']} a été effacée (les exécutions "
                    "terminées depuis la révision 0005 enregistrent la longueur du journal)"
                )
            continue
        anchored = True
        label = f"l'exécution n° {row['id']}"
        found = (
            f"{label} : son ancre est incomplète"
            if entries is None or head is None
            else anchor_problem(label, int(entries), str(head), walk, exact=False)
        )
        if found is not None:
            broken.append(found)
    if broken:
        more = f" (et {len(broken) - 1} autre(s) exécution(s))" if len(broken) > 1 else ""
        problems.insert(0, broken[0] + more)
    return problems


def queue_problems(
    items: Mapping[int, Mapping[str, Any]], walk: Walk
) -> tuple[list[str], list[int]]:
    """Each ``RESOLU`` item's last entry must be its ``DECISION`` (same decision, referent,
    time, comment, version); a decided item open again must not end on its decision; entries
    must name items of the queue. Returns the problems and the items without their entry."""
    missing: list[int] = []
    differing: list[tuple[int, list[str]]] = []
    reopened: list[int] = []
    for item_id, row in sorted(items.items()):
        trace = walk.traces.get(item_id)
        if row["etat"] != Etat.RESOLU.value:
            if trace is not None and trace.action == DECISION:
                reopened.append(item_id)
            continue
        if trace is None or trace.action != DECISION:
            missing.append(item_id)
            continue
        fields = [
            name
            for name, logged, stored in (
                ("décision", trace.decision, row["decision"]),
                ("référent", trace.actor, row["decided_by"]),
                ("date", trace.at, row["decided_at"]),
                ("commentaire", trace.commentaire, row["commentaire"]),
                ("version", trace.version, row["version"]),
                ("état", trace.etat, Etat.RESOLU.value),
            )
            if logged != stored
        ]
        if fields:
            differing.append((item_id, fields))
    problems: list[str] = []
    if missing:
        problems.append(
            f"{len(missing)} élément(s) résolu(s) de la file sans l'entrée d'audit de leur "
            f"décision : n° {_ids(missing)} (entrées supprimées, ou décision écrite hors "
            "d'insvigil)"
        )
    if differing:
        first, names = differing[0]
        problems.append(
            f"{len(differing)} élément(s) dont la décision dans la file diffère de son entrée "
            f"d'audit : n° {_ids([i for i, _ in differing])} (n° {first} : "
            f"{', '.join(names)})"
        )
    if reopened:
        problems.append(
            f"{len(reopened)} élément(s) décidé(s) puis rouvert(s) sans entrée de "
            f"réouverture : n° {_ids(reopened)} (entrée supprimée, ou file modifiée hors "
            "d'insvigil)"
        )
    if walk.orphans:
        entry, item = walk.orphans[0]
        problems.append(
            f"{len(walk.orphans)} entrée(s) sur des éléments absents de la file : entrée "
            f"n° {entry} (élément n° {item})"
        )
    return problems, sorted(missing + [i for i, _ in differing])
