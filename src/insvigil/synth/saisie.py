"""How admission staff type names: case, accents, stray spaces, typographic apostrophes, typos.

Style changes (case, accents, spaces, ``’``) vanish under TR01 normalisation: they give MINEURE
discordances at most. Typos change letters: BLOQUANTE against INSi.

>>> style("JEAN-PIERRE", "T"), style("ANDRÉ", "L"), style("ANDRÉ", "U")
('Jean-Pierre', 'andré', 'ANDRE')
>>> import random
>>> typo(random.Random(1), "DUPONT") != "DUPONT"
True
"""

from __future__ import annotations

from bisect import bisect
from random import Random

from insvigil.synth.names import forme_ins

__all__ = ["STYLES", "accent_e", "choose_style", "style", "typo"]

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STYLES = ("U", "A", "T", "L")
"""Upper case without accents (forme INS), upper with accents, title case, lower case."""
_STYLE_WEIGHTS = (0.5, 0.72, 0.95, 1.0)  # cumulative


def choose_style(rng: Random) -> str:
    return STYLES[bisect(_STYLE_WEIGHTS, rng.random())]


def style(text: str, how: str) -> str:
    """``text`` (upper case, accents kept) as typed in style ``how`` (see :data:`STYLES`)."""
    if how == "U":
        return forme_ins(text)
    if how == "A":
        return text
    if how == "T":
        return text.title()  # capitalises after spaces, hyphens and apostrophes
    return text.lower()


def accent_e(rng: Random, text: str) -> str:
    """One ``E`` typed ``É`` or ``È`` (family names carry no accents in the INSEE table)."""
    positions = [i for i, c in enumerate(text) if c == "E"]
    if not positions:
        return text
    i = rng.choice(positions)
    return text[:i] + rng.choice("ÉÈ") + text[i + 1 :]


def typo(rng: Random, text: str) -> str:
    """One-letter slip on the forme INS of ``text``: substitution, deletion, doubling or
    inversion of two neighbours; the result differs from ``text`` and stays in forme INS."""
    base = forme_ins(text)
    letters = [i for i, c in enumerate(base) if c in _LETTERS]
    for _ in range(20):
        i = rng.choice(letters)
        kind = rng.random()
        if kind < 0.45:
            out = base[:i] + rng.choice(_LETTERS) + base[i + 1 :]
        elif kind < 0.65 and len(letters) > 3 and _deletable(base, i):
            out = base[:i] + base[i + 1 :]
        elif kind < 0.8:
            out = base[:i] + base[i] + base[i:]
        elif i + 1 < len(base) and base[i + 1] in _LETTERS:
            out = base[:i] + base[i + 1] + base[i] + base[i + 2 :]
        else:
            continue
        if out != base:
            return out
    return base[:-1] + ("A" if base[-1] != "A" else "E")


def _deletable(text: str, i: int) -> bool:
    """Deleting the letter keeps a letter on each side of every separator."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return before in _LETTERS or after in _LETTERS
