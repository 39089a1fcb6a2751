"""The run's duplicate and collision pairs: searched across every record, or the stored pairs
of the last search taken as they are when nothing they depend on changed (contract §7).

The stored pairs are reused when every record of this run kept its stored result (same row,
INSi responses, decisions, policy, rules), exactly the records of the run that searched were
processed (none came, none left, and no other run processed them since), and the policy, the
matching code and the referents' "distinct" decisions are those of that search
(:func:`insvigil.qualify.fingerprint.pairs_fingerprint`). Otherwise the search runs over every
record, as on a first run, and its pairs are stored for the next run.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from insvigil.matching import Pair, find_pairs
from insvigil.model.codes import TypePaire
from insvigil.policy import Policy
from insvigil.qualify.fingerprint import pairs_fingerprint
from insvigil.qualify.shard import ShardResult
from insvigil.review.counts import collision_split
from insvigil.store import open_store
from insvigil.store.pair_sets import PairSet, load_pairs, renew_pairs, save_pairs
from insvigil.store.queue import distinct_pairs

if TYPE_CHECKING:
    from insvigil.qualify.run import RunSummary

__all__ = ["duplicates"]


def _reusable(
    stored: PairSet | None,
    fingerprint: str,
    summary: RunSummary,
    kept: Mapping[tuple[str, str], int],
) -> bool:
    return (
        stored is not None
        and stored.fingerprint == fingerprint
        and summary.reevalues == 0
        and len(kept) == stored.dossiers == summary.dossiers
        and all(last == stored.run_id for last in kept.values())
    )


def duplicates(
    db_url: str | None,
    policy: Policy,
    results: Sequence[ShardResult],
    summary: RunSummary,
    kept: Mapping[tuple[str, str], int],
) -> list[Pair]:
    """Duplicates and collisions across every record of the run (all shards together)."""
    with open_store(db_url) as store:
        distinct = distinct_pairs(store)  # pairs a referent declared distinct
        stored = load_pairs(store.engine)
    fingerprint = pairs_fingerprint(policy.sha256, distinct)
    if stored is not None and _reusable(stored, fingerprint, summary, kept):
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
