"""Birthplace codes read as places: same commune through COG history, arrondissement or postal code.

Matching compares birthplaces as places, not as strings (domain.md §3, §8 #12-13): ``20004``
and ``2A004`` are Ajaccio, ``75115`` belongs to Paris ``75056``, and a postal code (``75015``)
typed instead of the INSEE code still names the commune. Every answer is cached per code (a
population has a few tens of thousands of distinct codes).

>>> sorted(communes("20004")), sorted(communes("75115"))
(['2A004'], ['75056'])
>>> sorted(postal_communes("75015"))
['75056']
>>> departement("2B033"), departement("97411"), departement("99350")
('20', '974', '')
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

from insvigil.reference.cog import load
from insvigil.reference.postal import communes_for_postal

__all__ = ["communes", "departement", "postal_communes", "warm"]


@cache
def _canonical(code: str) -> frozenset[str]:
    cog = load()
    if not cog.periods(code):
        return frozenset()
    current = cog.current_code(code) or (code,)
    return frozenset(cog.arrondissement_parent(c) or c for c in current)


def communes(code: str) -> frozenset[str]:
    """Today's commune(s) (or country) the INSEE code ``code`` designates; empty if unknown."""
    return _canonical(code) if code else frozenset()


@cache
def postal_communes(code: str) -> frozenset[str]:
    """Today's communes served by ``code`` read as a postal code; empty if it is none."""
    if len(code) != 5 or not code.isdigit() or code.startswith("99"):
        return frozenset()
    found: set[str] = set()
    for commune in communes_for_postal(code):
        found |= _canonical(commune)
    return frozenset(found)


def departement(code: str) -> str:
    """The department part of a code (``20`` for Corsica, 3 digits overseas), ``""`` abroad."""
    if len(code) < 2 or code.startswith("99"):
        return ""
    head = code[:3] if code.startswith(("97", "98")) else code[:2]
    return "20" if head in ("2A", "2B") else head


def warm(codes: Iterable[str]) -> None:
    """Fill the caches for ``codes`` (before forking workers, so that they share them)."""
    for code in set(codes):
        if code:
            communes(code)
            postal_communes(code)
