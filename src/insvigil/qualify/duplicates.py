"""The run's duplicate and collision pairs: searched across every record, or the stored pairs
of the last search taken as they are when nothing they depend on changed (contract §7).

The stored pairs are reused when every record of this run kept its stored result (same row,
INSi responses, decisions, policy, rules), exactly the records of the run that searched were
processed (none came, none left, and no other run processed them since), and the policy, the
matching code and the referents' "distinct" decisions are those of that search
(:func:`insvigil.qualify.fingerprint.pairs_fingerprint`). Otherwise the search runs over every
record, as on a first run, and its pairs are stored for the next run.

Whether the stored pairs may serve is known in part before the records are read
(:func:`plan_pairs`) and in part only once every shard has processed its records: the shards
then do not prepare the kept records for the search until every shard has said whether it
could (:class:`insvigil.qualify.batch.MatchPlan`, ``workers.Job.searches``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from insvigil.errors import InsvigilError
from insvigil.matching import Pair, find_pairs
from insvigil.model.codes import TypePaire
from insvigil.policy import Policy
from insvigil.qualify.fingerprint import pairs_fingerprint
from insvigil.qualify.options import QualifyOptions
from insvigil.qualify.shard_result import ShardResult
from insvigil.review.counts import collision_split
from insvigil.store import Store, open_store
from insvigil.store.records.pair_sets import (
    PairSet,
    load_pairs,
    load_pairs_meta,
    renew_pairs,
    save_pairs,
)
from insvigil.store.review.queue import distinct_pairs

if TYPE_CHECKING:
    from insvigil.qualify.run import RunSummary

__all__ = ["PairsPlan", "duplicates", "plan_pairs"]


@dataclass(frozen=True)
class PairsPlan:
    """Decided before the shards: what the search depends on (``fingerprint``), and the run
    whose stored pairs this run may take as they are (``run``, with the number of records it
    processed), or ``None`` when the search runs whatever the records say."""

    fingerprint: str
    run: int | None = None
    records: int = 0


def plan_pairs(store: Store, policy: Policy, options: QualifyOptions) -> PairsPlan:
    """The run's :class:`PairsPlan` (``--complet`` searches again, as a first run does)."""
    fingerprint = pairs_fingerprint(policy.sha256, distinct_pairs(store))
    stored = load_pairs_meta(store.engine)
    if (
        stored is None
        or stored.fingerprint != fingerprint
        or options.complet
        or not options.doublons
    ):
        return PairsPlan(fingerprint)
    return PairsPlan(fingerprint, stored.run_id, stored.dossiers)


def duplicates(
    db_url: str | None,
    policy: Policy,
    results: Sequence[ShardResult],
    summary: RunSummary,
    plan: PairsPlan,
) -> list[Pair]:
    """Duplicates and collisions across every record of the run (all shards together): the
    stored pairs when every shard said they hold (then its records were not prepared), or a
    search over every record."""
    reuse = plan.run is not None and bool(results) and all(p.pairs_reusable for p in results)
    with open_store(db_url) as store:
        distinct = distinct_pairs(store)  # pairs a referent declared distinct
        stored = load_pairs(store.engine) if reuse else None
    if reuse:
        if stored is None or stored.run_id != plan.run:  # another run saved pairs meanwhile
            raise InsvigilError(
                "les paires de doublons enregistrées ont changé pendant le traitement : "
                "relancer le traitement"
            )
        pairs, warnings = list(stored.pairs), list(stored.warnings)
        summary.paires_reprises = True
        with open_store(db_url) as store:
            renew_pairs(store.engine, summary.run_id)
    else:
        # Sorted by key: the pairs must not depend on how records were split between shards.
        records = sorted(
            (record for part in results for record in part.match_records),
            key=lambda r: (r.structure, r.local_id),
        )
        report = find_pairs(records, policy.doublons, distinct=distinct, workers=2)
        warnings = list(report.giant_blocks)
        pairs = list(report.pairs)
        pairs.extend(p for part in results for p in part.insi_collisions)
        pairs.sort(key=lambda p: (p.structure_a, p.local_id_a, p.structure_b, p.local_id_b))
        # The fingerprint of this search's inputs: a decision taken since the plan counts.
        fingerprint = pairs_fingerprint(policy.sha256, distinct)
        found = PairSet(summary.run_id, summary.dossiers, fingerprint, pairs, warnings)
        with open_store(db_url) as store:
            save_pairs(store.engine, found)
    summary.warnings.extend(warnings)
    two, one = collision_split((p.type.value, p.structure_b) for p in pairs)
    summary.collisions += two + one
    summary.collisions_paires += two
    summary.doublons = sum(
        p.type is TypePaire.DOUBLON and p.score >= policy.doublons.seuil_probable for p in pairs
    )
    return pairs
