"""Reading the reference data shipped inside the package (``insvigil/reference/data/``).

The files sit next to this module in a wheel installed in site-packages and in a source
checkout alike (pyproject's hatch configuration ships the whole ``src/insvigil`` tree). They
are read through the module's own path rather than :mod:`importlib.resources`, whose import
(pathlib, tempfile, zipfile…) would add about 10 ms to every ``insvigil lieu`` call.
"""

from __future__ import annotations

import os

__all__ = ["DATA_DIR", "read_data", "sections", "sorted_line"]

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def read_data(name: str) -> bytes:
    """The bytes of the package data file ``name``."""
    with open(os.path.join(DATA_DIR, name), "rb") as handle:
        return handle.read()


def sections(text: str, tags: str) -> dict[str, tuple[int, int]]:
    """Where the body of each section starts and ends in ``text`` (the end excludes the last
    line's newline): the sections, headed by a ``#<tag> <count>`` line, come in the order of
    ``tags``; one pass over the text.

    >>> sections("head\\n#A 1\\nx\\n#B 0\\n#C 2\\ny\\nz\\n", "ABC")
    {'A': (10, 11), 'B': (17, 17), 'C': (22, 25)}
    """
    found: dict[str, tuple[int, int]] = {}
    position, previous = 0, ""
    for tag in tags:
        head = text.index(f"\n#{tag} ", max(position - 1, 0))
        if previous:
            found[previous] = (position, max(head, position))
        position = text.index("\n", head + 1) + 1
        previous = tag
    end = len(text) - 1 if text.endswith("\n") else len(text)
    found[previous] = (position, max(end, position))
    return found


def sorted_line(text: str, start: int, end: int, key: str) -> str | None:
    """In the lines of ``text[start:end]``, sorted by their first field (up to a TAB), the rest
    of the line whose first field is ``key``; None when there is none.

    A binary search over the text itself: no line is split or copied beforehand, so a lookup
    costs a few microseconds and loading a file costs only its reading.

    >>> body = "A\\t1\\nB C\\t2\\nBC\\t3\\n"
    >>> sorted_line(body, 0, len(body), "B C"), sorted_line(body, 0, len(body), "B")
    ('2', None)
    """
    lo, hi = start, end  # both are line starts (or end): the lines left are in [lo, hi)
    while lo < hi:
        mid = (lo + hi) // 2
        line = text.rfind("\n", lo, mid) + 1 or lo
        stop = text.find("\n", line, end)
        stop = end if stop == -1 else stop
        tab = text.find("\t", line, stop)
        first = text[line : stop if tab == -1 else tab]
        if first == key:
            return "" if tab == -1 else text[tab + 1 : stop]
        if first < key:
            lo = stop + 1
        else:
            hi = line
    return None
