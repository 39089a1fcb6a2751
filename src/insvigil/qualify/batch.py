"""A shard's records, a chunk at a time: read, evaluated or their stored result kept (contract
§7), written to the part files, prepared for the duplicate search, and saved in one transaction.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence, Set
from dataclasses import dataclass, field
from typing import Any

from insvigil.engine.evaluate import Engine
from insvigil.insi import InsiResponse
from insvigil.lookup.key_rows import index_rows
from insvigil.matching import insi_collisions, prepare
from insvigil.model.codes import TypePaire
from insvigil.model.previous import PreviousState, previous_state
from insvigil.model.records import Resident
from insvigil.model.results import RecordResult
from insvigil.qualify import insi_index
from insvigil.qualify.fingerprint import inputs_hash
from insvigil.qualify.outputs import discordance_rows, identite_row
from insvigil.qualify.parts import Parts
from insvigil.qualify.reuse import Reuse
from insvigil.qualify.shard_result import ShardResult
from insvigil.review.candidates import from_result
from insvigil.store import ChunkItem, Store
from insvigil.store.records.stored_state import StoredState, holder_key, previous_rows

__all__ = ["PROGRESS_EVERY", "Batch", "MatchPlan"]

PROGRESS_EVERY = 2_000  # records evaluated between two progress reports

#: A record read and not evaluated yet: its residents line, the resident, its INSi responses,
#: the referents' decisions that touch it and its content hash.
_Read = tuple[int, Resident, list[InsiResponse], "Set[tuple[str, str, str, str]]", str]

#: A record evaluated and not saved yet: the resident, its content hash, result, responses,
#: inputs hash, and whether the result is the stored one.
_Pending = tuple[Resident, str, RecordResult, Sequence[InsiResponse], str | None, bool]


def _items(chunk: Sequence[_Pending]) -> list[ChunkItem]:
    """What the store saves of a chunk; the lookup keys are computed column by column (not
    for a kept result: its record, result and keys are stored as they are)."""
    fresh = [p for p in chunk if not p[5]]
    keys = iter(index_rows([p[0] for p in fresh], [p[2].insi_active for p in fresh]))
    items: list[ChunkItem] = []
    for resident, digest, result, responses, inputs, kept in chunk:
        if kept:
            items.append(ChunkItem(resident, digest, result, inputs=inputs, reused=True))
            continue
        index = next(keys)
        items.append(
            ChunkItem(
                resident=resident,
                content_hash=digest,
                result=result,
                insi=tuple(insi_index.to_stored(r) for r in responses),
                index=index,
                inputs=inputs,
            )
        )
    return items


def _collision_rows(result: RecordResult) -> list[tuple[object, ...]]:
    return [
        (result.structure, result.local_id, "", "", 1.0, TypePaire.COLLISION.value, f.message)
        for f in result.findings
        if f.code == "IS12"
    ]


@dataclass(frozen=True)
class MatchPlan:
    """Whether the records of a run are prepared for the duplicate search as they come.

    ``pairs_run``: the run whose stored pairs this run may take as they are (same policy,
    matching code and "distinct" decisions), or ``None``. A kept record that run processed is
    then not prepared at once; at the end of the shard, ``decide(reusable, records)`` says
    (for every shard together) whether the search runs after all, in which case the deferred
    records are prepared then. A record evaluated again makes the shard not reusable.
    """

    pairs_run: int | None = None
    decide: Callable[[bool, int], bool] | None = None


#: A kept record whose preparation for the duplicate search waits for the run's decision.
_Deferred = tuple[Resident, RecordResult, str, Sequence[InsiResponse]]


@dataclass
class Batch:
    """Records read, evaluated (or their stored result kept) and saved together."""

    out: ShardResult
    parts: Parts
    engine: Engine
    store: Store
    run_id: int
    reuse: Reuse | None
    doublons: bool
    parent: int | None
    progress: Callable[[int], None] | None
    plan: MatchPlan = field(default_factory=MatchPlan)
    #: Who carried each matricule before the run (HI02; ``store.stored_state.matricule_holders``).
    holders: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    read: list[_Read] = field(default_factory=list)
    deferred: list[_Deferred] = field(default_factory=list)
    #: False once a record of the shard cannot let the run take the stored pairs.
    reusable: bool = True

    def flush(self) -> None:
        """Evaluate the records read (or keep their stored result), write and save them."""
        if not self.read:
            return
        read, self.read = self.read, []
        reuse = self.reuse
        states = self.store.stored_states([r[1].key for r in read]) if reuse else {}
        inputs: list[str | None] = []
        kept: list[bool] = []
        for _, parsed, responses, decided, digest in read:
            hashed = inputs_hash(reuse.run, digest, responses, decided) if reuse else None
            state = states.get(parsed.key)
            inputs.append(hashed)
            kept.append(
                reuse is not None and hashed is not None and reuse.keeps(state, digest, hashed)
            )
        # What the records evaluated again were last time (HI01/HI02): one query for the chunk.
        again = [
            state.record_id
            for (_, parsed, *_), keep in zip(read, kept, strict=True)
            if not keep and (state := states.get(parsed.key)) is not None
        ]
        rows = previous_rows(self.store.engine, again) if again else {}
        chunk: list[_Pending] = []
        out = self.out
        pairs_run = self.plan.pairs_run
        for (line, parsed, responses, decided, digest), hashed, keep in zip(
            read, inputs, kept, strict=True
        ):
            state = states.get(parsed.key)
            if keep and state is not None:
                result = state.result()
                out.repris += 1
                out.kept[parsed.key] = state.last_run
                defer = pairs_run is not None and state.last_run == pairs_run
            else:
                previous = self._previous(parsed, state, rows)
                result = self.engine.evaluate(parsed, responses, decided, previous=previous)
                out.reevalues += 1
                defer = False
            out.dossiers += 1
            self.reusable = self.reusable and defer
            self._record(line, parsed, responses, digest, result, keep, defer)
            chunk.append((parsed, digest, result, responses, hashed, keep))
            if self.progress is not None and out.dossiers % PROGRESS_EVERY == 0:
                self.progress(out.dossiers)
        if self.parent is not None and os.getppid() != self.parent:
            raise SystemExit(3)  # the run was killed: stop writing
        self.store.save_chunk(self.run_id, _items(chunk))

    def _previous(
        self, parsed: Resident, state: StoredState | None, rows: Mapping[int, Mapping[str, Any]]
    ) -> PreviousState | None:
        """The record at its last evaluation, and who else carried its matricule then."""
        holder = None
        if parsed.matricule_ins and self.holders:
            others = self.holders.get(holder_key(parsed.matricule_ins), ())
            holder = next((key for key in others if key != parsed.key), None)
        if state is None or state.stored is None:
            return None if holder is None else previous_state(None, None, (), holder=holder)
        return previous_state(
            rows.get(state.record_id), state.statut, state.history(), holder=holder
        )

    def finish(self) -> None:
        """Once every record is processed: if the run searches the pairs after all, prepare
        the records whose preparation waited (see :class:`MatchPlan`)."""
        decide = self.plan.decide
        if self.plan.pairs_run is None or decide is None or not self.doublons:
            return
        search = decide(self.reusable, self.out.dossiers)
        self.out.pairs_reusable = not search
        deferred, self.deferred = self.deferred, []
        if search:
            for parsed, result, digest, responses in deferred:
                self._match(parsed, result, digest, responses)

    def _match(
        self,
        parsed: Resident,
        result: RecordResult,
        digest: str,
        responses: Sequence[InsiResponse],
    ) -> None:
        out = self.out
        historique = [h.matricule for r in responses if r.cr == "00" for h in r.historique]
        local = prepare(parsed, result, digest, historique=historique)
        out.match_records.append(local)
        collision = insi_collisions(parsed, result, responses, local=local)
        if collision is not None:
            out.insi_collisions.append(collision)

    def _record(
        self,
        line: int,
        parsed: Resident,
        responses: Sequence[InsiResponse],
        digest: str,
        result: RecordResult,
        kept: bool,
        defer: bool,
    ) -> None:
        """Everything a record's result gives the run: outputs, queue, duplicates, counts.
        A kept result's queue items are the stored ones (carried over by the queue's sync)."""
        out = self.out
        out.seen.append(parsed.key)
        if not kept:
            out.candidates.extend(from_result(result, content_hash=digest, actif=parsed.actif))
        if not parsed.actif:
            out.inactifs.append(parsed.key)
        if self.doublons:
            if defer:
                self.deferred.append((parsed, result, digest, responses))
            else:
                self._match(parsed, result, digest, responses)
        parts = self.parts
        parts.write("identites", line, identite_row(result))
        for row in discordance_rows(result):
            parts.write("discordances", line, row)
        for row in _collision_rows(result):
            parts.write("doublons", line, row)
            out.collisions += 1
        out.tally.add(parsed, result)
