"""Duplicates and collisions between records (domain.md §9): pure, no store, no CLI.

:func:`prepare` turns a record into a compact :class:`MatchRecord`; :func:`find_pairs` blocks,
compares, scores and classifies them into :class:`Pair` rows of ``doublons.csv`` (DOUBLON or
COLLISION, score in [0, 1], ``raisons`` in French); :func:`insi_collision` flags a record whose
INSi response carries another person's traits.

* :mod:`~insvigil.matching.record`: the compact, normalised record;
* :mod:`~insvigil.matching.keys`: blocking keys (pure functions) and rules;
* :mod:`~insvigil.matching.blocking`: blocks, giant-block guard, each pair compared once;
* :mod:`~insvigil.matching.prefilter`: near pairs of a big block (rapidfuzz ``cdist``);
* :mod:`~insvigil.matching.comparisons` (with :mod:`~insvigil.matching.levels`,
  :mod:`~insvigil.matching.prenoms`, :mod:`~insvigil.matching.places`): ordered, labelled
  levels per trait;
* :mod:`~insvigil.matching.scoring`: Fellegi–Sunter weights, documented;
* :mod:`~insvigil.matching.pairs`: verdicts (hard negatives, doubt, collisions);
* :mod:`~insvigil.matching.collisions`: record-level collisions;
* :mod:`~insvigil.matching.run`: :func:`find_pairs`, on one or several processes.
"""

from __future__ import annotations

from insvigil.matching.collisions import insi_collision, insi_collisions, matricule_collision
from insvigil.matching.comparisons import COMPARISONS, Comparison, compare_all
from insvigil.matching.keys import RULES, BlockingRule
from insvigil.matching.pairs import Homonymie, Pair, classify
from insvigil.matching.record import MatchRecord, prepare
from insvigil.matching.run import Distinct, MatchReport, find_pairs
from insvigil.matching.scoring import WEIGHTS

__all__ = [
    "COMPARISONS",
    "RULES",
    "WEIGHTS",
    "BlockingRule",
    "Comparison",
    "Distinct",
    "Homonymie",
    "MatchRecord",
    "MatchReport",
    "Pair",
    "classify",
    "compare_all",
    "find_pairs",
    "insi_collision",
    "insi_collisions",
    "matricule_collision",
    "prepare",
]
