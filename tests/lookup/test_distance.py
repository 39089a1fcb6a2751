"""The ranking's string measures, checked against a plain reference implementation."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from insvigil.lookup.distance import bigram_similarity, osa_distance, within_edits

WORDS = st.text(alphabet="ABCDE", max_size=9)


def reference_osa(a: str, b: str) -> int:
    """The textbook optimal string alignment distance (full table, no shortcut)."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


@given(WORDS, WORDS)
def test_osa_matches_the_reference_and_is_symmetric(a: str, b: str) -> None:
    assert osa_distance(a, b) == reference_osa(a, b) == osa_distance(b, a)


@given(WORDS, WORDS, st.integers(min_value=0, max_value=3))
def test_cutoff_and_within(a: str, b: str, k: int) -> None:
    true = reference_osa(a, b)
    assert osa_distance(a, b, k) == min(true, k + 1)
    assert within_edits(a, b, k) == (true <= k)


@given(WORDS, WORDS)
def test_bigram_similarity_is_a_symmetric_ratio(a: str, b: str) -> None:
    value = bigram_similarity(a, b)
    assert 0.0 <= value <= 1.0
    assert value == bigram_similarity(b, a)
    assert bigram_similarity(a, a) == 1.0


def test_front_desk_typing_errors() -> None:
    assert within_edits("LEFEVRE", "LEFVERE", 1)  # two letters swapped
    assert within_edits("DUPONT", "DUPONTT", 1)  # a letter doubled
    assert within_edits("BERTRAND", "BRETRAN", 2)
    assert not within_edits("DUPONT", "DURAND", 2)
