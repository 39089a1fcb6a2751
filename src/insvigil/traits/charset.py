"""INS character rules shared by birth names and first names (TR01, TR02).

:func:`to_ins_form` applies TR01 in the rulebook's order (NFC; tab and no-break spaces to
spaces; trim; collapse; upper case; diacritics; ligatures; apostrophes; hyphens; spaces around a
hyphen) and then checks TR02: the *forme INS* is A-Z, space, apostrophe and hyphen, a double
hyphen in names only. Other characters (digits, ``.``, ``/``, en dash, emoji…) are never deleted:
they stay in the value, which is then *non conforme*.

>>> n = to_ins_form("  lefèvre ", "nom")
>>> n.value, n.conforme
('LEFEVRE', True)
>>> [CHANGE_LABELS[c] for c in n.changes]
['espaces superflus retirés', 'minuscules mises en majuscules', 'accents retirés']
>>> to_ins_form("d’Artagnan", "nom").value
"D'ARTAGNAN"
>>> print(to_ins_form("DUPONT2", "nom").defaut)  # doctest: +ELLIPSIS
Caractère non autorisé « 2 » ; seuls les lettres A à Z, l'espace, l'apostrophe et le tiret ...
>>> comparison_key("MARTIN--DURAND D'ARC")
'MARTIN DURAND D ARC'
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache
from typing import Literal, NamedTuple

from insvigil.errors import InvalidFormat

__all__ = [
    "CHANGE_LABELS",
    "FORM_RE",
    "MAX_LENGTH",
    "Change",
    "Kind",
    "Normalized",
    "comparison_key",
    "describe",
    "is_ins_form",
    "to_ins_form",
    "words_to_ins_form",
]

Kind = Literal["nom", "prenom"]

#: Longest forme INS per kind (nom de naissance: 1-100 characters); ``None``: no limit known.
MAX_LENGTH: dict[str, int | None] = {"nom": 100, "prenom": None}


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


class Normalized(NamedTuple):
    """A raw value, its forme INS candidate, what TR01 changed and whether TR02 holds.

    A named tuple rather than a frozen dataclass: one is built for every distinct name or list
    of first names read, and a tuple is built three times faster.
    """

    raw: str
    value: str
    changes: tuple[Change, ...]
    conforme: bool
    defaut: str | None


# TR02, after the TLSI regex, plus a leading apostrophe (allowed by the rulebook).
FORM_RE: dict[str, re.Pattern[str]] = {
    "nom": re.compile(r"'?[A-Z]+(?:(?:--?|[' ])[A-Z]+)*"),
    "prenom": re.compile(r"'?[A-Z]+(?:[-' ][A-Z]+)*"),
}
_ALLOWED = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ '-")
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


def is_ins_form(value: str, kind: Kind) -> bool:
    """Whether ``value`` is already in forme INS (TR02) for ``kind``.

    >>> is_ins_form("MARTIN--DURAND", "nom"), is_ins_form("ANNE--MARIE", "prenom")
    (True, False)
    """
    limit = MAX_LENGTH[kind]
    if limit is not None and len(value) > limit:
        return False
    return FORM_RE[kind].fullmatch(value) is not None


def to_ins_form(raw: str, kind: Kind) -> Normalized:
    """Apply TR01 to ``raw`` and check TR02 for a ``kind`` of trait (``"nom"`` or ``"prenom"``).

    Raises :class:`~insvigil.errors.InvalidFormat` (code ``TR02``) when ``raw`` is not a string.
    """
    if not isinstance(raw, str):
        raise InvalidFormat(
            f"Valeur non textuelle ({type(raw).__name__}) : un texte est attendu.", code="TR02"
        )
    cache = _CACHES.get(kind)
    if cache is None:
        raise ValueError(f"unknown kind {kind!r}")
    found = cache.get(raw)
    if found is None:
        found = _to_ins_form(raw, kind)
        if len(cache) < CACHE_CAP:
            cache[raw] = found
    return found


#: Most distinct raw values remembered per kind (names repeat: the frequent ones come first).
#: A plain dict filled up to the cap is cheaper than an LRU and never thrashes.
CACHE_CAP = 1 << 19
_CACHES: dict[str, dict[str, Normalized]] = {"nom": {}, "prenom": {}}


def _to_ins_form(raw: str, kind: Kind) -> Normalized:
    if is_ins_form(raw, kind):  # fast path: every TR01 step is a no-op on a conforming value
        return Normalized(raw, raw, (), True, None)
    value, changes = _apply_tr01(raw)
    if is_ins_form(value, kind):
        return Normalized(raw, value, changes, True, None)
    return Normalized(raw, value, changes, False, _defaut(value, kind))


def words_to_ins_form(raw: str) -> Normalized:
    """:func:`to_ins_form` for a list of first names, word by word when that is equivalent.

    Lists are mostly unique (``MARIE THÉRÈSE LOUISE``) while their words repeat: each word goes
    through the shared cache and the list is joined again. Whenever a word is not a conforming
    first name by itself (a lone hyphen, a mark after a space, a tab…), the whole list goes
    through TR01 at once, so the answer is always the one :func:`to_ins_form` gives.

    >>> n = words_to_ins_form("  Marie  Thérèse ")
    >>> n.value, [CHANGE_LABELS[c] for c in n.changes]
    ('MARIE THERESE', ['espaces superflus retirés', 'minuscules mises en majuscules', \
'accents retirés'])
    >>> words_to_ins_form("Jean - Pierre") == to_ins_form("Jean - Pierre", "prenom")
    True
    """
    if not isinstance(raw, str):
        return to_ins_form(raw, "prenom")  # raises InvalidFormat
    if FORM_RE["prenom"].fullmatch(raw) is not None:
        return Normalized(raw, raw, (), True, None)
    if not raw.isprintable():  # tabs, no-break spaces, controls: TR01 on the whole list
        return to_ins_form(raw, "prenom")
    words = raw.split(" ")
    done = 0
    if "" in words:
        words = [w for w in words if w]
        done = _ESPACES
    values: list[str] = []
    cache = _CACHES["prenom"]
    for word in words:
        n = cache.get(word) or to_ins_form(word, "prenom")
        if not n.conforme:
            return to_ins_form(raw, "prenom")
        values.append(n.value)
        done |= _MASKS[n.changes]
    value = " ".join(values)
    if FORM_RE["prenom"].fullmatch(value) is None:
        return to_ins_form(raw, "prenom")
    return Normalized(raw, value, _CHANGES[done], True, None)


# Change flags as bits (bit i = i-th Change member): cheaper than sets of enum members.
_UNICODE, _ESPACES, _CASSE, _ACCENTS, _LIGATURE, _APOSTROPHE, _TIRET, _ESPACE_TIRET = (
    1 << i for i in range(8)
)
_CHANGES: tuple[tuple[Change, ...], ...] = tuple(
    tuple(c for i, c in enumerate(Change) if mask >> i & 1) for mask in range(1 << len(Change))
)
_MASKS: dict[tuple[Change, ...], int] = {changes: mask for mask, changes in enumerate(_CHANGES)}
_TRANSLATIONS = ((_LIGATURES, _LIGATURE), (_APOSTROPHES, _APOSTROPHE), (_HYPHENS, _TIRET))


def _apply_tr01(raw: str) -> tuple[str, tuple[Change, ...]]:
    done = 0
    s = raw
    ascii_only = s.isascii()
    if not ascii_only and not unicodedata.is_normalized("NFC", s):
        s = unicodedata.normalize("NFC", s)
        done |= _UNICODE
    t = s.translate(_SPACES).strip(" ")
    if "  " in t:
        t = _MULTI_SPACE_RE.sub(" ", t)
    if t != s:
        done |= _ESPACES
    s = t
    if not ascii_only:
        t = s.translate(_LOWER_LIGATURES)
        if t != s:
            done |= _LIGATURE
        s = t
    t = s.upper()
    if t != s:
        done |= _CASSE
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
            done |= _ESPACE_TIRET
        s = t
    return s, _CHANGES[done]


def _strip_diacritics(s: str) -> tuple[str, int]:
    """Drop the nonspacing marks of Latin letters; keep every other character (and its marks)."""
    done = 0
    if not unicodedata.is_normalized("NFC", s):  # ``str.upper`` may decompose (e.g. "ǰ")
        s = unicodedata.normalize("NFC", s)
        done |= _UNICODE
    t = s.translate(_DIACRITICS)
    if _SHORTCUT_SAFE.issuperset(t):  # no combining mark left, nothing unusual
        return t, done | (_ACCENTS if t != s else 0)
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
    return unicodedata.normalize("NFC", "".join(out)), done | _ACCENTS


def _show(ch: str) -> str:
    if ch.isascii() and ch.isprintable() and ch != " ":
        return f"« {ch} »"
    if ch.isprintable() and not ch.isspace() and not unicodedata.category(ch).startswith("M"):
        return f"« {ch} » (U+{ord(ch):04X})"
    return f"U+{ord(ch):04X}"


def _defaut(value: str, kind: Kind) -> str:
    """French sentence saying why ``value`` (already through TR01) is not in forme INS."""
    if not value:
        return "Valeur vide : le trait est obligatoire."
    limit = MAX_LENGTH[kind]
    if limit is not None and len(value) > limit:
        return f"Valeur trop longue : {len(value)} caractères ({limit} au plus)."
    bad = sorted(set(value) - _ALLOWED, key=value.index)
    if bad:
        plural = "s" if len(bad) > 1 else ""
        shown = ", ".join(_show(c) for c in bad[:5]) + (", …" if len(bad) > 5 else "")
        return (
            f"Caractère{plural} non autorisé{plural} {shown} ; seuls les lettres A à Z, l'espace, "
            "l'apostrophe et le tiret sont admis."
        )
    checks = (
        (value[0] == "-", "Commence par un tiret."),
        (value[0] == " ", "Commence par une espace."),
        ("---" in value, "Plus de deux tirets consécutifs."),
        (kind == "prenom" and "--" in value, "Double tiret interdit dans un prénom."),
        (
            any(p in value for p in ("''", "  ", "' ", " '")),
            "Espaces ou apostrophes doublées ou accolées.",
        ),
        (any(p in value for p in ("-'", "'-")), "Tiret accolé à une apostrophe."),
        (any(p in value for p in ("- ", " -")), "Espace accolée à un tiret."),
        (value[-1] == "-", "Se termine par un tiret."),
        (value[-1] == "'", "Se termine par une apostrophe."),
        (value[-1] == " ", "Se termine par une espace."),
    )
    for failed, message in checks:
        if failed:
            return message
    return "Forme INS non respectée."  # pragma: no cover - every case is named above


@lru_cache(maxsize=1 << 18)
def comparison_key(ins_form: str) -> str:
    """Clé de comparaison: ``--``, ``-`` and ``'`` count as spaces; spaces collapsed, stripped.

    >>> comparison_key("JEAN-PIERRE  O'NEILL ")
    'JEAN PIERRE O NEILL'
    """
    s = ins_form.replace("-", " ").replace("'", " ")
    return " ".join(part for part in s.split(" ") if part)


def describe(label: str, n: Normalized) -> str:
    """French message naming a non-conforming trait and its defect (for exceptions, findings).

    >>> describe("Prénom", to_ins_form("ANNE-", "prenom"))
    'Prénom « ANNE- » non conforme : se termine par un tiret.'
    """
    shown = n.value if len(n.value) <= 40 else n.value[:40] + "…"
    subject = f"{label} « {shown} »" if n.value else label
    defaut = n.defaut or "Forme INS non respectée."
    return f"{subject} non conforme : {defaut[0].lower()}{defaut[1:]}"
