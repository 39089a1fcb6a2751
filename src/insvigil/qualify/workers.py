"""Running a qualification's shards: in-process for a small input, or in two forked workers.

The parent checks the inputs and loads the rules once (:class:`Job`); forked workers share
them copy-on-write. Each reads the INSi responses of its shard, processes its records
(:func:`insvigil.qualify.shard.run_shard`) and sends back its
:class:`~insvigil.qualify.shard.ShardResult`. A worker stops writing when its parent died; the
parent fails the run when a worker died.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from queue import Empty
from typing import Any

from insvigil.engine.evaluate import Engine
from insvigil.errors import InsvigilError
from insvigil.insi import Share
from insvigil.io.residents_csv import ResidentsFile
from insvigil.qualify import insi_index
from insvigil.qualify.batch import MatchPlan
from insvigil.qualify.options import QualifyOptions
from insvigil.qualify.reuse import Reuse
from insvigil.qualify.shard import Accepted, ShardResult, run_shard, shard_of
from insvigil.store import Store, open_store

__all__ = ["READING", "WORKING", "Job", "Progress", "Steps", "run_inline", "run_parallel"]

#: ``progress(done)``: records evaluated so far, all shards together.
Progress = Callable[[int], None]
#: ``steps(name, total)``: a step of the run starts; ``total`` is the number of residents rows
#: it goes through, 0 when it has no count (the French names are shown to the user as they are).
Steps = Callable[[str, int], None]

READING = "lecture des réponses INSi"
WORKING = "évaluation et enregistrement"


@dataclass
class Job:
    """Everything a shard needs, loaded once by the parent (shared copy-on-write by forked
    workers)."""

    residents: ResidentsFile
    engine: Engine
    options: QualifyOptions
    run_id: int
    today: date
    parts: Path
    accepted: Accepted
    reuse: Reuse | None = None  # how stored results are kept (contract §7)
    #: The run whose stored pairs this run may take as they are, and how many records it
    #: processed (see :class:`insvigil.qualify.batch.MatchPlan`); ``None``: the search runs.
    pairs_run: int | None = None
    pairs_records: int = 0
    #: Who carried each matricule before the run (HI02), read once by the parent (shared
    #: copy-on-write by forked workers).
    holders: Mapping[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def searches(self, reusable: bool, records: int) -> bool:
        """Whether the pairs are searched, for every shard together: ``reusable`` when every
        shard can take the stored pairs, ``records`` the records they processed."""
        return not (reusable and records == self.pairs_records)


def _run(
    job: Job,
    store: Store,
    shard: int,
    shards: int,
    progress: Progress | None,
    parent: int | None = None,
    loaded: Callable[[], None] | None = None,
    decide: Callable[[bool, int], bool] | None = None,
) -> ShardResult:
    # Each shard reads the INSi responses of its own records: in parallel, and nothing to
    # share copy-on-write (a worker touching the parent's objects would copy their pages).
    share = None
    if shards > 1:
        share = Share(
            keep_key=lambda structure, local_id: shard_of(structure, local_id, shards) == shard,
            keep_item=lambda number: number % shards == shard,
        )
    index = insi_index.load(job.options.insi, share)
    if loaded is not None:
        loaded()
    result = run_shard(
        shard=shard,
        shards=shards,
        residents=job.residents,
        index=index,
        engine=job.engine,
        store=store,
        run_id=job.run_id,
        today=job.today,
        parts_dir=job.parts,
        chunk_size=job.options.chunk_size,
        progress=progress,
        parent=parent,
        accepted=job.accepted,
        doublons=job.options.doublons,
        reuse=job.reuse,
        plan=MatchPlan(job.pairs_run, decide or job.searches),
        holders=job.holders,
    )
    result.insi_problems = list(zip(index.ranks, index.problems, strict=True))
    result.insi_read = index.read
    return result


def run_inline(job: Job, progress: Progress | None, steps: Steps) -> ShardResult:
    """The whole input as one shard, in this process."""
    steps(READING, 0)
    with open_store(job.options.db_url) as store:
        return _run(
            job, store, 0, 1, progress, loaded=lambda: steps(WORKING, job.residents.record_count)
        )


def _worker(
    job: Job, shard: int, shards: int, parent: int, done: Any, queue: Any, answer: Any
) -> None:
    # Ctrl-C at a terminal reaches the whole process group: the parent handles it and stops
    # the workers (terminate: an uncommitted chunk is rolled back, as after a kill). A worker
    # interrupted itself could be so in multiprocessing's own exit code, which then prints a
    # traceback after the run's one-line message.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # terminate() stops a worker at once
    try:
        with open_store(job.options.db_url) as store:

            def tick(count: int) -> None:
                done[shard] = count

            def loaded() -> None:
                done[shard] = 0  # was -1: this shard's INSi responses are read

            def decide(reusable: bool, records: int) -> bool:
                # Every shard says what it can tell; the parent answers for all of them.
                searched, answered = answer
                queue.put(("phase", shard, (reusable, records)))
                while not answered.wait(0.5):
                    if os.getppid() != parent:
                        raise SystemExit(3)  # the run was killed
                return bool(searched.value)

            result = _run(job, store, shard, shards, tick, parent, loaded, decide)
        queue.put(("ok", shard, result))
    except KeyboardInterrupt:
        queue.put(("interrupted", shard, None))
    except InsvigilError as error:
        queue.put(("error", shard, (type(error).__name__, error.message)))
    except BaseException as error:  # reported to the parent, which fails the run
        queue.put(("crash", shard, type(error).__name__))


def run_parallel(
    job: Job, shards: int, progress: Progress | None, steps: Steps
) -> list[ShardResult]:
    context = multiprocessing.get_context("fork")
    done = context.Array("q", [-1] * shards)  # -1: the shard still reads its INSi responses
    reading = True
    steps(READING, 0)
    queue = context.Queue()
    parent = os.getpid()
    answer = (context.Value("b", 1), context.Event())  # (pairs searched?, answered)
    phases: list[tuple[bool, int]] = []
    workers = [
        context.Process(
            target=_worker, args=(job, k, shards, parent, done, queue, answer), daemon=True
        )
        for k in range(shards)
    ]
    for worker in workers:
        worker.start()
    results: list[ShardResult] = []
    try:
        while len(results) < shards:
            try:
                status, _, payload = queue.get(timeout=0.5)
            except Empty:  # report progress, check the workers are still alive
                counts = done[:]
                if reading and min(counts) >= 0:
                    reading = False
                    steps(WORKING, job.residents.record_count)
                if progress is not None and not reading:
                    progress(sum(counts))
                dead = [w for w in workers if w.exitcode not in (None, 0)]
                if dead:
                    raise InsvigilError("un processus de traitement s'est arrêté") from None
                continue
            if status == "phase":  # see Job.searches
                phases.append(payload)
                if len(phases) == shards:
                    answer[0].value = job.searches(
                        all(reusable for reusable, _ in phases), sum(n for _, n in phases)
                    )
                    answer[1].set()
            elif status == "ok":
                results.append(payload)
            elif status == "error":
                raise InsvigilError(payload[1])
            elif status == "interrupted":
                raise KeyboardInterrupt
            else:
                raise InsvigilError(f"erreur interne dans un processus de traitement ({payload})")
        if reading:  # every shard ended before the first poll
            steps(WORKING, job.residents.record_count)
        if progress is not None:
            progress(sum(max(count, 0) for count in done[:]))
    finally:
        for worker in workers:
            if worker.is_alive():
                worker.terminate()
            worker.join(timeout=10)
    return sorted(results, key=lambda r: r.shard)
