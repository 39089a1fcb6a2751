"""Place names as people type them, and the index of every COG name (communes, countries).

:func:`name_key` reduces a typed name to a comparison key: upper case, no accents, ``-``,
``'`` and spaces equivalent, ``ST``/``STE`` -> ``SAINT``/``SAINTE``, ``S/`` -> ``SUR``,
``S/S`` -> ``SOUS``, an article behind the name (``Havre (Le)``, ``HAVRE, LE``) moved in front,
and the arrondissements of Paris, Lyon and Marseille written one way (``PARIS 15E``,
``Paris XV``, ``paris 15ème arrondissement`` -> ``PARIS 15``). :class:`NameKey` keeps two forms:
``full`` with the leading article, ``bare`` without it (the index is searched by ``bare``; a
match that also agrees on ``full`` ranks first).

>>> name_key("st-étienne").bare, name_key("Havre (Le)").full, name_key("HAVRE").bare
('SAINT ETIENNE', 'LE HAVRE', 'HAVRE')
>>> name_key("Paris XV").full, name_key("marseille 1er arrondissement").full
('PARIS 15', 'MARSEILLE 1')
>>> name_key("Châlons s/ Marne").full, name_key("L'Isle-Adam").bare, name_key("Œuilly").full
('CHALONS SUR MARNE', 'ISLE ADAM', 'OEUILLY')

:class:`NameIndex` is built from the COG (:func:`insvigil.reference.load`): every version
(period) of every code, under its ``libelle`` (with article) and its ``nom`` (without article;
for a country, the short name: « Maroc » beside « Royaume du Maroc »), so old names of merged
or renamed communes are found too. Building it takes more than half a second, too slow for a
command run at an admission desk: ``reference/insee_communes/update_index.py`` builds it
offline and writes it as package data, which :mod:`insvigil.reference.place_index` reads.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from insvigil.reference.cog import Cog

__all__ = ["ARTICLES", "Entry", "NameIndex", "NameKey", "departement_of", "fold", "name_key"]

ARTICLES = frozenset({"LE", "LA", "LES", "L"})
_ABBREVIATIONS = {"ST": "SAINT", "STE": "SAINTE", "STS": "SAINTS", "STES": "SAINTES"}
_PLM = frozenset({"PARIS", "LYON", "MARSEILLE"})
_ORDINAL = re.compile(r"([0-9]{1,2}|[IVXL]{1,6})(E|EME|ER|ERE|EMME|IEME)?")
_ARRONDISSEMENT = frozenset({"ARRONDISSEMENT", "ARR", "ARRT", "ARDT", "ARROND"})
_SUFFIXES = frozenset({"E", "EME", "ER", "ERE", "IEME"})
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50}
_SUR = re.compile(r"\bS\s*/\s*S\b|\bS\s*/")
_NON_ALNUM = re.compile(r"[^A-Z0-9]+")
_SURROGATES = re.compile("[\ud800-\udfff]")
_TERRITORIES = frozenset({"PAYS", "TOM"})


@lru_cache(maxsize=1)
def _fold_table() -> dict[int, str]:
    """Latin letters with diacritics -> base letters (one ``str.translate``, C speed); built
    on the first name that is not plain ASCII (a few ms, saved on « st etienne »)."""
    special = {"Œ": "OE", "œ": "oe", "Æ": "AE", "æ": "ae", "ß": "ss", "ẞ": "SS", "’": " "}
    table = {ord(k): v for k, v in special.items()}
    for point in range(0xC0, 0x250):
        char = chr(point)
        if point in table:
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        if base.isascii() and base != char:
            table[point] = base
    return table


def fold(text: str) -> str:
    """Upper-case ASCII words separated by one space (accents, punctuation and case dropped)."""
    if not text.isascii():  # the table maps non-ASCII letters only
        text = text.translate(_fold_table())
    if not text.isascii():
        from unidecode import unidecode  # only for letters the table above does not fold

        text = _SURROGATES.sub("", text)  # lone surrogates: not text, dropped
        text = unidecode(unicodedata.normalize("NFC", text))
    text = text.upper()
    if "/" in text:
        text = _SUR.sub(lambda m: " SOUS " if m[0].rstrip().endswith("S") else " SUR ", text)
    return _NON_ALNUM.sub(" ", text).strip()


def _roman(value: str) -> int:
    total = 0
    for i, char in enumerate(value):
        number = _ROMAN[char]
        following = _ROMAN[value[i + 1]] if i + 1 < len(value) else 0
        total += -number if number < following else number
    return total


def _arrondissement(tokens: list[str]) -> list[str]:
    """``PARIS XV EME ARR`` -> ``PARIS 15``; other names unchanged."""
    if len(tokens) < 2 or tokens[0] not in _PLM:
        return tokens
    rest = [t for t in tokens[1:] if t not in _ARRONDISSEMENT]
    if len(rest) == 2 and rest[1] in _SUFFIXES:
        rest = [rest[0] + rest[1]]
    match = _ORDINAL.fullmatch(rest[0]) if len(rest) == 1 else None
    if match is None:
        return tokens
    number = int(match[1]) if match[1].isdigit() else _roman(match[1])
    return [tokens[0], str(number)] if 0 < number <= 20 else tokens


@dataclass(frozen=True, slots=True)
class NameKey:
    """A typed or official name reduced for comparison: with and without leading article."""

    full: str
    bare: str


@lru_cache(maxsize=65536)
def name_key(text: str) -> NameKey:
    """The comparison key of a place name (see the module docstring)."""
    tokens = fold(text).split()
    if len(tokens) > 1 and tokens[-1] in ARTICLES:  # « Havre (Le) », « HAVRE, LE »
        tokens = [tokens[-1], *tokens[:-1]]
    tokens = [_ABBREVIATIONS.get(t, t) for t in tokens]
    tokens = _arrondissement(tokens)
    bare = tokens[1:] if len(tokens) > 1 and tokens[0] in ARTICLES else tokens
    return NameKey(" ".join(tokens), " ".join(bare))


def departement_of(code: str) -> str:
    """The department part of a place code: ``2A`` for ``2A004``, ``974`` for ``97411``, ``99``
    for a country; the 3-digit prefix for every code starting with ``97`` or ``98``."""
    return code[:3] if code.startswith(("97", "98")) else code[:2]


@dataclass(frozen=True, slots=True)
class Entry:
    """One code that bore a name: the version's start date and the name's full key."""

    code: str
    debut: date
    full: str
    nature: str


class NameIndex:
    """Every COG name, by bare key; plus the country/territory names for partial matches."""

    __slots__ = (
        "_arrondissements",
        "_by_key",
        "_keys",
        "_territories",
        "_territory_words",
    )

    def __init__(self, cog: Cog) -> None:
        by_key: dict[str, dict[tuple[str, date, str], Entry]] = {}
        territories: dict[tuple[str, Entry], None] = {}
        arrondissements: dict[str, set[str]] = {}
        for code in cog.codes():
            for period in cog.periods(code):
                for name in (period.libelle, period.nom):
                    key = name_key(name)
                    entry = Entry(code, period.debut, key.full, period.nature)
                    by_key.setdefault(key.bare, {})[(code, period.debut, key.full)] = entry
                    if period.nature in _TERRITORIES:
                        territories[(key.bare, entry)] = None
                parent = cog.arrondissement_parent(code) if period.nature == "ARM" else None
                if parent is not None:
                    arrondissements.setdefault(parent, set()).add(code)
        self._by_key = {k: tuple(v.values()) for k, v in by_key.items()}
        self._keys = sorted(self._by_key)
        self._territories = tuple(territories)
        self._territory_words = tuple((frozenset(b.split()), e) for b, e in territories)
        self._arrondissements = {k: tuple(sorted(v)) for k, v in arrondissements.items()}

    def exact(self, key: NameKey) -> tuple[Entry, ...]:
        """The versions whose name has the same bare key."""
        return self._by_key.get(key.bare, ())

    def entries(self, bare: str) -> tuple[Entry, ...]:
        """The versions whose name has the bare key ``bare``."""
        return self._by_key.get(bare, ())

    def keys(self) -> list[str]:
        """Every bare key, sorted (the choices of the fuzzy search)."""
        return self._keys

    def territories_containing(self, key: NameKey) -> list[Entry]:
        """Countries and territories whose name contains every word of ``key`` (« Sénégal » in
        « Sénégal et circonscription de Dakar »), for names no exact key matches."""
        words = set(key.bare.split())
        if not words:
            return []
        return [entry for name_words, entry in self._territory_words if words <= name_words]

    def territories(self) -> tuple[tuple[str, Entry], ...]:
        """Every country or territory version with the bare key of its name (index order)."""
        return self._territories

    def communes_with_arrondissements(self) -> list[str]:
        """The communes that have municipal arrondissements, sorted."""
        return sorted(self._arrondissements)

    def arrondissements(self, commune: str) -> tuple[str, ...]:
        """The municipal arrondissements of a commune (``75056`` -> ``75101`` … ``75120``)."""
        return self._arrondissements.get(commune, ())
