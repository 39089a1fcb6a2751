"""What one shard of a run sends back to the run (:mod:`insvigil.qualify.shard`)."""

from __future__ import annotations

from dataclasses import dataclass, field

from insvigil.insi import InsiProblem
from insvigil.matching import MatchRecord, Pair
from insvigil.qualify import insi_index
from insvigil.qualify.tally import Tally
from insvigil.review.types import QueueCandidate

__all__ = ["Accepted", "ShardResult"]

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
    #: True when the run may take the stored pairs as they are, as far as this shard can
    #: tell (every record kept, all processed by the run that searched them): its records
    #: were then not prepared for the search (:class:`insvigil.qualify.batch.MatchPlan`).
    pairs_reusable: bool = False


