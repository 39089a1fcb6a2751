"""One shard of a qualification run: the records whose key hashes to it, start to finish.

A shard reads the residents file, keeps its own records (key hash) and its own structural
rejects (line number), evaluates them, saves them chunk by chunk in the store (one transaction
a chunk) and writes part files whose rows start with the residents line, so that the parts of
every shard merge back into the file's order (:mod:`insvigil.qualify.merge`).
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Callable, Iterable, Sequence, Set
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from insvigil.engine.evaluate import Engine
from insvigil.insi import InsiProblem, InsiResponse
from insvigil.io.output_csv import format_row
from insvigil.io.residents_csv import ResidentsFile
from insvigil.io.schema import RawRow
from insvigil.lookup.key_rows import index_rows
from insvigil.matching import MatchRecord, Pair, insi_collisions, prepare
from insvigil.model.codes import TypePaire
from insvigil.model.records import Resident
from insvigil.model.results import RecordResult
from insvigil.qualify import insi_index
from insvigil.qualify.fingerprint import inputs_hash
from insvigil.qualify.keys import content_hash, lookup_keys
from insvigil.qualify.merge import part_line
from insvigil.qualify.outputs import discordance_rows, identite_row, orphan_row
from insvigil.qualify.parse import parse_row
from insvigil.qualify.reuse import Reuse
from insvigil.qualify.tally import Tally
from insvigil.review.candidates import from_result
from insvigil.review.types import QueueCandidate
from insvigil.store import ChunkItem, Store

PARTS = ("identites", "discordances", "doublons", "rejets")
ORPHAN_LINE = 1 << 62  # sorts orphan INSi responses after every residents line
PROGRESS_EVERY = 2_000  # records evaluated between two progress reports


def shard_of(structure: str, local_id: str, shards: int) -> int:
    """Stable across processes and runs (``hash()`` of a str is salted per process)."""
    if shards == 1:
        return 0
    return zlib.crc32(f"{structure}\x1f{local_id}".encode()) % shards


Accepted = dict[tuple[str, str], set[tuple[str, str, str, str]]]


@dataclass
class ShardResult:
    shard: int
    candidates: list[QueueCandidate] = field(default_factory=list)
    seen: list[tuple[str, str]] = field(default_factory=list)
    #: The records that kept their stored result, with the last run that processed them
    #: before this one (their one-record queue items are carried over, not rebuilt).
    kept: dict[tuple[str, str], int] = field(default_factory=dict)
    inactifs: list[tuple[str, str]] = field(default_factory=list)
    match_records: list[MatchRecord] = field(default_factory=list)  # for duplicate detection
    insi_collisions: list[Pair] = field(default_factory=list)  # INSi traits of another person
    lignes: int = 0
    dossiers: int = 0
    reevalues: int = 0  # of dossiers: evaluated by this run
    repris: int = 0  # of dossiers: kept their stored result (contract §7)
    rejets: int = 0
    collisions: int = 0
    orphelines: int = 0
    tally: Tally = field(default_factory=Tally)
    #: The INSi problems this shard read, with where it read them (merged by the parent).
    insi_problems: list[tuple[insi_index.Rank, InsiProblem]] = field(default_factory=list)
    insi_read: int = 0  # INSi responses this shard read


class _Parts:
    """Part files of one shard, one row a line: the residents line number, a tab, then the
    output row already formatted (see :mod:`insvigil.qualify.merge`)."""

    FLUSH_EVERY = 4_096  # lines kept before one write (a write a line costs more than the line)

    def __init__(self, folder: Path, shard: int) -> None:
        self.files = {
            name: (folder / f"{name}.{shard}.part").open("w", newline="", encoding="utf-8")
            for name in PARTS
        }
        self.pending: dict[str, list[str]] = {name: [] for name in PARTS}

    def write(self, name: str, line: int, row: Iterable[object]) -> None:
        pending = self.pending[name]
        pending.append(part_line(line, format_row(tuple(row))))
        if len(pending) >= self.FLUSH_EVERY:
            self._flush(name)

    def _flush(self, name: str) -> None:
        self.files[name].write("".join(self.pending[name]))
        self.pending[name].clear()

    def finish(self) -> None:
        """Write what is pending (a failed shard's parts are thrown away: no need then)."""
        for name in PARTS:
            self._flush(name)

    def close(self) -> None:
        for handle in self.files.values():
            handle.close()


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
            items.append(ChunkItem(resident, digest, None, result, inputs=inputs, reused=True))
            continue
        index = next(keys)
        items.append(
            ChunkItem(
                resident=resident,
                content_hash=digest,
                lookup=lookup_keys(resident, index),
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


#: A record read and not evaluated yet: its residents line, the resident, its INSi responses,
#: the referents' decisions that touch it and its content hash.
_Read = tuple[int, Resident, list[InsiResponse], "Set[tuple[str, str, str, str]]", str]


@dataclass
class _Batch:
    """Records read, evaluated (or their stored result kept) and saved together."""

    shard: int
    out: ShardResult
    parts: _Parts
    engine: Engine
    store: Store
    run_id: int
    reuse: Reuse | None
    doublons: bool
    parent: int | None
    progress: Callable[[int], None] | None
    read: list[_Read] = field(default_factory=list)

    def flush(self) -> None:
        """Evaluate the records read (or keep their stored result), write and save them."""
        if not self.read:
            return
        read, self.read = self.read, []
        reuse = self.reuse
        states = self.store.stored_states([r[1].key for r in read]) if reuse else {}
        chunk: list[_Pending] = []
        out = self.out
        for line, parsed, responses, decided, digest in read:
            inputs = inputs_hash(reuse.run, digest, responses, decided) if reuse else None
            state = states.get(parsed.key)
            kept = reuse is not None and inputs is not None and reuse.keeps(state, digest, inputs)
            if kept and state is not None:
                result = state.result()
                out.repris += 1
                out.kept[parsed.key] = state.last_run
            else:
                result = self.engine.evaluate(parsed, responses, decided)
                out.reevalues += 1
            out.dossiers += 1
            self._record(line, parsed, responses, digest, result, kept)
            chunk.append((parsed, digest, result, responses, inputs, kept))
            if self.progress is not None and out.dossiers % PROGRESS_EVERY == 0:
                self.progress(out.dossiers)
        if self.parent is not None and os.getppid() != self.parent:
            raise SystemExit(3)  # the run was killed: stop writing
        self.store.save_chunk(self.run_id, _items(chunk))

    def _record(
        self,
        line: int,
        parsed: Resident,
        responses: Sequence[InsiResponse],
        digest: str,
        result: RecordResult,
        kept: bool,
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
            historique = [h.matricule for r in responses if r.cr == "00" for h in r.historique]
            local = prepare(parsed, result, digest, historique=historique)
            out.match_records.append(local)
            collision = insi_collisions(parsed, result, responses, local=local)
            if collision is not None:
                out.insi_collisions.append(collision)
        parts = self.parts
        parts.write("identites", line, identite_row(result))
        for row in discordance_rows(result):
            parts.write("discordances", line, row)
        for row in _collision_rows(result):
            parts.write("doublons", line, row)
            out.collisions += 1
        out.tally.add(parsed, result)


def run_shard(
    *,
    shard: int,
    shards: int,
    residents: ResidentsFile,
    index: insi_index.InsiIndex,
    engine: Engine,
    store: Store,
    run_id: int,
    today: date,
    parts_dir: Path,
    chunk_size: int,
    progress: Callable[[int], None] | None = None,
    parent: int | None = None,
    accepted: Accepted | None = None,
    doublons: bool = True,
    reuse: Reuse | None = None,
) -> ShardResult:
    """Process the shard; ``parent`` (a pid) makes a worker stop if its parent died.

    ``doublons`` False (``--sans-doublons``): the records for duplicate and collision detection
    across records are not prepared, since nothing would read them. ``reuse``: how stored
    results are kept (contract §7); ``None``: every record evaluated, nothing read back."""
    out = ShardResult(shard)
    parts = _Parts(parts_dir, shard)
    fichier = residents.path.name
    batch = _Batch(shard, out, parts, engine, store, run_id, reuse, doublons, parent, progress)

    def ours(structure: str, local_id: str) -> bool:
        return shard_of(structure, local_id, shards) == shard

    try:
        for item in residents.rows(keep=ours if shards > 1 else None):
            if not isinstance(item, RawRow):
                if item.ligne % shards == shard:
                    out.rejets += 1
                    parts.write("rejets", item.ligne, (*item.as_row(), fichier))
                continue
            out.lignes += 1
            parsed = parse_row(item, today)
            if isinstance(parsed, list):
                out.rejets += len(parsed)
                for reject in parsed:
                    parts.write("rejets", item.line, (*reject.as_row(), fichier))
                continue
            responses = index.take(parsed.key)
            decided: Set[tuple[str, str, str, str]] = (
                accepted.get(parsed.key, frozenset()) if accepted else frozenset()
            )
            batch.read.append((item.line, parsed, responses, decided, content_hash(parsed)))
            if len(batch.read) >= chunk_size:
                batch.flush()
        batch.flush()
        if progress is not None:
            progress(out.dossiers)
        # Responses of this shard's keys that no record took (absent or rejected records):
        # after every residents line in the merged rejets.
        for response in index.unmatched():
            if shard_of(response.structure, response.local_id, shards) == shard:
                out.orphelines += 1
                out.rejets += 1
                parts.write("rejets", ORPHAN_LINE, orphan_row(response))
        parts.finish()
    finally:
        parts.close()
    return out
