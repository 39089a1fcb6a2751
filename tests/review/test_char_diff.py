"""char_diff: each side rebuilds its value; equal values have no marked part."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from insvigil.review.char_diff import char_diff, side

TEXT = st.text(alphabet="ABCDE -'0123", max_size=30)


@given(TEXT, TEXT)
def test_each_side_rebuilds_its_value(first: str, second: str) -> None:
    segments = char_diff(first, second)
    assert "".join(s.text for s in side(segments, "first")) == first
    assert "".join(s.text for s in side(segments, "second")) == second
    assert all(s.text for s in segments)


@given(TEXT)
def test_equal_values_are_all_same(value: str) -> None:
    assert all(s.kind == "same" for s in char_diff(value, value))


def test_long_values_compared_whole() -> None:
    segments = char_diff("A" * 500, "B" * 500)
    assert [s.kind for s in segments] == ["gone", "new"]
