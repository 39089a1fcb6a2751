"""Reference data read at run time: INSEE's Code officiel géographique (birthplace codes).

The data is generated offline by ``reference/insee_communes/update.py`` from INSEE's COG 2026
tables (Licence Ouverte 2.0, « Source : Insee, Code officiel géographique 2026 »), committed as
``data/cog.txt.gz`` and only read here. :func:`load` returns the shared :class:`Cog`.
"""

from __future__ import annotations

from insvigil.reference.cog import DOM_CREATION, Cog, load
from insvigil.reference.cog_types import COG_START, Equivalence, Period, PlaceCheck, PlaceStatus

__all__ = [
    "COG_START",
    "DOM_CREATION",
    "Cog",
    "Equivalence",
    "Period",
    "PlaceCheck",
    "PlaceStatus",
    "load",
]
