"""Candidate birthplace codes: one COG code with its names and validity, for a date range.

A name found in the index (:mod:`insvigil.reference.names_index`) designates one **run** of a
code (consecutive versions: a rename does not break a run, a suppression does; a reused code
such as ``91101``, Algerian commune until 1962 then Essonne commune from 1968, has two runs).
:class:`Expander` turns such a run into the candidate(s) valid in a date range: the run itself
when it covers the range, else the code(s) that COG history links to it in the range (a merged
commune's new code, Ajaccio ``20004`` <-> ``2A004``, a DOM commune -> its territory code before
1946-03-21). A commune of Algeria, Morocco or Tunisia (COG outre-mer table, ``91``-``96``) after
independence gives the country's ``99xxx`` code (a birth there is then a birth abroad); the COG
has no such link, it is the one rule added here, documented in the candidate's ``remarque``.

>>> from insvigil.reference import load
>>> expander = Expander(load())
>>> [c.code for c in expander.expand("20004", date(1943, 1, 1), (date(1990, 1, 1),) * 2, 1.0)]
['2A004']
>>> [c.code for c in expander.expand("91110", date(1943, 1, 1), (date(1980, 1, 1),) * 2, 1.0)]
['99352']
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from insvigil.reference.cog import DOM_CREATION, Cog
from insvigil.reference.cog_history import Run, runs
from insvigil.reference.cog_types import COG_START, Period
from insvigil.reference.names_index import departement_of

__all__ = ["INDEPENDENCES", "Candidate", "Expander", "PlaceSearch", "display_name"]

_MAX_STEPS = 64
#: Communes of the COG outre-mer table that became part of a country: (code prefixes, the
#: country's code, "en Algérie"). The country code's first version starts at independence.
INDEPENDENCES: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("91", "92", "93", "94"), "99352", "en Algérie"),
    (("95",), "99350", "au Maroc"),
    (("96",), "99351", "en Tunisie"),
)
_DOM = ("971", "972", "973", "974", "976")

Span = tuple[date, date]


def _day(value: date) -> str:
    return value.strftime("%d/%m/%Y")


def display_name(period: Period) -> str:
    """A version's name for people: ``libelle`` (« Le Havre »), or a country's short name
    (« Maroc », not « Royaume du Maroc »)."""
    return period.nom if period.nature == "PAYS" else period.libelle


@dataclass(frozen=True, slots=True)
class Candidate:
    """One birthplace code for the typed name (or the given code) and the date range.

    ``valide_du``/``valide_au``: first and last day (inclusive) of the code's run of versions
    that holds the date (``valide_au`` None: still valid; ``valide_du`` 1943-01-01: since the
    start of INSEE's history, which also covers earlier dates). ``libelle_a_la_date``: the
    name in the range (without a range: the run's latest name). ``libelle_actuel``: the name
    of today's code(s) for the place (None when no code carries it on, e.g. an Algerian commune
    before 1962). ``score`` in [0, 1]: 1 exact name, 0.98 same name but for the article,
    below for partial or approximate names. ``nom_reconnu``: the COG name that matched.
    """

    code: str
    libelle_a_la_date: str
    libelle_actuel: str | None
    valide_du: date
    valide_au: date | None
    score: float
    nature: str
    departement: str
    nom_reconnu: str = ""
    codes_actuels: tuple[str, ...] = ()
    remarque: str = ""

    def as_json(self) -> dict[str, object]:
        """The contract's keys first (``insvigil lieu --json``), then the extra ones."""
        return {
            "code": self.code,
            "libelle_a_la_date": self.libelle_a_la_date,
            "libelle_actuel": self.libelle_actuel,
            "valide_du": self.valide_du.isoformat(),
            "valide_au": None if self.valide_au is None else self.valide_au.isoformat(),
            "score": round(self.score, 4),
            "nature": self.nature,
            "departement": self.departement,
            "nom_reconnu": self.nom_reconnu,
            "codes_actuels": list(self.codes_actuels),
            "remarque": self.remarque,
        }


@dataclass(frozen=True, slots=True)
class PlaceSearch:
    """The answer to a name search: candidates best first, and French remarks (why nothing
    is valid at the date, what else bore the name)."""

    saisie: str
    debut: date | None
    fin: date | None
    candidats: tuple[Candidate, ...]
    remarques: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "candidats": [c.as_json() for c in self.candidats],
            "remarques": list(self.remarques),
        }


def _run_of(periods: tuple[Period, ...], day: date) -> Run | None:
    """The run starting, ending or valid on ``day`` (a link date or a version's start)."""
    return next((r for r in runs(periods) if r.touches(day)), None)


class Expander:
    """Builds candidates from (code, version start) pairs against the COG."""

    __slots__ = ("_cog",)

    def __init__(self, cog: Cog) -> None:
        self._cog = cog

    def run(self, code: str, debut: date) -> Run | None:
        return _run_of(self._cog.periods(code), debut)

    def today(self, code: str, run: Run) -> tuple[str, ...]:
        """Today's code(s) for the place of ``code``'s ``run`` (itself when still valid)."""
        if run.fin is None:
            return (code,)
        return tuple(sorted(self._walk(code, run, date.max, date.max, forward=True)))

    def _walk(self, code: str, run: Run, start: date, end: date, *, forward: bool) -> set[str]:
        """Codes valid in ``[start, end]`` reached through history links from ``run``'s end
        (``forward``) or start (backward), one run at a time (cf. cog_history)."""
        data = self._cog._data  # same package: the links are not part of Cog's public API
        day = run.fin if forward else run.debut
        if day is None:
            return set()
        todo, seen, found = [(code, day)], set[tuple[str, date]](), set[str]()
        while todo and len(seen) < _MAX_STEPS:
            current, day = todo.pop()
            if (current, day) in seen:
                continue
            seen.add((current, day))
            links = data.links_from(current) if forward else data.links_into(current)
            for when, other in links:
                other_run = _run_of(self._cog.periods(other), when) if when == day else None
                if other_run is None:
                    continue
                if other_run.intersects(start, end):
                    found.add(other)
                elif forward and other_run.fin is not None and other_run.fin <= end:
                    todo.append((other, other_run.fin))
                elif not forward and other_run.debut > start:
                    todo.append((other, other_run.debut))
        return found

    def candidate(
        self, code: str, run: Run, span: Span | None, score: float, matched: str = ""
    ) -> Candidate:
        """The candidate for ``code``'s ``run`` (which must hold ``span`` when given)."""
        periods = [p for p in self._cog.periods(code) if run.intersects(p.debut, p.debut)]
        period = periods[-1]
        if span is not None:
            period = next((p for p in periods if p.intersects(*span)), period)
        today = self.today(code, run)
        return Candidate(
            code=code,
            libelle_a_la_date=display_name(period),
            libelle_actuel=self._current_name(today),
            valide_du=run.debut,
            valide_au=None if run.fin is None else date.fromordinal(run.fin.toordinal() - 1),
            score=score,
            nature=period.nature,
            departement=departement_of(code),
            nom_reconnu=matched,
            codes_actuels=today,
        )

    def _current_name(self, today: tuple[str, ...]) -> str | None:
        """Today's name of the place: one name, a few joined by « / », or for a territory split
        into many communes (La Réunion in 1946) « N communes (department) »."""
        names = dict.fromkeys(
            display_name(p) for c in today if (p := self._cog.period_at(c, date.max)) is not None
        )
        if len(names) <= 3:
            return " / ".join(names) or None
        departements = {departement_of(c) for c in today}
        label = self._cog.departement(departements.pop()) if len(departements) == 1 else None
        return f"{len(today)} communes" + (f" ({label})" if label else "")

    def expand(self, code: str, debut: date, span: Span | None, score: float) -> list[Candidate]:
        """The candidates for the run of ``code`` holding the version that starts on
        ``debut`` (the version whose name matched): the run itself without a date or when it
        covers ``span``, else the codes valid in ``span`` that history links it to."""
        run = self.run(code, debut)
        if run is None:
            return []
        version = next(p for p in self._cog.periods(code) if p.debut == debut)
        matched = display_name(version)
        if span is None or run.intersects(*span):
            found = self.candidate(code, run, span, score, matched)
            other_name = (
                not version.intersects(*span)
                if span is not None
                else matched != found.libelle_a_la_date
            )
            if other_name:
                found = replace(found, remarque=self._renamed(version))
            return [found]
        forward = run.fin is not None and run.fin <= span[0]
        linked = sorted(self._walk(code, run, *span, forward=forward))
        result = []
        for other in linked:
            other_run = next(
                (r for r in runs(self._cog.periods(other)) if r.intersects(*span)), None
            )
            if other_run is None:
                continue
            found = self.candidate(other, other_run, span, score, matched)
            note = self._history(version, found, forward)
            result.append(replace(found, remarque=note))
        if not result and forward:
            result = self._independence(version, run, span, score)
        return result

    def _renamed(self, version: Period) -> str:
        last = version.derniere_date
        when = f"jusqu'au {_day(last)}" if last else f"depuis le {_day(version.debut)}"
        return f"« {display_name(version)} » : nom de cette commune {when}."

    def _history(self, version: Period, found: Candidate, forward: bool) -> str:
        name = f"{version.code} ({display_name(version)})"
        if forward:
            return (
                f"{name} n'existait plus à cette date (fusion, rattachement ou recodage) : "
                f"code alors en vigueur {found.code} ({found.libelle_a_la_date})."
            )
        if version.code.startswith(_DOM) and found.nature == "TOM":
            return (
                f"{name} n'existait pas encore : les communes des DOM n'ont de code INSEE que "
                f"depuis le {_day(DOM_CREATION)} ; avant, code du territoire {found.code} "
                f"({found.libelle_a_la_date})."
            )
        return (
            f"{name} n'existait pas encore à cette date : code alors en vigueur {found.code} "
            f"({found.libelle_a_la_date})."
        )

    def _independence(self, version: Period, run: Run, span: Span, score: float) -> list[Candidate]:
        if version.nature != "COMER" or run.fin is None:
            return []
        for prefixes, country, where in INDEPENDENCES:
            if not version.code.startswith(prefixes):
                continue
            period = self._cog.period_at(country, *span)
            country_run = None if period is None else self.run(country, period.debut)
            if period is None or country_run is None:
                return []
            found = self.candidate(country, country_run, span, score * 0.99, display_name(version))
            note = (
                f"{version.code} ({display_name(version)}) : commune {where} jusqu'au "
                f"{_day(date.fromordinal(run.fin.toordinal() - 1))} ; une naissance {where} "
                f"après cette date est une naissance à l'étranger : {country} "
                f"({found.libelle_a_la_date})."
            )
            return [replace(found, remarque=note)]
        return []

    def absent(self, code: str, debut: date, span: Span) -> str:
        """Why the run holding the version ``debut`` of ``code`` gives nothing in ``span``."""
        version = next(p for p in self._cog.periods(code) if p.debut == debut)
        run = self.run(code, debut)
        name = f"{code} ({display_name(version)})"
        if run is None:
            return f"{name} : pas de version à cette date."
        if run.debut > span[1]:
            text = f"{name} n'est valable qu'à partir du {_day(run.debut)}"
            for prefixes, country, where in INDEPENDENCES:
                if code == country:
                    low, high = prefixes[0], prefixes[-1]
                    span_codes = f"{low}xxx" if low == high else f"{low}xxx à {high}xxx"
                    text += (
                        f" ; avant, une naissance {where} se code par la commune "
                        f"(codes {span_codes} du COG outre-mer) : indiquer la ville de naissance"
                    )
            return text + "."
        last = _day(date.fromordinal(run.fin.toordinal() - 1)) if run.fin else "aujourd'hui"
        when = f"jusqu'au {last}" if run.debut == COG_START else f"du {_day(run.debut)} au {last}"
        return f"{name} n'était valable que {when}, sans successeur connu dans le COG."
