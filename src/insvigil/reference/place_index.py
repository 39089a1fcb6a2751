"""The compact name index of ``insvigil lieu``, read from the package data ``lieux_index.txt``.

Every name the COG gave a place since 1943, reduced to its comparison key
(:func:`~insvigil.reference.names_index.name_key`), with the versions that bore it; plus what
the search needs beside the names: the department codes and names, the municipal
arrondissements, the countries and territories (partial matches) and the population of each
current commune (to rank homonyms: « st etienne » gives Saint-Étienne, Loire, first).

The file is generated offline by ``reference/insee_communes/update_index.py`` from the COG
tables and ``population.tsv`` (provenance in that folder's README), and committed. Reading it
costs one file read: each section is located once, a name's line is found by a binary
search of the sorted section when asked for (no parsing of the 47,000 entries), the list of
every key only when an approximate search needs it. Building the same index from the COG in
memory (:class:`~insvigil.reference.names_index.NameIndex`) takes more than half a second.

Format (UTF-8, one record per line, fields separated by TAB, sections in this order)::

    insvigil-lieux<TAB>1<TAB>COG 2026
    #S <n>   sources: name, SHA-256 (the COG text inside cog.txt.gz; population.tsv)
    #D <n>   department codes (every code's department part), each with the key of its 2026
             name (empty when the COG has none: 99, 91 to 96, 98x…)
    #A <n>   communes with municipal arrondissements: code, arrondissement codes (spaces)
    #T <n>   countries and territories: key, then one version "code,YYYYMMDD,nature,article"
    #R <n>   population: current code, population
    #K <n>   names: key, then the versions that bore it "code,YYYYMMDD,nature,article"
             separated by ";" (article: the leading article of the name, often empty)

>>> index = load_index()
>>> [(e.code, e.full) for e in index.entries("HAVRE")]  # LIBELLE, then NCCENR
[('76351', 'LE HAVRE'), ('76351', 'HAVRE')]
>>> index.population("42218") > index.population("04178")
True
"""

from __future__ import annotations

import functools
from datetime import date

from insvigil.reference._files import read_data, sections, sorted_line
from insvigil.reference.names_index import Entry, NameKey

__all__ = ["DATA_FILE", "MAGIC", "PlaceIndex", "load_index"]

DATA_FILE = "lieux_index.txt"
MAGIC = "insvigil-lieux\t1\t"
_TAGS = "SDATRK"


def _day(text: str) -> date:
    return date(int(text[:4]), int(text[4:6]), int(text[6:8]))


def _entry(bare: str, raw: str) -> Entry:
    code, debut, nature, article = raw.split(",")
    return Entry(code, _day(debut), f"{article} {bare}" if article else bare, nature)


class PlaceIndex:
    """The package data's sections, looked up on demand."""

    __slots__ = (
        "_bounds",
        "_entries",
        "_keys",
        "_territories",
        "_text",
        "arrondissements_of",
        "departements",
        "dept_names",
        "sources",
        "vintage",
    )

    def __init__(self, text: str) -> None:
        if not text.startswith(MAGIC):
            raise ValueError("not an insvigil place index (format 1)")
        self._text = text
        self.vintage = text[len(MAGIC) : text.index("\n")]
        self._bounds = sections(text, _TAGS)
        self.sources = dict(line.split("\t") for line in self._lines("S"))
        departements = [line.split("\t") for line in self._lines("D")]
        self.departements = frozenset(code for code, _ in departements)
        names = {"CORSE": "20"}
        names.update((bare, code) for code, bare in departements if bare)
        self.dept_names = names
        self.arrondissements_of = {
            commune: tuple(arms.split(" "))
            for commune, arms in (line.split("\t") for line in self._lines("A"))
        }
        self._entries: dict[str, tuple[Entry, ...]] = {}
        self._keys: list[str] | None = None
        self._territories: tuple[tuple[frozenset[str], Entry], ...] | None = None

    def _lines(self, tag: str) -> list[str]:
        start, end = self._bounds[tag]
        return self._text[start:end].splitlines()

    def _field(self, tag: str, key: str) -> str | None:
        """The rest of the line of section ``tag`` (sorted) whose first field is ``key``."""
        if not key or "\n" in key or "\t" in key:
            return None
        return sorted_line(self._text, *self._bounds[tag], key)

    def entries(self, bare: str) -> tuple[Entry, ...]:
        """The versions whose name has the bare key ``bare``."""
        cached = self._entries.get(bare)
        if cached is None:
            raw = self._field("K", bare)
            cached = () if raw is None else tuple(_entry(bare, r) for r in raw.split(";"))
            self._entries[bare] = cached
        return cached

    def exact(self, key: NameKey) -> tuple[Entry, ...]:
        """The versions whose name has the same bare key."""
        return self.entries(key.bare)

    def keys(self) -> list[str]:
        """Every bare key, sorted (the choices of the approximate search)."""
        if self._keys is None:
            self._keys = [line.partition("\t")[0] for line in self._lines("K")]
        return self._keys

    def territories_containing(self, key: NameKey) -> list[Entry]:
        """Countries and territories whose name contains every word of ``key`` (« Sénégal » in
        « Sénégal et circonscription de Dakar »), for names no exact key matches."""
        words = set(key.bare.split())
        if not words:
            return []
        if self._territories is None:
            pairs = (line.split("\t") for line in self._lines("T"))
            self._territories = tuple(
                (frozenset(bare.split()), _entry(bare, raw)) for bare, raw in pairs
            )
        return [entry for name_words, entry in self._territories if words <= name_words]

    def arrondissements(self, commune: str) -> tuple[str, ...]:
        """The municipal arrondissements of a commune (``75056`` -> ``75101`` … ``75120``)."""
        return self.arrondissements_of.get(commune, ())

    def population(self, code: str) -> int:
        """The legal population of a current commune or arrondissement; 0 when unknown (a
        code no longer in use, a country, a territory)."""
        raw = self._field("R", code)
        return 0 if raw is None else int(raw)


@functools.cache
def load_index() -> PlaceIndex:
    """The shared index, read from the package data on first use (a few milliseconds)."""
    return PlaceIndex(read_data(DATA_FILE).decode("utf-8"))
