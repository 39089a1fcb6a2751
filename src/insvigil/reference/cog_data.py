"""Reading the package data written by ``reference/insee_communes/update.py`` (``cog.txt.gz``).

Loading only locates the sections: a code's line is found in the text by a binary search the
first time its periods are asked for (the places section is one line per code, sorted), and
its history links by a substring search of the links section the first time they are
needed. That keeps the load to the decompression, under 10 ms, which ``insvigil lieu`` pays
at each call. The format is described in the update script's docstring.

>>> data = CogData.parse(SAMPLE)
>>> data.vintage, data.periods("2A004")[0].libelle, data.periods("nope")
('COG 2026', 'Ajaccio', ())
>>> data.links_from("20004"), data.links_into("2A004")
(((datetime.date(1976, 1, 1), '2A004'),), ((datetime.date(1976, 1, 1), '20004'),))
>>> data.arrondissement_parent("75115"), data.departement("2A")
('75056', 'Corse-du-Sud')
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date

from insvigil.reference._files import read_data, sections, sorted_line
from insvigil.reference.cog_types import Period

__all__ = ["DATA_FILE", "CogData", "read_package_data"]

DATA_FILE = "cog.txt.gz"
_MAGIC = "insvigil-cog\t1\t"

SAMPLE = "\n".join(
    [
        "insvigil-cog\t1\tCOG 2026",
        "#S 0",
        "#P 3",
        "20004\tCOM|19430101|19760101|Ajaccio|",
        "2A004\tCOM|19760101||Ajaccio|",
        "75115\tARM|19430101||Paris 15e Arrondissement|",
        "#L 1",
        "19760101\t20004\t2A004\t41\tES",
        "#A 1",
        "75115\t75056",
        "#D 1",
        "2A\tCorse-du-Sud",
        "",
    ]
)

_Edges = tuple[tuple[date, str], ...]


_CODE_LENGTH = 5
_SCANS = 64  # codes whose links are looked up one by one before all links are parsed
_LOOKUPS = 256  # codes looked up by a binary search before the places are split at once


def read_package_data() -> str:
    """The decompressed text of the package data file."""
    return zlib.decompress(read_data(DATA_FILE), wbits=31).decode("utf-8")  # 31: gzip


def _pairs(lines: list[str]) -> dict[str, str]:
    return dict(line.split("\t", 1) for line in lines)


def _parse_period(code: str, raw: str) -> Period:
    nature, debut, fin, libelle, nom = raw.split("|")
    return Period(
        code,
        nature,
        libelle,
        date.fromisoformat(debut),
        date.fromisoformat(fin) if fin else None,
        nom or libelle,
    )


@dataclass(slots=True)
class CogData:
    """The parsed package data; periods and links are decoded lazily and cached."""

    vintage: str
    sources: dict[str, str]
    _text: str
    _places: tuple[int, int]  # the places section's body in _text: one line per code
    _links_at: tuple[int, int]  # the links section's body in _text: one line per link
    _arrondissements: dict[str, str]
    _departements: dict[str, str]
    _periods: dict[str, tuple[Period, ...]] = field(default_factory=dict)
    _links: dict[str, tuple[_Edges, _Edges]] = field(default_factory=dict)
    _all_links: bool = False
    _raw_places: dict[str, str] | None = None
    _codes: list[str] | None = None

    @classmethod
    def parse(cls, text: str) -> CogData:
        if not text.startswith(_MAGIC):
            raise ValueError("not an insvigil COG data file (format 1)")
        vintage = text[len(_MAGIC) : text.index("\n")]
        bounds = sections(text, "SPLAD")

        def lines(tag: str) -> list[str]:
            start, end = bounds[tag]
            return text[start:end].splitlines()

        return cls(
            vintage,
            _pairs(lines("S")),
            text,
            bounds["P"],
            bounds["L"],
            _pairs(lines("A")),
            _pairs(lines("D")),
        )

    def codes(self) -> list[str]:
        """Every place code, sorted."""
        if self._codes is None:
            start, end = self._places
            body = self._text[start:end].splitlines()
            self._codes = sorted(line[:_CODE_LENGTH] for line in body)
        return list(self._codes)

    def _raw_place(self, code: str) -> str | None:
        """The line of ``code`` in the places section, without the code; None if absent.

        The first codes are found by a binary search of the section (what one ``insvigil
        lieu`` call needs); past ``_LOOKUPS`` codes (``qualify`` checks thousands), the
        section is split into a dictionary once."""
        if self._raw_places is not None:
            return self._raw_places.get(code)
        if len(self._periods) >= _LOOKUPS:
            start, end = self._places
            lines = self._text[start:end].splitlines()
            self._raw_places = {line[:_CODE_LENGTH]: line[_CODE_LENGTH + 1 :] for line in lines}
            return self._raw_places.get(code)
        if len(code) != _CODE_LENGTH or "\n" in code or "\t" in code:
            return None
        return sorted_line(self._text, *self._places, code)

    def periods(self, code: str) -> tuple[Period, ...]:
        """The versions of ``code`` sorted by start date; empty for an unknown code."""
        cached = self._periods.get(code)
        if cached is None:
            raw = self._raw_place(code)
            fields = raw.split("\t") if raw is not None else []
            cached = tuple(_parse_period(code, f) for f in fields)
            self._periods[code] = cached
        return cached

    def _edges(self, code: str) -> tuple[_Edges, _Edges]:
        """The links ending ``code`` ("E") and starting it ("S"), in the file's order.

        The first few codes asked for are found by a substring search of the links section
        (no parsing of the other lines: what one ``insvigil lieu`` call needs); past
        ``_SCANS`` codes (``qualify`` checks thousands), every link is parsed once instead."""
        cached = self._links.get(code)
        if cached is not None:
            return cached
        if len(self._links) >= _SCANS:
            if not self._all_links:
                self._parse_all_links()
            return self._links.get(code, ((), ()))
        ends: list[tuple[date, str]] = []
        starts: list[tuple[date, str]] = []
        text, (start, end) = self._text, self._links_at
        needle = f"\t{code}\t"  # codes are the 2nd and 3rd fields, after the date
        at = text.find(needle, start, end) if "\n" not in code else -1
        while at != -1:
            line = text.rfind("\n", start - 1, at) + 1
            stop = text.find("\n", at, end)
            stop = end if stop == -1 else stop
            day, before, after, _kind, flags = text[line:stop].split("\t")
            when = date.fromisoformat(day)
            if before == code and "E" in flags:
                ends.append((when, after))
            if after == code and "S" in flags:
                starts.append((when, before))
            at = text.find(needle, stop, end)
        cached = (tuple(ends), tuple(starts))
        self._links[code] = cached
        return cached

    def _parse_all_links(self) -> None:
        """Every code's links, parsed at once (the codes without any get none)."""
        ends: dict[str, list[tuple[date, str]]] = {}
        starts: dict[str, list[tuple[date, str]]] = {}
        start, end = self._links_at
        for line in self._text[start:end].splitlines():
            day, before, after, _kind, flags = line.split("\t")
            when = date.fromisoformat(day)
            if "E" in flags:
                ends.setdefault(before, []).append((when, after))
            if "S" in flags:
                starts.setdefault(after, []).append((when, before))
        self._links = {
            code: (tuple(ends.get(code, ())), tuple(starts.get(code, ())))
            for code in ends.keys() | starts.keys()
        }
        self._all_links = True

    def links_from(self, code: str) -> tuple[tuple[date, str], ...]:
        """``(day, successor)`` for each time ``code`` ended and another code took over."""
        return self._edges(code)[0]

    def links_into(self, code: str) -> tuple[tuple[date, str], ...]:
        """``(day, predecessor)`` for each time ``code`` started from another code."""
        return self._edges(code)[1]

    def arrondissement_parent(self, code: str) -> str | None:
        """The commune of a municipal arrondissement (``75115`` -> ``75056``), else None."""
        return self._arrondissements.get(code)

    def departement(self, code: str) -> str | None:
        """The 2026 name of a department (``01`` … ``976``), else None."""
        return self._departements.get(code)
