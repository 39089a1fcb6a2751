"""Reading the reference data shipped inside the package (``insvigil/reference/data/``).

The files sit next to this module in a wheel installed in site-packages and in a source
checkout alike (pyproject's hatch configuration ships the whole ``src/insvigil`` tree). They
are read through the module's own path rather than :mod:`importlib.resources`, whose import
(pathlib, tempfile, zipfile…) would add about 10 ms to every ``insvigil lieu`` call.
"""

from __future__ import annotations

import os

__all__ = ["DATA_DIR", "read_data", "sorted_line"]

DATA_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")


def read_data(name: str) -> bytes:
    """The bytes of the package data file ``name``."""
    with open(os.path.join(DATA_DIR, name), "rb") as handle:
        return handle.read()


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
