"""``find_pairs``: block, compare, score and classify the records of a run.

With ``workers > 1`` and a large input, the parent and ``workers - 1`` forked processes share
the work; the children read the records from the parent's memory (copy-on-write; the cyclic
garbage collector is frozen meanwhile so that the pages stay shared): first the blocking rules,
then the blocks; children send back only the pairs worth writing. The parent also checks each
record's matricule for collisions. The result does not depend on the number of
workers: pairs are sorted, and each unordered pair is scored once.
"""

from __future__ import annotations

import gc
import multiprocessing
import time
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from itertools import combinations

from insvigil.matching import places
from insvigil.matching.blocking import (
    RULES,
    Blocking,
    RuleBlocks,
    build_blocks,
    build_rule,
    compared_before,
)
from insvigil.matching.collisions import matricule_collisions
from insvigil.matching.pairs import Homonymie, Pair, evaluate, make_homonymie, make_pair
from insvigil.matching.record import MatchRecord, clear_caches
from insvigil.matching.scoring import prior
from insvigil.model.codes import TypePaire
from insvigil.policy import DoublonsPolicy

__all__ = ["PARALLEL_MIN", "Distinct", "MatchReport", "find_pairs"]

#: Below this many records one process is faster than starting a pool.
PARALLEL_MIN = 20_000
_CHUNKS_PER_WORKER = 8
_SMALL = 8  # blocks up to this size test their pairs one by one rather than in a matrix
_PARENT_RULES = 5  # in parallel, the parent builds the first rules' blocks (the cheaper ones)

#: (structure_a, local_id_a, hash_a, structure_b, local_id_b, hash_b)
Distinct = tuple[str, str, str, str, str, str]
_Found = tuple[list[Pair], list[Homonymie], int]


@dataclass
class MatchReport:
    """What :func:`find_pairs` found, and what it cost."""

    pairs: list[Pair]
    comparisons: int  # pairs scored
    blocks: int
    giant_blocks: list[str]  # French lines: giant blocks split or skipped
    seconds: float
    homonymes: list[Homonymie] = field(default_factory=list)  # look-alikes (HOMONYME?)


@dataclass
class _State:
    records: Sequence[MatchRecord]
    domains: list[int]
    priors: dict[int, float]
    policy: DoublonsPolicy
    blocking: Blocking | None = None


_STATE: _State | None = None  # the run's state, inherited by forked workers


def _state() -> _State:
    if _STATE is None:  # pragma: no cover - set before any call
        raise RuntimeError("matching state not set")
    return _STATE


def _domains(records: Sequence[MatchRecord], policy: DoublonsPolicy) -> list[int]:
    """Identity domain of each record: its group in ``policy.domaines``; a structure listed
    in no group is a domain of its own; no groups at all: one domain."""
    if not policy.domaines:
        return [0] * len(records)
    listed: dict[str, int] = {}
    for index, group in enumerate(policy.domaines):
        for structure in group:
            listed.setdefault(structure, index)
    own: dict[str, int] = {}
    out = []
    for r in records:
        d = listed.get(r.structure)
        if d is None:
            d = own.setdefault(r.structure, len(policy.domaines) + len(own))
        out.append(d)
    return out


def _build(index: int) -> RuleBlocks:
    state = _state()
    return build_rule(state.records, state.domains, index, state.policy.taille_bloc_max)


def _work(chunk: tuple[int, int]) -> _Found:
    """Compare the pairs of blocks ``chunk[0]``, ``chunk[0] + chunk[1]``…"""
    state = _state()
    records, domains, blocking = state.records, state.domains, state.blocking
    assert blocking is not None
    revue, probable = state.policy.seuil_revue, state.policy.seuil_probable
    pairs: list[Pair] = []
    homonymes: list[Homonymie] = []
    compared = 0
    for block in blocking.blocks(*chunk):
        near, members = RULES[block.rule].near, block.members
        positions: Sequence[tuple[int, int]] | combinations[tuple[int, ...]]
        if near is None:
            positions = combinations(range(len(members)), 2)
        elif len(members) <= _SMALL:
            positions = [
                (x, y)
                for x, y in combinations(range(len(members)), 2)
                if near.pair(records[members[x]], records[members[y]])
            ]
        else:
            positions = near.block(records, members)
        for x, y in positions:
            i, j = members[x], members[y]
            a, b = records[i], records[j]
            di, dj = domains[i], domains[j]
            if block.rule and compared_before(a, b, block.rule, blocking, di, dj):
                continue
            compared += 1
            found = evaluate(
                a, b, prior_odds=state.priors[di], probable=probable, revue=revue,
                same_domain=di == dj,
            )  # fmt: skip
            if found is None:
                continue
            levels, verdict = found
            if verdict.kind == "HOMONYME":
                homonymes.append(make_homonymie(a, b, levels))
            elif verdict.kind and verdict.score >= revue:
                pairs.append(make_pair(a, b, levels, verdict))
    return pairs, homonymes, compared


def _is_distinct(p: Pair, distinct: AbstractSet[Distinct]) -> bool:
    forward = (p.structure_a, p.local_id_a, p.hash_a, p.structure_b, p.local_id_b, p.hash_b)
    backward = (p.structure_b, p.local_id_b, p.hash_b, p.structure_a, p.local_id_a, p.hash_a)
    return forward in distinct or backward in distinct


def find_pairs(
    records: Sequence[MatchRecord],
    policy: DoublonsPolicy,
    *,
    distinct: AbstractSet[Distinct] = frozenset(),
    workers: int = 2,
) -> MatchReport:
    """Duplicate and collision pairs among ``records`` with a score ≥ ``seuil_revue``.

    ``distinct`` holds pairs a referent declared distinct, with both records' content hashes
    then: they are not proposed again while both hashes are unchanged. Each unordered pair
    appears once; record-level collisions have ``structure_b`` and ``local_id_b`` empty."""
    global _STATE
    started = time.perf_counter()
    clear_caches()  # prepare's caches are not needed any more: less memory to fork
    collecting = gc.isenabled()
    gc.disable()
    try:
        domains = _domains(records, policy)
        sizes: dict[int, int] = {}
        for d in domains:
            sizes[d] = sizes.get(d, 0) + 1
        _STATE = _State(records, domains, {d: prior(n) for d, n in sizes.items()}, policy)
        if workers > 1 and len(records) >= PARALLEL_MIN:
            blocking, (found, homonymes, compared), singles = _parallel(_STATE, workers)
        else:
            blocking = build_blocks(records, domains, policy.taille_bloc_max)
            _STATE.blocking = blocking
            found, homonymes, compared = _work((0, 1))
            singles = matricule_collisions(records)
    finally:
        _STATE = None
        if collecting:
            gc.enable()
    found += [p for p in singles if p.structure_b]
    in_pairs = {(p.structure_a, p.local_id_a) for p in found if p.type is TypePaire.COLLISION}
    in_pairs |= {(p.structure_b, p.local_id_b) for p in found if p.type is TypePaire.COLLISION}
    found += [p for p in singles if not p.structure_b and p.sort_key[:2] not in in_pairs]
    unique: dict[tuple[str, str, str, str], Pair] = {}
    for p in sorted(found, key=lambda p: (p.sort_key, -p.score)):
        if not _is_distinct(p, distinct):
            unique.setdefault(p.sort_key[:4], p)
    return MatchReport(
        pairs=list(unique.values()),
        comparisons=compared,
        blocks=len(blocking),
        giant_blocks=blocking.giant_blocks,
        seconds=time.perf_counter() - started,
        homonymes=sorted(set(homonymes), key=lambda h: (h.structure_a, h.local_id_a,
                                                        h.structure_b, h.local_id_b)),
    )  # fmt: skip


def _parallel(state: _State, workers: int) -> tuple[Blocking, _Found, list[Pair]]:
    """The parent and ``workers - 1`` forked children share the work (one process fewer to
    copy pages into): the children build the last blocking rules while the parent builds the
    first ones and checks matricules, then blocks are dealt to all of them."""
    context = multiprocessing.get_context("fork")
    helpers = workers - 1
    own_rules = list(range(_PARENT_RULES))
    gc.freeze()  # forked children then share the parent's pages instead of copying them
    try:
        with context.Pool(helpers) as pool:
            theirs = pool.imap(_build, range(_PARENT_RULES, len(RULES)))
            mine = [_build(index) for index in own_rules]
            singles = matricule_collisions(state.records)
            places.warm(r.lieu for r in state.records)
            state.blocking = Blocking(mine + list(theirs))
        chunks = workers * _CHUNKS_PER_WORKER
        tasks = [(k, chunks) for k in range(chunks)]
        pairs: list[Pair] = []
        homonymes: list[Homonymie] = []
        compared = 0
        with context.Pool(helpers) as pool:
            results = pool.imap_unordered(_work, tasks[_CHUNKS_PER_WORKER:])
            found = [_work(task) for task in tasks[:_CHUNKS_PER_WORKER]]
            for p, h, c in [*found, *results]:
                pairs += p
                homonymes += h
                compared += c
    finally:
        gc.unfreeze()
    return state.blocking, (pairs, homonymes, compared), singles
