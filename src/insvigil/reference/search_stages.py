"""The stages of a place-name search and the filters applied to their candidates.

Used by :mod:`insvigil.reference.finder` (the public functions and their documentation); this
module holds the shared :class:`Finder`: the compact name index (package data, read at once),
the COG and its history expander (loaded when a candidate is built), and rapidfuzz (imported
only when no exact name matches).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from datetime import date
from typing import NamedTuple

from insvigil.errors import InvalidFormat
from insvigil.reference.candidates import Candidate, Expander, Span
from insvigil.reference.cog import Cog, load
from insvigil.reference.names_index import Entry, NameKey, departement_of, name_key
from insvigil.reference.place_index import PlaceIndex, load_index
from insvigil.reference.postal import communes_for_postal, postal_codes_at

__all__ = ["ALIASES", "PARTIAL", "Filter", "Finder", "Outcome", "get_finder", "order"]

PARTIAL = 0.9
_FUZZY_CUTOFF = 80.0
_FUZZY_SPREAD = 8.0  # approximate names more than this below the best one are left out
_AREA_CUTOFF = 60.0
_CONNECTORS = frozenset({"DE", "DU", "DES", "D", "EN", "A", "AU", "AUX"})
_NATURE_RANK = {"COM": 0, "ARM": 0, "COMER": 1, "TOM": 2, "PAYS": 2}
_CORSE = frozenset({"20", "2A", "2B"})
_TERRITORIES = frozenset({"PAYS", "TOM"})
_SHORT, _SHORT_CUTOFF = 3, 90.0  # very short names: approximate matches must be closer
#: Country names people use that are not COG names (bare keys). Only tried when the typed
#: name matches nothing exactly (« US » is a commune of the Val-d'Oise). England, Scotland,
#: Wales and Northern Ireland are coded as the United Kingdom (99132).
ALIASES = {
    "USA": "ETATS UNIS",
    "UK": "ROYAUME UNI",
    "ANGLETERRE": "ROYAUME UNI",
    "GRANDE BRETAGNE": "ROYAUME UNI",
    "ECOSSE": "ROYAUME UNI",
    "PAYS DE GALLES": "ROYAUME UNI",
    "IRLANDE DU NORD": "ROYAUME UNI",
    "HOLLANDE": "PAYS BAS",
    "RFA": "REPUBLIQUE FEDERALE D ALLEMAGNE",
    "RDA": "REPUBLIQUE DEMOCRATIQUE ALLEMANDE",
}


class Outcome(NamedTuple):
    """What the stages found: candidates, remarks, how many the filter dropped, and whether
    the candidates come from approximate names."""

    found: list[Candidate]
    remarks: list[str]
    dropped: int
    approximate: bool


@dataclass(frozen=True, slots=True)
class Filter:
    """What ``--departement`` / ``--cp`` keep: a candidate whose code, matched code or
    today's code is in one of the departments; whose code or today's code is one of the
    postal code's communes (today's, or their codes at the date)."""

    departements: frozenset[str] | None = None
    cp: str | None = None
    cp_codes: frozenset[str] = frozenset()  # the postal code's communes: today's and at the date

    def keeps(self, candidate: Candidate, matched_code: str) -> bool:
        if self.departements is not None:
            codes = (candidate.code, matched_code, *candidate.codes_actuels)
            if not any(departement_of(c) in self.departements for c in codes):
                return False
        if self.cp is not None:
            codes = (candidate.code, *candidate.codes_actuels)
            return any(c in self.cp_codes for c in codes)
        return True

    @property
    def active(self) -> bool:
        return self.departements is not None or self.cp is not None


class Finder:
    """The name index, the COG and the history expander, with the search stages."""

    __slots__ = ("_expander", "departements", "dept_names", "index")

    def __init__(self, index: PlaceIndex) -> None:
        self.index = index
        self.departements = index.departements
        self.dept_names = index.dept_names
        self._expander: Expander | None = None

    @property
    def cog(self) -> Cog:
        return load()

    @property
    def expander(self) -> Expander:
        if self._expander is None:
            self._expander = Expander(load())
        return self._expander

    def population(self, candidate: Candidate) -> int:
        """The population of the candidate's place today (its code or today's codes for it):
        ranks homonyms, the largest town first (« st etienne »: 42218 before 04178)."""
        codes = (candidate.code, *candidate.codes_actuels)
        return max(self.index.population(code) for code in codes)

    # -- inputs ---------------------------------------------------------------------------
    def departement_filter(self, raw: str | None) -> frozenset[str] | None:
        if raw is None or not raw.strip():
            return None
        value = raw.strip().upper()
        value = value.zfill(2) if value.isdigit() and len(value) == 1 else value
        if value not in self.departements:
            raise InvalidFormat(
                f"Département « {value[:10]} » inconnu : code attendu comme 01, 2A, 2B, 20 "
                "(Corse avant 1976), 971 à 976, ou 99 (étranger).",
                code="LIEU_DEPARTEMENT",
            )
        return _CORSE if value == "20" else frozenset({value})

    def cp_filter(self, cp: str, span: Span | None) -> frozenset[str]:
        current = communes_for_postal(cp)
        if span is None:
            return frozenset(current)
        return frozenset(current) | frozenset(postal_codes_at(cp, *span, arrondissements=False))

    # -- stages ---------------------------------------------------------------------------
    def search(self, key: NameKey, span: Span | None, flt: Filter, limit: int) -> Outcome:
        """Run the stages in order (see :mod:`insvigil.reference.finder`)."""
        matches = self.exact(key)
        found, remarks, dropped = self.collect(matches, span, flt)
        countries = [e for e, _ in matches if e.nature in _TERRITORIES]
        if not found or (countries and all(c.nature not in _TERRITORIES for c in found)):
            # a country typed for a date its code does not cover: what did the COG have then?
            more, _, dropped_more = self.collect(self.territories(key), span, flt)
            found, dropped = _merge(found, more), dropped + dropped_more
        if found or matches:
            return Outcome(found, remarks, dropped, approximate=False)
        split, hinted = self.split(key)
        if hinted is not None:
            narrowed = hinted if flt.departements is None else hinted & flt.departements
            found, _, dropped_more = self.collect(
                split, span, replace(flt, departements=frozenset(narrowed))
            )
            dropped += dropped_more
            if found or split:
                return Outcome(found, remarks, dropped, approximate=False)
        found, _, dropped_more = self.collect(self.fuzzy(key, limit), span, flt)
        dropped += dropped_more
        if not found and flt.active:
            area = self.fuzzy(key, limit, self.area_keys(flt))
            found, _, _ = self.collect(area, span, flt)
        return Outcome(found, remarks, dropped, approximate=True)

    def exact(self, key: NameKey) -> list[tuple[Entry, float]]:
        found = [(e, 1.0 if e.full == key.full else 0.98) for e in self.index.exact(key)]
        alias = ALIASES.get(key.bare)
        if not found and alias is not None:
            found = [(e, 0.97) for e in self.index.entries(alias)]
        return found

    def territories(self, key: NameKey) -> list[tuple[Entry, float]]:
        return [(e, PARTIAL) for e in self.index.territories_containing(key)]

    def split(self, key: NameKey) -> tuple[list[tuple[Entry, float]], frozenset[str] | None]:
        """« SAINT DENIS DE LA REUNION » -> (« SAINT DENIS », {974})."""
        tokens = key.full.split()
        for i in range(len(tokens) - 1, 0, -1):
            tail = tokens[i:]
            while tail and tail[0] in _CONNECTORS:
                tail = tail[1:]
            label = name_key(" ".join(tail)).bare
            code = label if label in self.departements else self.dept_names.get(label)
            if code is None:
                continue
            head = name_key(" ".join(tokens[:i]))
            found = self.exact(head) or self.territories(head)
            if found:
                return [(e, s * 0.97) for e, s in found], (
                    _CORSE if code == "20" else frozenset({code})
                )
        return [], None

    def fuzzy(
        self, key: NameKey, limit: int, choices: list[str] | None = None
    ) -> list[tuple[Entry, float]]:
        from rapidfuzz import fuzz, process  # only here: its import costs ~15 ms a call

        if choices is not None:
            cutoff = _AREA_CUTOFF
        else:
            cutoff = _SHORT_CUTOFF if len(key.bare) <= _SHORT else _FUZZY_CUTOFF
        hits = process.extract(
            key.bare,
            self.index.keys() if choices is None else choices,
            scorer=fuzz.ratio,
            score_cutoff=cutoff,
            limit=max(3 * limit, 20),
        )
        best = max((score for _, score, _ in hits), default=0.0)
        return [
            (entry, round(score / 100 * 0.95, 4))
            for choice, score, _ in hits
            if score >= best - _FUZZY_SPREAD
            for entry in self.index.entries(choice)
        ]

    def area_keys(self, flt: Filter) -> list[str]:
        if flt.cp is not None:
            codes: set[str] = set(flt.cp_codes)
            for code in list(codes):
                codes.update(self.cog.codes_at(code, date.min, date.max))
        else:
            wanted = flt.departements or frozenset()
            codes = {c for c in self.cog.codes() if departement_of(c) in wanted}
        return sorted({k for c in codes for k in self._names_of(c)})

    def _names_of(self, code: str) -> set[str]:
        """The bare keys of every name ``code`` bore (as the index holds them)."""
        return {name_key(n).bare for p in self.cog.periods(code) for n in (p.libelle, p.nom)}

    # -- candidates -----------------------------------------------------------------------
    def collect(
        self, matches: list[tuple[Entry, float]], span: Span | None, flt: Filter
    ) -> tuple[list[Candidate], list[str], int]:
        """Candidates kept by the filter, remarks for names valid at other dates only, and
        the number of candidates the filter dropped."""
        kept: dict[tuple[str, date], Candidate] = {}
        absent: dict[str, None] = {}
        dropped = 0
        # latest versions first: on a tie, the remark names the most recent code
        for entry, score in sorted(matches, key=lambda m: m[0].debut, reverse=True):
            expanded = self.expander.expand(entry.code, entry.debut, span, score)
            if not expanded and span is not None:
                absent[self.expander.absent(entry.code, entry.debut, span)] = None
            for found in expanded:
                if score == PARTIAL and not found.remarque:
                    partial = self.cog.periods(entry.code)
                    label = next(p.libelle for p in partial if p.debut == entry.debut)
                    found = replace(found, remarque=f"Correspondance partielle : « {label} ».")
                if not flt.keeps(found, entry.code):
                    dropped += 1
                    continue
                slot = (found.code, found.valide_du)
                previous = kept.get(slot)
                if previous is None or _rank(found) < _rank(previous):
                    kept[slot] = found
        return list(kept.values()), list(absent), dropped

    def arrondissements(self, found: list[Candidate], span: Span | None, flt: Filter) -> None:
        """Paris, Lyon, Marseille: with a postal code, add its arrondissements (ahead of the
        commune); without, say that the arrondissement is the precise birthplace."""
        for i, cand in enumerate(list(found)):
            if cand.nature != "COM":
                continue
            arms = [a for a in self.index.arrondissements(cand.code)
                    if span is None or self.cog.is_valid_at(a, *span)]  # fmt: skip
            if not arms:
                continue
            added = [a for a in arms if a in flt.cp_codes] if flt.cp is not None else []
            for arm in added:
                period = (
                    self.cog.periods(arm)[-1] if span is None else self.cog.period_at(arm, *span)
                )
                run = None if period is None else self.expander.run(arm, period.debut)
                if run is not None and all(c.code != arm for c in found):
                    found.append(self.expander.candidate(arm, run, span, cand.score))
            if added:
                note = f"le code postal {flt.cp} désigne l'arrondissement {', '.join(added)}."
            else:
                note = (
                    f"commune à arrondissements municipaux ({arms[0]} à {arms[-1]}) : l'état "
                    "civil enregistre la naissance dans un arrondissement ; le préciser (ex. « "
                    f"{cand.libelle_a_la_date} 3 ») ou donner le code postal."
                )
            found[i] = replace(cand, remarque=cand.remarque or note)


def _merge(first: list[Candidate], second: list[Candidate]) -> list[Candidate]:
    seen = {(c.code, c.valide_du) for c in first}
    return first + [c for c in second if (c.code, c.valide_du) not in seen]


def _rank(c: Candidate) -> tuple[float, bool, int, str]:
    return (-c.score, c.remarque != "", _NATURE_RANK.get(c.nature, 3), c.code)


def order(
    c: Candidate, span: Span | None, population: int = 0
) -> tuple[float, bool, bool, int, int, str, date]:
    """The candidates' order: best score, without remark, still valid (without a date), the
    most populated place today, a commune before a territory; the code last (deterministic)."""
    still = span is None and c.valide_au is not None
    nature = _NATURE_RANK.get(c.nature, 3)
    return (-c.score, c.remarque != "", still, -population, nature, c.code, c.valide_du)


def get_finder() -> Finder:
    """The shared finder: the name index is read on first use (a few milliseconds)."""
    return _finder()


@functools.cache
def _finder() -> Finder:
    return Finder(load_index())
