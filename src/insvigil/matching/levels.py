"""What every comparison is made of: ordered levels with labels, and two string tests.

>>> typo("DUPONT", "DUPOTN"), typo("DUPONT", "DUPOND"), typo("DUPONT", "DURAND")
(True, True, False)
>>> starts("JEAN PIERRE MARIE", "JEAN PIERRE"), starts("JEANNE", "JEAN")
(True, False)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from insvigil.matching.record import MatchRecord

__all__ = ["SIMILAR", "Comparison", "starts", "typo"]

SIMILAR = 0.90  # Jaro-Winkler similarity of a "close" name or first name


@dataclass(frozen=True, slots=True)
class Comparison:
    """One trait's ordered levels and the function that picks one for a pair."""

    trait: str
    codes: tuple[str, ...]  # stable codes of the levels, in order
    labels: tuple[str, ...]  # French labels, same order
    compare: Callable[[MatchRecord, MatchRecord], int]

    def level(self, code: str) -> int:
        return self.codes.index(code)

    def label(self, a: MatchRecord, b: MatchRecord) -> str:
        return self.labels[self.compare(a, b)]


def starts(text: str, head: str) -> bool:
    """``head`` is the first word(s) of ``text`` (words are separated by single spaces)."""
    return bool(head) and (text == head or text.startswith(head + " "))


def typo(a: str, b: str) -> bool:
    """One slip apart: a letter replaced, dropped, doubled, or two neighbours swapped."""
    return OSA.distance(a, b, score_cutoff=1) <= 1


