"""Two small string measures for the ranking, in pure Python (names are short).

:func:`within_edits` says whether two strings are at most ``k`` typing errors apart, an error
being an insertion, a deletion, a substitution or two adjacent letters swapped (the optimal
string alignment distance, with early exit); :func:`bigram_similarity` is the Dice coefficient
of the letter pairs, in [0, 1], for ordering names that are simply different.

Pure Python on purpose: the front-desk command starts in a fresh process, and these run on a
few hundred short names at most (a bounded check costs microseconds).

>>> within_edits("MARTIN", "MATRIN", 1), within_edits("FAURE", "FAUVRE", 1)
(True, True)
>>> within_edits("DUPONT", "DURAND", 2), within_edits("LEFEVRE", "LEFEVRE", 0)
(False, True)
>>> bigram_similarity("DUPONT", "DUPOND"), bigram_similarity("AB", "CD"), bigram_similarity("", "")
(0.8, 0.0, 1.0)
"""

from __future__ import annotations

__all__ = ["bigram_similarity", "osa_distance", "within_edits"]


def _trim(a: str, b: str) -> tuple[str, str]:
    """``a`` and ``b`` without their common prefix and suffix."""
    start = 0
    end = min(len(a), len(b))
    while start < end and a[start] == b[start]:
        start += 1
    a, b = a[start:], b[start:]
    tail = 0
    end = min(len(a), len(b))
    while tail < end and a[-1 - tail] == b[-1 - tail]:
        tail += 1
    return (a[: len(a) - tail], b[: len(b) - tail]) if tail else (a, b)


def osa_distance(a: str, b: str, cutoff: int | None = None) -> int:
    """Optimal string alignment distance; with ``cutoff``, any value above it is reported as
    ``cutoff + 1`` (and computed no further).

    >>> osa_distance("CA", "ABC"), osa_distance("LEFEVRE", "LEFVERE"), osa_distance("A", "", 0)
    (3, 1, 1)
    """
    a, b = _trim(a, b)
    limit = cutoff if cutoff is not None else len(a) + len(b)
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    if not a or not b:
        return max(len(a), len(b))
    before: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, before[j - 2] + 1)
            current[j] = value
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return min(previous[-1], limit + 1)


def within_edits(a: str, b: str, k: int) -> bool:
    """Whether ``a`` and ``b`` are at most ``k`` typing errors apart."""
    return osa_distance(a, b, k) <= k


def bigram_similarity(a: str, b: str) -> float:
    """Dice coefficient of the two strings' sets of adjacent letter pairs (1.0 when equal).

    A one-letter string counts as its single letter.
    """
    if a == b:
        return 1.0
    pa = {a[i : i + 2] for i in range(len(a) - 1)} or {a}
    pb = {b[i : i + 2] for i in range(len(b) - 1)} or {b}
    return 2 * len(pa & pb) / (len(pa) + len(pb))
