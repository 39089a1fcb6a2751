"""The batch qualification run: read, evaluate, store chunk by chunk, write the outputs.

Records are split in shards by a hash of their key; a large input is processed by two forked
workers (the rules and the reference data are shared copy-on-write; each worker reads the INSi
responses of its own records), a small one in-process. Each shard saves its chunks in one
transaction each, so a run killed at any point leaves the store consistent; the output files
are merged back into the residents file's order and published together at the very end (atomic
renames), so a killed run leaves the previous outputs untouched.
Running again on the same inputs redoes the work without doubling anything.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path

from insvigil.engine.evaluate import Engine
from insvigil.errors import InsvigilError
from insvigil.insi import InsiProblem
from insvigil.io.residents_csv import open_residents
from insvigil.policy import load_policy
from insvigil.qualify import insi_index, out_folder
from insvigil.qualify import workers as workers_module
from insvigil.qualify.duplicates import duplicates, plan_pairs
from insvigil.qualify.fingerprint import run_fingerprint
from insvigil.qualify.merge import merge_parts
from insvigil.qualify.options import QualifyOptions
from insvigil.qualify.outputs import Outputs, pair_row, problem_row
from insvigil.qualify.reuse import Reuse
from insvigil.qualify.shard import PARTS, ShardResult
from insvigil.qualify.tally import Tally
from insvigil.qualify.workers import Progress, Steps
from insvigil.reference.cog import load as load_cog
from insvigil.review.candidates import from_pairs
from insvigil.review.counts import QueueCounts
from insvigil.review.types import Kind, QueueCandidate
from insvigil.store import open_store
from insvigil.store.lookup.bulk import defer_lookup_indexes, restore_lookup_indexes
from insvigil.store.records.stored_state import left_records, matricule_holders
from insvigil.store.review.indicators import save_indicators
from insvigil.store.review.open_counts import open_counts
from insvigil.store.review.queue import accepted_discordances, prepare_queue, sync_queue

#: Inputs from this many lines are processed by two workers (both cores).
PARALLEL_FROM = 20_000
#: Queue kinds a run without duplicate detection looks for (pair items are left as they are).
_RECORD_KINDS = (Kind.DISCORDANCE, Kind.CONTRADICTION, Kind.ATTRIBUTS)


@dataclass
class RunSummary:
    run_id: int
    out: Path
    lignes: int = 0
    dossiers: int = 0
    #: Of ``dossiers``: evaluated by this run, and those that kept their stored result (§7).
    reevalues: int = 0
    repris: int = 0
    rejets: int = 0
    collisions: int = 0  # COLLISION rows of doublons.csv (insvigil.review.counts)
    collisions_paires: int = 0  # of which between two records
    collisions_is12: int = 0  # of which of one record with two unrelated INSi matricules
    doublons: int = 0  # probable duplicate pairs (score >= seuil_probable)
    insi_orphelines: int = 0
    insi: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    tally: Tally = field(default_factory=Tally)
    #: The open items of the review queue once the run synced it (all structures, each once).
    file: QueueCounts = field(default_factory=QueueCounts)
    #: Records the previous run processed and this one did not (they left the export): their
    #: stored results stay, they are no longer counted (``taux.csv``); and that run's id.
    sortis: int = 0
    sortis_depuis: int | None = None
    #: True when the pairs are those of the last search, taken as they are (contract §7).
    paires_reprises: bool = False
    #: Seconds spent in each step, in order, named in French (shown at the end of a run).
    durees: dict[str, float] = field(default_factory=dict)

    def lap(self, step: str, since: float) -> float:
        """Record the time spent in ``step`` since ``since`` (perf_counter); return now."""
        now = time.perf_counter()
        self.durees[step] = self.durees.get(step, 0.0) + now - since
        return now

    def absorb(self, part: ShardResult) -> None:
        self.lignes += part.lignes
        self.dossiers += part.dossiers
        self.reevalues += part.reevalues
        self.repris += part.repris
        self.rejets += part.rejets
        self.collisions += part.collisions
        self.collisions_is12 += part.collisions  # a shard writes the IS12 rows
        self.insi_orphelines += part.orphelines
        self.tally.merge(part.tally)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


#: The cyclic collector's thresholds during a run. A chunk being evaluated holds about a
#: million new containers (records, findings, results) until it is saved and freed: a young
#: generation above that is collected about once a chunk, not five times (each collection
#: walks every young container: 6 % of a shard's time at 200,000). Cycles are rare here
#: (exceptions kept with their traceback), so little waits for the collector meanwhile.
GC_THRESHOLDS = (1_000_000, 50, 1000)


def qualify(
    options: QualifyOptions, progress: Progress | None = None, steps: Steps | None = None
) -> RunSummary:
    """Run the whole qualification; raises InputFileError, ConfigurationError or StoreError.

    ``progress(done)`` is called now and then while records are evaluated; ``steps(name,
    total)`` when each step starts (French name, as :attr:`RunSummary.durees` has them)."""
    # The run keeps millions of long-lived objects (INSi index, caches): the cyclic collector
    # would rescan them again and again; freeze what is loaded and collect less often.
    thresholds = gc.get_threshold()
    gc.set_threshold(*GC_THRESHOLDS)
    try:
        return _qualify(options, progress, steps or _no_steps)
    finally:
        gc.set_threshold(*thresholds)
        gc.unfreeze()


def _no_steps(_name: str, _total: int) -> None:
    return None


def _qualify(options: QualifyOptions, progress: Progress | None, steps: Steps) -> RunSummary:
    started = time.perf_counter()
    steps("préparation", 0)
    # Before any work and before the store records a run: an output folder that cannot be
    # written must not cost a whole run, nor leave a run EN_COURS behind.
    created = out_folder.check_out_folder(options.out)
    try:
        policy = load_policy(options.rules)
        today = options.today or date.today()
        residents = open_residents(options.residents)
        insi_index.check(options.insi)  # each shard reads its own responses (workers.py)
    except BaseException:
        out_folder.remove_created(created)
        raise
    out_folder.remove_stale(options.out)
    engine = Engine(policy, load_cog(), today)
    workers = options.workers or (2 if residents.record_count >= PARALLEL_FROM else 1)
    with open_store(options.db_url) as store:
        run_id = store.begin_run(
            input_name=options.residents.name,
            input_sha256=_sha256(options.residents),
            rules_sha256=policy.sha256,
            started_at=datetime.now(UTC),
        )
        accepted = accepted_discordances(store)  # referents' decisions, honoured by this run
        pairs_plan = plan_pairs(store, policy, options)
        holders = matricule_holders(store.engine)  # before any record is saved again (HI02)
        # A first load builds the lookup indexes at its end; any other run first heals them.
        deferred = defer_lookup_indexes(store)
        if not deferred:
            restore_lookup_indexes(store)
    summary = RunSummary(run_id=run_id, out=options.out, warnings=list(residents.warnings))
    lap = summary.lap("préparation", started)
    outputs = Outputs(options.out)
    scratch = out_folder.PartsFolder(options.out)
    parts = scratch.path
    reuse = Reuse(run_fingerprint(policy.sha256), today, complet=options.complet)
    job = workers_module.Job(
        residents,
        engine,
        options,
        run_id,
        today,
        parts,
        accepted,
        reuse,
        pairs_plan.run,
        pairs_plan.records,
        holders,
    )
    background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="insvigil-index")
    index_build: Future[None] | None = None
    gc.collect()
    gc.freeze()
    try:
        results = (
            workers_module.run_parallel(job, workers, progress, steps)
            if workers > 1
            else [workers_module.run_inline(job, progress, steps)]
        )
        candidates: list[QueueCandidate] = []
        seen: list[tuple[str, str]] = []
        kept: dict[tuple[str, str], int] = {}
        for part in results:
            summary.absorb(part)
            candidates.extend(part.candidates)
            seen.extend(part.seen)
            kept.update(part.kept)
        lap = summary.lap(workers_module.WORKING, lap)
        if options.doublons:
            steps("doublons", 0)
        pairs = (
            duplicates(options.db_url, policy, results, summary, pairs_plan)
            if options.doublons
            else []
        )
        lap = summary.lap("doublons", lap) if options.doublons else lap
        # SQLite and PostgreSQL sort in C while the outputs are merged (started after the
        # duplicate search, which forks: no fork while another thread runs).
        if deferred:
            index_build = background.submit(_restore, options.db_url)
        steps("fichiers de sortie", 0)
        for name in PARTS:
            merge_parts(parts, name, workers, outputs[name])
        for pair in pairs:
            outputs["doublons"].writerow(pair_row(pair))
        problems = _insi_problems(results)
        for problem in problems:
            outputs["rejets"].writerow(problem_row(problem))
            summary.rejets += 1
        inactifs = {key for part in results for key in part.inactifs}
        candidates.extend(
            from_pairs(
                pairs,
                seuil_probable=policy.doublons.seuil_probable,
                actif=lambda s, loc: (s, loc) not in inactifs,
            )
        )
        seen_records = set(seen)
        queue = prepare_queue(candidates)
        lap = summary.lap("fichiers de sortie", lap)
        if index_build is not None:
            steps("index de recherche", 0)
            index_build.result()  # the queue's writes would wait for the index anyway
            lap = summary.lap("index de recherche", lap)
        kinds = tuple(Kind) if options.doublons else _RECORD_KINDS
        steps("file de revue", 0)
        with open_store(options.db_url) as store:
            sync_queue(store, run_id, queue, seen_records, kinds=kinds, carried=kept)
            counts = open_counts(store)
            summary.sortis, summary.sortis_depuis = left_records(store.engine, run_id)
        summary.file = counts.all
        for structure, tally in summary.tally.structures.items():
            tally.set_open(counts.of(structure))
        lap = summary.lap("file de revue", lap)
        summary.insi = dict(insi_index.counts(problems, sum(part.insi_read for part in results)))
        for structure_tally in summary.tally.sorted():
            outputs["taux"].writerow(structure_tally.row())
        outputs.commit()
        lap = summary.lap("fichiers de sortie", lap)
    except BaseException as error:
        outputs.abort()
        if deferred:
            _settle(index_build)
            # After Ctrl-C the driver's own clean-up may have been cut short and left this
            # process a connection holding SQLite's write lock: a restore would wait the busy
            # timeout (30 s) for nothing. The next run builds the indexes, as after a kill.
            if not isinstance(error, KeyboardInterrupt):
                _restore_quietly(options.db_url)
        raise
    finally:
        background.shutdown(wait=True)
        scratch.remove()
    steps("indicateurs", 0)
    with open_store(options.db_url) as store:
        save_indicators(store, run_id, summary.tally.sorted())
        store.finish_run(
            run_id,
            counts={
                "dossiers": summary.dossiers,
                "rejets": summary.rejets,
                "lignes": summary.lignes,
            },
            finished_at=datetime.now(UTC),
        )
    summary.lap("indicateurs", lap)
    return summary


def _insi_problems(results: Sequence[ShardResult]) -> list[InsiProblem]:
    """Every shard's INSi problems, in reading order (paths, files, lines)."""
    ranked = [item for part in results for item in part.insi_problems]
    ranked.sort(key=lambda item: item[0])
    return [problem for _, problem in ranked]


def _restore(db_url: str | None) -> None:
    with open_store(db_url) as store:
        restore_lookup_indexes(store)


def _settle(build: Future[None] | None) -> None:
    """Wait for a background index build, whatever its outcome (the run's error wins)."""
    if build is not None:
        with contextlib.suppress(Exception):  # best effort: _restore_quietly tries again
            build.result()


def _restore_quietly(db_url: str | None) -> None:
    """A failed or interrupted first load still leaves the lookup indexes (best effort: the
    next run builds them anyway, and the run's own error is the one to report)."""
    with contextlib.suppress(InsvigilError):
        _restore(db_url)
