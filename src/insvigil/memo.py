"""A dict that computes a missing value on first lookup: the batch paths' memo.

Names, dates and codes repeat in real files. ``list(map(memo.__getitem__, column))`` then
finds every value already seen by the dict's own C lookup, with no Python step per record;
only a value seen for the first time calls ``compute`` (through :meth:`Memo.__missing__`).

>>> lengths = Memo(len, cap=2)
>>> list(map(lengths.__getitem__, ["ab", "ab", "c", "def"]))
[2, 2, 1, 3]
>>> sorted(lengths)  # past the cap, values are computed each time and not kept
['ab', 'c']
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

__all__ = ["Memo"]

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class Memo(dict[K, V], Generic[K, V]):
    """``compute(key)`` remembered per key, up to ``cap`` keys (None: no limit)."""

    __slots__ = ("cap", "compute")

    def __init__(self, compute: Callable[[K], V], cap: int | None = None) -> None:
        super().__init__()
        self.compute = compute
        self.cap = cap

    def __missing__(self, key: K) -> V:
        found = self.compute(key)
        if self.cap is None or len(self) < self.cap:
            self[key] = found
        return found
