"""Character-level differences between two values, for showing a referent what differs.

:func:`char_diff` splits two texts into aligned segments: ``same`` (in both), ``gone`` (only in
the first), ``new`` (only in the second). The workspace renders them side by side, the first
value with its ``gone`` parts marked, the second with its ``new`` parts marked.

>>> [(s.kind, s.text) for s in char_diff("DUPONT", "DUPOND")]
[('same', 'DUPON'), ('gone', 'T'), ('new', 'D')]
>>> [(s.kind, s.text) for s in char_diff("1945-01-24", "1945-01-25")]
[('same', '1945-01-2'), ('gone', '4'), ('new', '5')]
>>> char_diff("A", "A")[0].kind, char_diff("", "")
('same', [])
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

__all__ = ["Segment", "char_diff", "side"]

Kind = Literal["same", "gone", "new"]
MAX_LENGTH = 400  # longer values are compared whole (a trait is at most 100 characters)


@dataclass(frozen=True, slots=True)
class Segment:
    kind: Kind
    text: str


def char_diff(first: str, second: str) -> list[Segment]:
    """The segments turning ``first`` into ``second`` (no junk heuristics: every character
    counts, as in an identity trait)."""
    if first == second:
        return [Segment("same", first)] if first else []
    if len(first) > MAX_LENGTH or len(second) > MAX_LENGTH:
        return [s for s in (Segment("gone", first), Segment("new", second)) if s.text]
    out: list[Segment] = []
    matcher = SequenceMatcher(None, first, second, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            out.append(Segment("same", first[i1:i2]))
            continue
        if i2 > i1:
            out.append(Segment("gone", first[i1:i2]))
        if j2 > j1:
            out.append(Segment("new", second[j1:j2]))
    return out


def side(segments: list[Segment], which: Literal["first", "second"]) -> list[Segment]:
    """The segments of one side: the first value (``same`` and ``gone``) or the second
    (``same`` and ``new``).

    >>> "".join(s.text for s in side(char_diff("LE GALL", "LEGALL"), "first"))
    'LE GALL'
    """
    keep = "gone" if which == "first" else "new"
    return [s for s in segments if s.kind in ("same", keep)]
