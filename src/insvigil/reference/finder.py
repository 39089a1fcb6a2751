"""Birthplace codes from a place name as people type it (``insvigil lieu``), and suggestions.

:func:`search_place` (and its short form :func:`find_place`) looks a typed commune, country or
territory name up among every name of the COG since 1943 (:mod:`~.names_index`) and returns
the INSEE code(s) valid at the birth date with the name then and today (:mod:`~.candidates`):

>>> [(c.code, c.libelle_a_la_date) for c in find_place("st etienne", on=date(1980, 1, 1))]
[('42218', 'Saint-Étienne'), ('04178', 'Saint-Étienne')]
>>> [c.code for c in find_place("Ajaccio", on=date(1950, 1, 1))]
['20004']
>>> [c.code for c in find_place("paris XV", on=date(1990, 5, 1))]
['75115']
>>> [c.code for c in find_place("Saint-Denis", on=date(1990, 1, 1), cp="97400")]
['97411']
>>> found = search_place("Maroc", on=date(1950, 1, 1))
>>> [c.code for c in found.candidats], found.remarques[0][:53]
(['99313'], "99350 (Maroc) n'est valable qu'à partir du 02/03/1956")

(``99313``, « Territoires espagnols en Afrique du Nord », is the Spanish zone of Morocco,
matched on its official name « Maroc espagnol, Ifni… »; a birth in the French protectorate
before 1956 has the code of its commune, ``95xxx``, as the remark says.)

Search order, first stage with a candidate wins: the exact key (1.0; 0.98 when only the
article differs); a country or territory whose name holds every typed word (0.9, « Sénégal »
-> « Sénégal et circonscription de Dakar » before 1960); a trailing department given in the
name (« Saint-Denis (Réunion) », « Saint-Denis 93 »); approximate names (rapidfuzz ratio >= 80,
score ratio x 0.95), then, with a department or postal code, approximate names of that area
only (ratio >= 60). A 5-digit number in the name is read as a postal code.

Candidates rank by score, then those without a remark, then (without a date) the still-valid
codes, then by today's legal population of the place (INSEE, via ``population.tsv``: the
Loire's Saint-Étienne before the small Saint-Étienne-les-Orgues, which bore the same name
until 1988), then communes before territories, then by code, so ties stay deterministic.

Without a date, every code that bore the name is returned, the still-valid ones first. With a
date (a :class:`datetime.date`, or a birth date as written in the residents file, possibly
partial: ``1950-00-00``), only codes valid at the date; a name matching only codes of other
dates gives no candidate and a French remark (``PlaceSearch.remarques``).

:func:`suggest_for` is for ``qualify``: the code(s) that would be right for a recorded
birthplace code that is a postal code or not valid at the birth date.

Loading: the arguments are checked first (a bad date or postal code costs no data), then the
compact name index (package data) is read; the COG is loaded when a candidate is built, the
postal table with a postal code, rapidfuzz for approximate names only.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from insvigil.errors import InvalidFormat
from insvigil.reference.candidates import Candidate, PlaceSearch, Span
from insvigil.reference.names_index import name_key
from insvigil.reference.postal import is_postal_code, postal_codes_at, postal_reading

if TYPE_CHECKING:
    from insvigil.reference.search_stages import Finder

__all__ = [
    "Candidate",
    "PlaceSearch",
    "find_place",
    "postal_codes_at",
    "postal_reading",
    "search_place",
    "suggest_for",
]

_MAX_INPUT = 200
_POSTAL = re.compile(r"[0-9]{5}")


def _span(on: date | str | None, until: date | None) -> Span | None:
    if on is None:
        if until is not None:
            raise InvalidFormat("Fin de période sans début.", code="TR04")
        return None
    if isinstance(on, str):
        from insvigil.traits.date import parse  # the residents file's date format

        birth = parse(on)
        return birth.earliest(), birth.latest()
    stop = on if until is None else until
    if stop < on:
        raise InvalidFormat("Fin de période avant son début.", code="TR04")
    return on, stop


def _postal_value(cp: str) -> str:
    value = cp.strip().replace(" ", "")
    if _POSTAL.fullmatch(value) is None:
        shown = value if len(value) <= 10 else value[:10] + "…"
        raise InvalidFormat(f"Code postal « {shown} » invalide : 5 chiffres attendus.", "LIEU_CP")
    return value


def search_place(
    name: str,
    *,
    on: date | str | None = None,
    until: date | None = None,
    departement: str | None = None,
    cp: str | None = None,
    limit: int = 10,
) -> PlaceSearch:
    """The birthplace codes for a typed place name, valid on ``on`` (or in ``[on, until]``;
    ``on`` may be a birth date as text, ``1950-00-00`` meaning some day of 1950).

    Raises :class:`~insvigil.errors.InvalidFormat` for an empty name, an unreadable date
    (``TR04``), an unknown department (``LIEU_DEPARTEMENT``) or a malformed postal code
    (``LIEU_CP``).
    """
    if not isinstance(name, str) or len(name) > _MAX_INPUT:
        raise InvalidFormat(
            f"Nom de lieu illisible ou trop long ({_MAX_INPUT} caractères au plus).", "LIEU_NOM"
        )
    span = _span(on, until)  # the arguments first: no data is read for a bad one
    cp_typed = _postal_value(cp) if cp else None
    words = name_key(name).full.split()
    postal = [w for w in words if _POSTAL.fullmatch(w)]
    key = name_key(" ".join(w for w in words if not _POSTAL.fullmatch(w)))
    if not key.bare:
        raise InvalidFormat("Nom de commune ou de pays vide.", code="LIEU_NOM")
    from insvigil.reference.search_stages import Filter, get_finder, order

    finder = get_finder()
    departements = finder.departement_filter(departement)
    cp_value = cp_typed or (postal[0] if postal else None)
    remarks: list[str] = []
    cp_codes = finder.cp_filter(cp_value, span) if cp_value else frozenset()
    if cp_value and not cp_codes:
        remarks.append(f"Code postal {cp_value} inconnu (base La Poste, 2026).")
    flt = Filter(departements, cp_value, cp_codes)

    found, notes, dropped, approximate = finder.search(key, span, flt, limit)
    remarks.extend(notes)
    if found and approximate:
        remarks.append(f"Aucun nom exact pour « {name.strip()} » : noms approchants.")
    finder.arrondissements(found, span, flt)
    found.sort(key=lambda c: order(c, span, finder.population(c)))
    if not found and dropped:
        remarks.append(
            f"{dropped} candidat(s) écarté(s) par le filtre (département ou code postal)."
        )
    start, stop = span if span is not None else (None, None)
    return PlaceSearch(name, start, stop, tuple(found[: max(limit, 0)]), tuple(remarks))


def find_place(
    name: str,
    *,
    on: date | str | None = None,
    until: date | None = None,
    departement: str | None = None,
    cp: str | None = None,
    limit: int = 10,
) -> list[Candidate]:
    """The candidates of :func:`search_place`, best first."""
    return list(
        search_place(
            name, on=on, until=until, departement=departement, cp=cp, limit=limit
        ).candidats
    )


def suggest_for(code: str | None, start: date, end: date | None = None) -> list[Candidate]:
    """For ``qualify``: the birthplace code(s) that would be right for a recorded ``code`` and
    a birth in ``[start, end]``. Empty when the code is empty (no name to search) or valid at
    the date; a postal code gives its communes at the date; a code valid at another date gives
    the code(s) valid then (COG history, as ``Cog.check(...).codes_a_la_date``) or, for a
    commune of Algeria, Morocco or Tunisia after independence, the country's code.

    >>> [(c.code, c.libelle_a_la_date) for c in suggest_for("2A004", date(1950, 6, 1))]
    [('20004', 'Ajaccio')]
    >>> [(c.code, c.score) for c in suggest_for("75015", date(1980, 1, 1))]
    [('75115', 1.0), ('94015', 0.5)]
    >>> suggest_for("", date.today()), suggest_for("75115", date.today())
    ([], [])

    When the code reads both ways, the reading :func:`postal_reading` prefers scores 1.0 and
    the other 0.5 (``75015`` in 1980: Paris 15e's postal code; also Bry-sur-Marne's INSEE code
    until 1968, now ``94015``).
    """
    if code is None or not isinstance(code, str) or not code.strip():
        return []
    from insvigil.reference.search_stages import get_finder

    value = code.strip().upper()
    stop = start if end is None else end
    finder = get_finder()
    cog = finder.cog
    if cog.is_valid_at(value, start, stop):
        return []
    span = (start, stop)
    result: dict[str, Candidate] = {}
    postal = postal_reading(value, start, stop)
    for commune in postal:
        result.setdefault(commune, _postal_candidate(finder, value, commune, span, 1.0))
    for period in cog.periods(value):
        for found in finder.expander.expand(value, period.debut, span, 1.0 if not postal else 0.5):
            result.setdefault(found.code, found)
    if not postal and is_postal_code(value):
        for commune in postal_codes_at(value, start, stop):
            result.setdefault(commune, _postal_candidate(finder, value, commune, span, 0.5))
    return sorted(result.values(), key=lambda c: (-c.score, c.code))


def _postal_candidate(finder: Finder, cp: str, code: str, span: Span, score: float) -> Candidate:
    period = finder.cog.period_at(code, *span)
    run = None if period is None else finder.expander.run(code, period.debut)
    if run is None:  # cannot happen: postal_codes_at returns codes valid in the span
        raise LookupError(code)
    found = finder.expander.candidate(code, run, span, score)
    note = f"{cp} est un code postal (La Poste), pas un code INSEE : commune {code} à la date."
    return replace(found, remarque=note)
