"""TR01, the normalisation of a name or first names: what it may change and how it applies.

Split from :mod:`insvigil.traits.charset`, which re-exports :class:`Change` and
:data:`CHANGE_LABELS`. :func:`apply_tr01` takes the steps in the rulebook's order (NFC; tab and
no-break spaces to spaces; trim; collapse; upper case; diacritics; ligatures; apostrophes;
hyphens; spaces around a hyphen) and says which :class:`Change` each one made. Changes are
counted as bits (:data:`CHANGES` turns a mask into its changes, :data:`MASKS` back).
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

__all__ = [
    "ACCENTS",
    "APOSTROPHE",
    "CASSE",
    "CHANGES",
    "CHANGE_LABELS",
    "ESPACES",
    "ESPACE_TIRET",
    "LIGATURE",
    "MASKS",
    "TIRET",
    "UNICODE",
    "Change",
    "apply_tr01",
]


class Change(StrEnum):
    """One kind of change TR01 made to a raw value (declared in the order TR01 applies them)."""

    UNICODE = "UNICODE"
    ESPACES = "ESPACES"
    CASSE = "CASSE"
    ACCENTS = "ACCENTS"
    LIGATURE = "LIGATURE"
    APOSTROPHE = "APOSTROPHE"
    TIRET = "TIRET"
    ESPACE_TIRET = "ESPACE_TIRET"


CHANGE_LABELS: dict[Change, str] = {
    Change.UNICODE: "caractères Unicode recomposés (forme NFC)",
    Change.ESPACES: "espaces superflus retirés",
    Change.CASSE: "minuscules mises en majuscules",
    Change.ACCENTS: "accents retirés",
    Change.LIGATURE: "ligatures développées (Œ → OE, Æ → AE, ß → SS)",
    Change.APOSTROPHE: "apostrophe typographique remplacée par l'apostrophe droite",
    Change.TIRET: "trait d'union typographique remplacé par le tiret",
    Change.ESPACE_TIRET: "espaces autour du tiret retirés",
}

_SPACES = str.maketrans({"\t": " ", "\u00a0": " ", "\u202f": " ", "\u2007": " "})
_MULTI_SPACE_RE = re.compile(r"  +")
_SPACE_HYPHEN_RE = re.compile(r" ?- ?")
# Ligatures that ``str.upper`` would expand silently: handled first so they count as LIGATURE.
_LOWER_LIGATURES = str.maketrans(
    {"ß": "ẞ", "ﬀ": "FF", "ﬁ": "FI", "ﬂ": "FL", "ﬃ": "FFI", "ﬄ": "FFL", "ﬅ": "ST", "ﬆ": "ST"}
)
_LIGATURES = str.maketrans({"Œ": "OE", "Æ": "AE", "ẞ": "SS"})
# Latin letters whose diacritic (a stroke) has no Unicode decomposition.
_STROKES = {"Ø": "O", "Ł": "L", "Đ": "D", "Ħ": "H", "Ŧ": "T"}
_LATIN_BASES = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZŒÆẞ") | frozenset(_STROKES)
# Precomposed Latin capitals whose decomposition is a letter A-Z plus nonspacing marks (É, Ç, Ỗ…),
# and the letters with a stroke: a C-speed shortcut for the common case of _strip_diacritics.
_DIACRITICS = str.maketrans(
    {
        chr(i): base
        for i in [*range(0xC0, 0x250), *range(0x1E00, 0x1F00)]
        if (d := unicodedata.normalize("NFD", chr(i)))[0] in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        and len(d) > 1
        and all(unicodedata.category(m) == "Mn" for m in d[1:])
        for base in [d[0]]
    }
    | _STROKES
)
_SHORTCUT_SAFE = frozenset(map(chr, range(128))) | frozenset("ŒÆẞ\u2019\u2018\u02bc\u2010\u2011")
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_HYPHENS = str.maketrans({"\u2010": "-", "\u2011": "-"})

# Change flags as bits (bit i = i-th Change member): cheaper than sets of enum members.
UNICODE, ESPACES, CASSE, ACCENTS, LIGATURE, APOSTROPHE, TIRET, ESPACE_TIRET = (
    1 << i for i in range(8)
)
#: The changes of each mask, in TR01's order.
CHANGES: tuple[tuple[Change, ...], ...] = tuple(
    tuple(c for i, c in enumerate(Change) if mask >> i & 1) for mask in range(1 << len(Change))
)
#: The mask of each tuple of :data:`CHANGES`.
MASKS: dict[tuple[Change, ...], int] = {changes: mask for mask, changes in enumerate(CHANGES)}
_TRANSLATIONS = ((_LIGATURES, LIGATURE), (_APOSTROPHES, APOSTROPHE), (_HYPHENS, TIRET))


def apply_tr01(raw: str) -> tuple[str, tuple[Change, ...]]:
    """The forme INS candidate of ``raw`` and the changes TR01 made (no TR02 check)."""
    done = 0
    s = raw
    ascii_only = s.isascii()
    if not ascii_only and not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
        done |= UNICODE
    t = s.translate(_SPACES).strip(" ")
    if "  " in t:
        t = _MULTI_SPACE_RE.sub(" ", t)
    if t != s:
        done |= ESPACES
    s = t
    if not ascii_only:
        t = s.translate(_LOWER_LIGATURES)
        if t != s:
            done |= LIGATURE
        s = t
    t = s.upper()
    if t != s:
        done |= CASSE
    s = t
    if not ascii_only:
        s, flags = _strip_diacritics(s)
        done |= flags
        for table, flag in _TRANSLATIONS:
            t = s.translate(table)
            if t != s:
                done |= flag
                s = t
    if "-" in s:
        t = _SPACE_HYPHEN_RE.sub("-", s)
        if t != s:
            done |= ESPACE_TIRET
        s = t
    return s, CHANGES[done]


def _strip_diacritics(s: str) -> tuple[str, int]:
    """Drop the nonspacing marks of Latin letters; keep every other character (and its marks)."""
    done = 0
    if not unicodedata.is_normalized("NFC", s):  # ``str.upper`` may decompose (e.g. "ǰ")
        s = unicodedata.normalize("NFC", s)
        done |= UNICODE
    t = s.translate(_DIACRITICS)
    if _SHORTCUT_SAFE.issuperset(t):  # no combining mark left, nothing unusual
        return t, done | (ACCENTS if t != s else 0)
    out: list[str] = []
    latin = stripped = False
    for ch in unicodedata.normalize("NFD", s):
        if latin and unicodedata.category(ch) == "Mn":
            stripped = True
            continue
        base = _STROKES.get(ch)
        if base is not None:
            out.append(base)
            stripped = latin = True
            continue
        out.append(ch)
        latin = ch in _LATIN_BASES
    if not stripped:
        return s, done
    return unicodedata.normalize("NFC", "".join(out)), done | ACCENTS
