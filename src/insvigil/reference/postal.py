"""Postal codes of the current communes (La Poste, via ``@etalab/decoupage-administratif``).

A postal code is never a birthplace code (domain.md §3): one postal code may cover several
communes and one commune several postal codes. This table only serves to recognise a postal
code typed where an INSEE code was expected, and to narrow a name search (``insvigil lieu
--cp``). It lists **current** INSEE codes (communes and the municipal arrondissements of Paris,
Lyon and Marseille, whose parent commune carries all their postal codes); the code valid at a
birth date comes from COG history (:mod:`insvigil.reference.finder`).

:func:`postal_codes_at` maps a postal code's communes to the codes valid at a birth date
(``69009`` in 1950: ``69385``, Lyon 5e, out of which the 9e was carved in 1964), and
:func:`postal_reading` says when a recorded birthplace code should be read as a postal code.

The data is generated offline by ``reference/insee_communes/update_postal.py`` (provenance in
that folder's README) and only read here.

>>> communes_for_postal("75015")
('75056', '75115')
>>> postal_for_commune("2A004")
('20000', '20090', '20167')
>>> communes_for_postal("7501"), postal_for_commune("99350")
((), ())
"""

from __future__ import annotations

import functools
import re
import zlib
from datetime import date

from insvigil.reference._files import read_data, sections, sorted_line
from insvigil.reference.cog import load

__all__ = [
    "DATA_FILE",
    "PostalData",
    "communes_for_postal",
    "is_postal_code",
    "load_postal",
    "postal_codes_at",
    "postal_for_commune",
    "postal_reading",
]

DATA_FILE = "postal.txt.gz"
_MAGIC = "insvigil-postal\t1\t"
_POSTAL = re.compile(r"[0-9]{5}")
_CODE_SHAPE = re.compile(r"[0-9A-Z]{5}")
_SCANS = 64


class PostalData:
    """Both directions of the table: commune -> postal codes and postal code -> communes.

    Reading only locates the communes section; :meth:`postal_codes` finds a commune's line by a
    binary search (the section is sorted by INSEE code) and :meth:`communes` the lines holding
    a postal code by a substring search, so ``insvigil lieu --cp`` pays no parsing. The whole
    mappings (``by_commune``, ``by_postal``) are built on first access.
    """

    __slots__ = ("_body", "_by_commune", "_by_postal", "_scans", "_text", "source", "sources")

    def __init__(self, source: str, sources: dict[str, str], text: str, body: tuple[int, int]):
        self.source = source  # "@etalab/decoupage-administratif 6.0.0"
        self.sources = sources  # file inside the package -> SHA-256
        self._text = text
        self._body = body  # the communes section: "code<TAB>cp cp…" lines, sorted by code
        self._by_commune: dict[str, tuple[str, ...]] | None = None
        self._by_postal: dict[str, tuple[str, ...]] | None = None
        self._scans = 0  # postal codes searched in the text; past _SCANS, by_postal is built

    @classmethod
    def parse(cls, text: str) -> PostalData:
        if not text.startswith(_MAGIC):
            raise ValueError("not an insvigil postal data file (format 1)")
        source = text[len(_MAGIC) : text.index("\n")]
        bounds = sections(text, "SC")
        start, end = bounds["S"]
        sources = dict(line.split("\t", 1) for line in text[start:end].splitlines())
        return cls(source, sources, text, bounds["C"])

    def postal_codes(self, code: str) -> tuple[str, ...]:
        """The postal codes of the INSEE code ``code`` (sorted); empty when it has none."""
        if _CODE_SHAPE.fullmatch(code) is None:
            return ()
        raw = sorted_line(self._text, *self._body, code)
        return () if raw is None else tuple(raw.split(" "))

    def communes(self, cp: str) -> tuple[str, ...]:
        """The INSEE codes served by the postal code ``cp`` (sorted); empty when unknown.

        A substring search of the text for the first ones (one ``insvigil lieu`` call); past
        ``_SCANS`` postal codes (``qualify`` may ask thousands), the whole mapping."""
        if _POSTAL.fullmatch(cp) is None:
            return ()
        if self._by_postal is not None or self._scans >= _SCANS:
            return self.by_postal.get(cp, ())
        self._scans += 1
        text, (start, end) = self._text, self._body
        found: set[str] = set()
        at = text.find(cp, start, end)
        while at != -1:
            # postal codes follow the line's INSEE code and a TAB, separated by spaces
            if text[at - 1] in "\t " and (at + 5 == end or text[at + 5] in " \n"):
                line = text.rfind("\n", start - 1, at) + 1  # the line's INSEE code
                found.add(text[line : line + 5])
            at = text.find(cp, at + 5, end)
        return tuple(sorted(found))

    @property
    def by_commune(self) -> dict[str, tuple[str, ...]]:
        if self._by_commune is None:
            start, end = self._body
            lines = (line.split("\t") for line in self._text[start:end].splitlines())
            self._by_commune = {code: tuple(cps.split(" ")) for code, cps in lines}
        return self._by_commune

    @property
    def by_postal(self) -> dict[str, tuple[str, ...]]:
        if self._by_postal is None:
            reverse: dict[str, list[str]] = {}
            for code, cps in self.by_commune.items():
                for cp in cps:
                    reverse.setdefault(cp, []).append(code)
            self._by_postal = {cp: tuple(sorted(codes)) for cp, codes in reverse.items()}
        return self._by_postal


def _clean(value: str) -> str:
    return value.strip().upper() if isinstance(value, str) else ""


@functools.cache
def load_postal() -> PostalData:
    """The shared postal table, read from the package data on first use (a few ms)."""
    return PostalData.parse(zlib.decompress(read_data(DATA_FILE), wbits=31).decode("utf-8"))


def communes_for_postal(cp: str) -> tuple[str, ...]:
    """The current INSEE codes served by postal code ``cp`` (sorted); empty when unknown."""
    return load_postal().communes(_clean(cp))


def postal_for_commune(code: str) -> tuple[str, ...]:
    """The postal codes of the current commune or arrondissement ``code``; empty otherwise."""
    return load_postal().postal_codes(_clean(code))


def is_postal_code(value: str) -> bool:
    """Whether ``value`` is a postal code in use (whatever else it may also be)."""
    return bool(communes_for_postal(value))


def postal_codes_at(
    cp: str, start: date, end: date | None = None, *, arrondissements: bool = True
) -> tuple[str, ...]:
    """The INSEE codes valid in ``[start, end]`` for the communes of postal code ``cp``
    (today's communes, mapped back through COG history). With ``arrondissements``, a commune
    of Paris, Lyon or Marseille is dropped when one of its arrondissements is there."""
    cog = load()
    stop = start if end is None else end
    codes: set[str] = set()
    for commune in communes_for_postal(cp):
        codes.update(cog.codes_at(commune, start, stop))
    if arrondissements:
        parents = {cog.arrondissement_parent(c) for c in codes}
        codes -= {p for p in parents if p is not None}
    return tuple(sorted(codes))


def postal_reading(code: str, start: date, end: date | None = None) -> tuple[str, ...]:
    """When ``code`` should be read as a postal code for a birth in ``[start, end]``: the
    INSEE codes then of its communes; else ``()``.

    It is read so when it is a postal code in use, not an INSEE code valid in the range, and
    not the INSEE code of a place created after the birth (the usual case of a current code
    typed for an older birth, e.g. ``13119`` in 1950, which COG history links to ``13085``;
    ``13119`` is also Saint-Savournin's postal code). A code that ended before the birth
    (``75015``, Bry-sur-Marne until 1968, then Paris 15e's postal code) is read as a postal
    code unless both readings lead to the same commune.

    >>> postal_reading("75015", date(1980, 1, 1)), postal_reading("13119", date(1950, 1, 1))
    (('75115',), ())
    """
    value = code.strip().upper() if isinstance(code, str) else ""
    stop = start if end is None else end
    if _POSTAL.fullmatch(value) is None or not is_postal_code(value):
        return ()
    cog = load()
    periods = cog.periods(value)
    if cog.is_valid_at(value, start, stop):
        return ()
    if any(p.fin is None or p.fin > start for p in periods):
        return ()
    communes = postal_codes_at(value, start, stop)
    history = set(cog.codes_at(value, start, stop))
    if history & set(postal_codes_at(value, start, stop, arrondissements=False)):
        return ()
    return communes
