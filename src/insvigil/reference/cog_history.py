"""Walking COG history: which code designated a place at another date.

A code's versions are grouped into **runs** of consecutive periods (a rename does not break a
run; a suppression or merger does). History links join runs: a link dated ``d`` from ``a`` to
``b`` flagged ``E`` means a run of ``a`` ends on ``d`` and ``b`` carries the place on; flagged
``S``, a run of ``b`` starts on ``d`` and came from ``a``. Walks follow links from the run that
touches the link date, so a code reused for an unrelated place (``98501``: Établissements
français de l'Inde until 1954, Acoua in Mayotte from 1977) never leaks into the other's history.

>>> from insvigil.reference.cog_data import SAMPLE, CogData
>>> data = CogData.parse(SAMPLE)
>>> walk_back(data, "2A004", date(1950, 1, 1), date(1950, 12, 31))
{'20004'}
>>> walk_forward(data, "20004", date(1990, 1, 1), date(1990, 1, 1))
{'2A004'}
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from insvigil.reference.cog_data import CogData
from insvigil.reference.cog_types import COG_START, Period

__all__ = ["Run", "descends", "runs", "walk_back", "walk_forward"]

_MAX_STEPS = 64  # bound on walks (the data has chains of a few steps)


@dataclass(frozen=True, slots=True)
class Run:
    """Consecutive versions of one code: valid on ``[debut, fin)``."""

    debut: date
    fin: date | None

    def intersects(self, start: date, end: date) -> bool:
        debut = date.min if self.debut == COG_START else self.debut
        return debut <= end and (self.fin is None or start < self.fin)

    def touches(self, day: date) -> bool:
        """Whether the run starts, ends or is valid on ``day`` (a link's date)."""
        return self.debut <= day and (self.fin is None or day <= self.fin)


def runs(periods: tuple[Period, ...]) -> list[Run]:
    """The code's periods merged into runs of consecutive versions."""
    merged: list[Run] = []
    for p in periods:
        if merged and merged[-1].fin == p.debut:
            merged[-1] = Run(merged[-1].debut, p.fin)
        else:
            merged.append(Run(p.debut, p.fin))
    return merged


def _run_at(data: CogData, code: str, day: date) -> Run | None:
    return next((r for r in runs(data.periods(code)) if r.touches(day)), None)


def walk_back(data: CogData, code: str, start: date, end: date) -> set[str]:
    """Codes valid in ``[start, end]`` that ``code``'s first run after the range came from."""
    later = [r.debut for r in runs(data.periods(code)) if r.debut > start]
    todo = [(code, min(later))] if later else []
    found: set[str] = set()
    seen: set[tuple[str, date]] = set()
    while todo and len(seen) < _MAX_STEPS:
        current, day = todo.pop()
        if (current, day) in seen:
            continue
        seen.add((current, day))
        for when, before in data.links_into(current):
            run = _run_at(data, before, when) if when == day else None
            if run is None:
                continue
            if run.intersects(start, end):
                found.add(before)
            elif run.debut > start:
                todo.append((before, run.debut))
    return found


def walk_forward(data: CogData, code: str, start: date, end: date) -> set[str]:
    """Codes valid in ``[start, end]`` that carried ``code`` on after its last run before it."""
    earlier = [r.fin for r in runs(data.periods(code)) if r.fin is not None and r.fin <= end]
    todo = [(code, max(earlier))] if earlier else []
    found: set[str] = set()
    seen: set[tuple[str, date]] = set()
    while todo and len(seen) < _MAX_STEPS:
        current, day = todo.pop()
        if (current, day) in seen:
            continue
        seen.add((current, day))
        for when, after in data.links_from(current):
            run = _run_at(data, after, when) if when == day else None
            if run is None:
                continue
            if run.intersects(start, end):
                found.add(after)
            elif run.fin is not None and run.fin <= end:
                todo.append((after, run.fin))
    return found


def descends(data: CogData, ancestor: str, code: str) -> bool:
    """Whether ``code`` carries ``ancestor`` on through successive takeovers (any date)."""
    todo, seen = [ancestor], {ancestor}
    while todo and len(seen) < _MAX_STEPS:
        for _, after in data.links_from(todo.pop()):
            if after == code:
                return True
            if after not in seen:
                seen.add(after)
                todo.append(after)
    return False
