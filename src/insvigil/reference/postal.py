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
import gzip
import re
from dataclasses import dataclass
from datetime import date
from importlib import resources

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


@dataclass(frozen=True, slots=True)
class PostalData:
    """Both directions of the table: commune -> postal codes and postal code -> communes."""

    source: str  # "@etalab/decoupage-administratif 6.0.0"
    sources: dict[str, str]  # file inside the package -> SHA-256
    by_commune: dict[str, tuple[str, ...]]
    by_postal: dict[str, tuple[str, ...]]

    @classmethod
    def parse(cls, text: str) -> PostalData:
        if not text.startswith(_MAGIC):
            raise ValueError("not an insvigil postal data file (format 1)")
        lines = text.splitlines()
        source = lines[0][len(_MAGIC) :]
        index = 1
        sections: dict[str, list[str]] = {}
        while index < len(lines):
            tag, count = lines[index][1:].split(" ")
            sections[tag] = lines[index + 1 : index + 1 + int(count)]
            index += 1 + int(count)
        by_commune: dict[str, tuple[str, ...]] = {}
        reverse: dict[str, list[str]] = {}
        for line in sections["C"]:
            code, postaux = line.split("\t")
            cps = tuple(postaux.split(" "))
            by_commune[code] = cps
            for cp in cps:
                reverse.setdefault(cp, []).append(code)
        sources = dict(line.split("\t", 1) for line in sections["S"])
        by_postal = {cp: tuple(sorted(codes)) for cp, codes in reverse.items()}
        return cls(source, sources, by_commune, by_postal)


def _clean(value: str) -> str:
    return value.strip().upper() if isinstance(value, str) else ""


@functools.cache
def load_postal() -> PostalData:
    """The shared postal table, read from the package data on first use (~30 ms)."""
    raw = (resources.files("insvigil.reference") / "data" / DATA_FILE).read_bytes()
    return PostalData.parse(gzip.decompress(raw).decode("utf-8"))


def communes_for_postal(cp: str) -> tuple[str, ...]:
    """The current INSEE codes served by postal code ``cp`` (sorted); empty when unknown."""
    return load_postal().by_postal.get(_clean(cp), ())


def postal_for_commune(code: str) -> tuple[str, ...]:
    """The postal codes of the current commune or arrondissement ``code``; empty otherwise."""
    return load_postal().by_commune.get(_clean(code), ())


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
