"""One shard of a qualification run: the records whose key hashes to it, start to finish.

A shard reads the residents file, keeps its own records (key hash) and its own structural
rejects (line number), evaluates them (:mod:`insvigil.qualify.batch`), saves them chunk by
chunk in the store (one transaction a chunk) and writes part files whose rows start with the
residents line, so that the parts of every shard merge back into the file's order
(:mod:`insvigil.qualify.merge`).
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Mapping, Set
from datetime import date
from pathlib import Path

from insvigil.engine.evaluate import Engine
from insvigil.io.residents_csv import ResidentsFile
from insvigil.io.schema import RawRow
from insvigil.qualify import insi_index
from insvigil.qualify.batch import Batch, MatchPlan
from insvigil.qualify.keys import content_hash
from insvigil.qualify.outputs import orphan_row
from insvigil.qualify.parse import parse_row
from insvigil.qualify.parts import ORPHAN_LINE, PARTS, Parts
from insvigil.qualify.reuse import Reuse
from insvigil.qualify.shard_result import Accepted, ShardResult
from insvigil.store import Store

__all__ = ["PARTS", "Accepted", "ShardResult", "run_shard", "shard_of"]


def shard_of(structure: str, local_id: str, shards: int) -> int:
    """Stable across processes and runs (``hash()`` of a str is salted per process)."""
    if shards == 1:
        return 0
    return zlib.crc32(f"{structure}\x1f{local_id}".encode()) % shards


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
    plan: MatchPlan | None = None,
    holders: Mapping[str, tuple[tuple[str, str], ...]] | None = None,
) -> ShardResult:
    """Process the shard; ``parent`` (a pid) makes a worker stop if its parent died.

    ``doublons`` False (``--sans-doublons``): the records for duplicate and collision detection
    across records are not prepared, since nothing would read them. ``reuse``: how stored
    results are kept (contract §7); ``None``: every record evaluated, nothing read back.
    ``plan``: whether the records are prepared for the duplicate search at once; ``holders``:
    who carried each matricule before the run (HI02)."""
    out = ShardResult(shard)
    parts = Parts(parts_dir, shard)
    fichier = residents.path.name
    batch = Batch(
        out, parts, engine, store, run_id, reuse, doublons, parent, progress, plan or MatchPlan()
    )
    batch.holders = holders or {}

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
        batch.finish()
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
