"""MI04: does a matricule contradict the strict traits it travels with?

Each reason is a finding with code MI04: ``BLOQUANTE`` for a contradiction (typical cause: the
ouvrant droit's NIR copied from the carte Vitale), ``INFO`` for what cannot be checked or is only
a note (sex ``I``, an unknown month, an arrondissement coded instead of its commune). Dates are
ranges (``1950-00-00`` is any day of 1950), so a check only contradicts when no possible date
agrees. A message says which part of the matricule disagrees with which trait and shows the
record's own value, never the matricule's digits. Corsica coded across the 1976 split is a
warning of its own, MI08 (:func:`corsica`). Sources: domain.md §2.1 (MI04).

All values below are synthetic.

>>> from datetime import date
>>> [f.gravite.value for f in check("283052A00412307", sexe="M")]
['BLOQUANTE']
>>> check("283052A00412307", sexe="F", naissance=(date(1983, 5, 12), date(1983, 5, 12)))
()
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Protocol

from insvigil.findings import Finding, Gravite, make, register

CODE = "MI04"
CORSICA_CODE = "MI08"  # the Corsican warning (:func:`corsica`), not a contradiction
CORSICA_SPLIT = date(1976, 1, 1)  # 20xxx until this date, 2A/2B from it (COG)
#: Department parts of a Corsican birthplace code (20 before 1976, 2A/2B from then).
CORSICAN = frozenset({"20", "2A", "2B"})


class PlaceComparer(Protocol):
    """What coherence needs of the COG reference (``insvigil.reference.cog.Cog``)."""

    def same_place(self, a: str, b: str, start: date, end: date) -> StrEnum: ...


#: MI04's messages (variant -> template; the record's own value in ``{0}``) and MI08's.
MESSAGES = {
    "sexe_i": "Sexe indéterminé (I) : la cohérence avec le sexe codé dans le matricule n'est pas "
    "vérifiable.",
    "sexe": "Le sexe codé dans le matricule ne correspond pas au sexe du dossier ({0}).",
    "annee": "L'année de naissance codée dans le matricule ne correspond pas à la date de "
    "naissance du dossier ({0}).",
    "mois_hors": "Le mois de naissance codé dans le matricule est hors 01-12 (mois inconnu à "
    "l'état civil) : sa cohérence avec la date de naissance du dossier ({0}) n'est pas "
    "vérifiable.",
    "mois": "Le mois de naissance codé dans le matricule ne correspond pas à la date de "
    "naissance du dossier ({0}).",
    "arrondissement": "Le lieu de naissance codé dans le matricule et celui du dossier ({0}) "
    "désignent le même lieu (arrondissement et commune).",
    "lieu_inconnu": "Le lieu de naissance codé dans le matricule est inconnu du COG à la date de "
    "naissance : sa cohérence avec le lieu de naissance du dossier ({0}) n'est pas vérifiable.",
    "lieu": "Le lieu de naissance codé dans le matricule ne correspond pas au lieu de naissance "
    "du dossier ({0}).",
}
CORSICA_MESSAGES = {
    "corse": "La Corse est codée dans le matricule selon un découpage qui ne correspond pas à "
    "la date de naissance du dossier ({0}) : 20 avant le 1er janvier 1976, 2A ou 2B ensuite. "
    "Aucun texte de l'INSEE ne tranche et l'INSi peut renvoyer un tel matricule : à vérifier "
    "(par exemple le NIR de l'ouvrant droit recopié), sans effet sur le statut.",
}
register(CODE, MESSAGES)
register(CORSICA_CODE, CORSICA_MESSAGES)


def _finding(gravite: Gravite, variant: str, trait: str, *params: str) -> Finding:
    return make(CODE, variant, gravite, params, trait)


def shown_date(start: date, end: date) -> str:
    """The record's birth date as written, from its range (``1950-00-00`` is all of 1950).

    Messages show the record's own values, never the matricule's digits: with the masked
    form's first digit and key, the matricule's year, month and place would give away 12 of
    its 15 characters (issue 15).

    >>> shown_date(date(1983, 5, 12), date(1983, 5, 12))
    '1983-05-12'
    >>> shown_date(date(1950, 1, 1), date(1950, 12, 31))
    '1950-00-00'
    >>> shown_date(date(1950, 2, 1), date(1950, 2, 28))
    '1950-02-00'
    >>> shown_date(date(1950, 12, 1), date(1950, 12, 31))
    '1950-12-00'
    """
    if start == end:
        return start.isoformat()
    if start.year == end.year and (start.month, start.day, end.month, end.day) == (1, 1, 12, 31):
        return f"{start.year}-00-00"
    next_month = date(end.year + end.month // 12, end.month % 12 + 1, 1)
    whole_month = start.day == 1 and (next_month - end).days == 1
    if (start.year, start.month) == (end.year, end.month) and whole_month:
        return f"{start.year}-{start.month:02d}-00"
    return f"entre le {start.isoformat()} et le {end.isoformat()}"


def _check_sex(value: str, sexe: str) -> Finding | None:
    digit = value[0]
    wanted = sexe.strip().upper()
    if wanted == "I":
        return _finding(Gravite.INFO, "sexe_i", "sexe")
    expected = {"M": "1", "F": "2"}.get(wanted)
    if expected is not None and digit != expected:
        return _finding(Gravite.BLOQUANTE, "sexe", "sexe", wanted)
    return None


@lru_cache(maxsize=1 << 17)
def check_date(yymm: str, start: date, end: date) -> tuple[Finding, ...]:
    """Findings for the matricule's year and month (``yymm``, positions 2-5) and a birth range
    (cached: the answer depends on these alone, and birth dates repeat). Messages name the
    part that disagrees and show the record's date, never the matricule's digits."""
    found: list[Finding] = []
    yy = yymm[:2]
    years = {start.year % 100, end.year % 100} | {y % 100 for y in range(start.year, end.year + 1)}
    if int(yy) not in years:
        found.append(_finding(Gravite.BLOQUANTE, "annee", "date_naissance", shown_date(start, end)))
    mm = int(yymm[2:])
    month_known = start.year == end.year and start.month == end.month
    if not 1 <= mm <= 12:
        found.append(_finding(Gravite.INFO, "mois_hors", "date_naissance", shown_date(start, end)))
    elif month_known and mm != start.month:
        found.append(_finding(Gravite.BLOQUANTE, "mois", "date_naissance", shown_date(start, end)))
    return tuple(found)


def corsica(matricule: str, start: date, end: date) -> Finding | None:
    """MI08: a Corsican department coded as it was not at the birth date (``2A``/``2B`` for a
    birth before 1976-01-01, ``20`` for a birth from then): a warning (MINEURE), never a
    contradiction. domain.md §2.1 and §13.6: no INSEE text settles how a NIR codes a Corsican
    birth across the 1976 split, and a CNAM INSi test identity (born 1960, ``2B020``) shows
    INSi returns such matricules; it may also be the ouvrant droit's NIR. Only a birth range
    wholly on one side of the split is checked (SAFE: a range across it says nothing).

    >>> corsica("160012B02012385", date(1960, 1, 1), date(1960, 1, 1)).gravite.value
    'MINEURE'
    >>> corsica("283052A00412307", date(1983, 5, 12), date(1983, 5, 12)) is None
    True
    """
    dept = matricule[5:7]
    if dept not in CORSICAN:
        return None
    early = end < CORSICA_SPLIT
    late = start >= CORSICA_SPLIT
    if not ((dept in ("2A", "2B") and early) or (dept == "20" and late)):
        return None
    return make(CORSICA_CODE, "corse", Gravite.MINEURE, (shown_date(start, end),), "lieu_naissance")


def _check_place(
    place: str, lieu: str, start: date, end: date, cog: PlaceComparer
) -> Finding | None:
    if place == lieu:  # the same code: nothing to map (an unknown code is TR06's business)
        return None
    verdict = cog.same_place(place, lieu.strip().upper(), start, end).value
    if verdict in ("IDENTIQUE", "MEME_COMMUNE"):
        return None
    if verdict == "ARRONDISSEMENT":
        return _finding(Gravite.INFO, "arrondissement", "lieu_naissance", lieu)
    if verdict == "INCONNU":
        return _finding(Gravite.INFO, "lieu_inconnu", "lieu_naissance", lieu)
    return _finding(Gravite.BLOQUANTE, "lieu", "lieu_naissance", lieu)


def check(
    matricule: str,
    *,
    sexe: str | None = None,
    naissance: tuple[date, date] | None = None,
    lieu: str | None = None,
    cog: PlaceComparer | None = None,
) -> tuple[Finding, ...]:
    """MI04 findings for a compacted 15-character matricule (its key is checked elsewhere).

    ``naissance`` is the range of possible birth dates; ``lieu`` the INSEE birthplace code, only
    checked when ``cog`` is given.
    """
    value = matricule
    found: list[Finding] = []
    # Fast paths: the sex digit that goes with M/F, the very code of the birthplace; anything
    # else gets the full check. (How Corsica is coded across 1976 is MI08's, :func:`corsica`.)
    if sexe and not ((sexe == "M" and value[0] == "1") or (sexe == "F" and value[0] == "2")):
        sex_finding = _check_sex(value, sexe)
        if sex_finding is not None:
            found.append(sex_finding)
    if naissance is not None:
        start, end = naissance
        found.extend(check_date(value[1:5], start, end))
        if lieu and cog is not None:
            place = value[5:10]
            if place != lieu:
                place_finding = _check_place(place, lieu, start, end, cog)
                if place_finding is not None:
                    found.append(place_finding)
    return tuple(found)
