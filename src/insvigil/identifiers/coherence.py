"""MI04: does a matricule contradict the strict traits it travels with?

Each reason is a finding with code MI04: ``BLOQUANTE`` for a contradiction (typical cause: the
ouvrant droit's NIR copied from the carte Vitale), ``INFO`` for what cannot be checked or is only
a note (sex ``I``, an unknown month, an arrondissement coded instead of its commune). Dates are
ranges (``1950-00-00`` is any day of 1950), so a check only contradicts when no possible date
agrees. Sources: domain.md §2.1 (MI04).

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

from insvigil.findings import Finding, Gravite

CODE = "MI04"
CORSICA_SPLIT = date(1976, 1, 1)  # 20xxx until this date, 2A/2B from it (COG)
_SEX_LABEL = {"1": "1 = homme", "2": "2 = femme"}
#: Department parts of a Corsican birthplace code (20 before 1976, 2A/2B from then).
CORSICAN = frozenset({"20", "2A", "2B"})


class PlaceComparer(Protocol):
    """What coherence needs of the COG reference (``insvigil.reference.cog.Cog``)."""

    def same_place(self, a: str, b: str, start: date, end: date) -> StrEnum: ...


def _finding(gravite: Gravite, message: str, trait: str) -> Finding:
    return Finding(CODE, gravite, message, trait=trait)


def _check_sex(value: str, sexe: str) -> Finding | None:
    digit = value[0]
    wanted = sexe.strip().upper()
    if wanted == "I":
        return _finding(
            Gravite.INFO,
            "Sexe indéterminé : la cohérence avec le chiffre du sexe du matricule "
            "n'est pas vérifiable.",
            "sexe",
        )
    expected = {"M": "1", "F": "2"}.get(wanted)
    if expected is not None and digit != expected:
        label = _SEX_LABEL.get(digit, digit)
        return _finding(
            Gravite.BLOQUANTE,
            f"Le chiffre du sexe du matricule ({label}) contredit le sexe {wanted}.",
            "sexe",
        )
    return None


@lru_cache(maxsize=1 << 17)
def check_date(yymm: str, start: date, end: date) -> tuple[Finding, ...]:
    """Findings for the matricule's year and month (``yymm``, positions 2-5) and a birth range
    (cached: the answer depends on these alone, and birth dates repeat)."""
    found: list[Finding] = []
    yy = yymm[:2]
    years = {start.year % 100, end.year % 100} | {y % 100 for y in range(start.year, end.year + 1)}
    if int(yy) not in years:
        shown = str(start.year) if start.year == end.year else f"{start.year}-{end.year}"
        found.append(
            _finding(
                Gravite.BLOQUANTE,
                f"L'année du matricule ({yy}) contredit l'année de naissance ({shown}).",
                "date_naissance",
            )
        )
    mm = int(yymm[2:])
    month_known = start.year == end.year and start.month == end.month
    if not 1 <= mm <= 12:
        found.append(
            _finding(
                Gravite.INFO,
                f"Mois du matricule {yymm[2:]} hors 01-12 (mois inconnu à l'état civil) : "
                "non vérifiable.",
                "date_naissance",
            )
        )
    elif month_known and mm != start.month:
        found.append(
            _finding(
                Gravite.BLOQUANTE,
                f"Le mois du matricule ({yymm[2:]}) contredit le mois de naissance "
                f"({start.month:02d}).",
                "date_naissance",
            )
        )
    return tuple(found)


def _check_corsica(place: str, start: date, end: date) -> Finding | None:
    # SAFE reading (domain.md §2.1 MI04; INSEE practice not verified): 2A/2B only from
    # 1976-01-01, 20 only before.
    dept = place[:2]
    if dept in ("2A", "2B") and end < CORSICA_SPLIT:
        return _finding(
            Gravite.BLOQUANTE,
            f"Le matricule code la Corse en {dept} pour une naissance avant 1976 (attendu : 20).",
            "lieu_naissance",
        )
    if dept == "20" and start >= CORSICA_SPLIT:
        return _finding(
            Gravite.BLOQUANTE,
            "Le matricule code la Corse en 20 pour une naissance à partir de 1976 "
            "(attendu : 2A ou 2B).",
            "lieu_naissance",
        )
    return None


def _check_place(
    place: str, lieu: str, start: date, end: date, cog: PlaceComparer
) -> Finding | None:
    corsica = _check_corsica(place, start, end)
    if corsica is not None:
        return corsica
    if place == lieu:  # the same code: nothing to map (an unknown code is TR06's business)
        return None
    verdict = cog.same_place(place, lieu.strip().upper(), start, end).value
    if verdict in ("IDENTIQUE", "MEME_COMMUNE"):
        return None
    if verdict == "ARRONDISSEMENT":
        return _finding(
            Gravite.INFO,
            f"Lieu du matricule {place} et lieu de naissance {lieu} : arrondissement et commune, "
            "même lieu.",
            "lieu_naissance",
        )
    if verdict == "INCONNU":
        return _finding(
            Gravite.INFO,
            f"Lieu du matricule {place} inconnu du COG à la date de naissance : non vérifiable.",
            "lieu_naissance",
        )
    return _finding(
        Gravite.BLOQUANTE,
        f"Le lieu du matricule ({place}) contredit le lieu de naissance ({lieu}).",
        "lieu_naissance",
    )


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
    # Fast paths: the sex digit that goes with M/F, the very code of the birthplace outside
    # Corsica; anything else gets the full check.
    if sexe and not ((sexe == "M" and value[0] == "1") or (sexe == "F" and value[0] == "2")):
        sex_finding = _check_sex(value, sexe)
        if sex_finding is not None:
            found.append(sex_finding)
    if naissance is not None:
        start, end = naissance
        found.extend(check_date(value[1:5], start, end))
        if lieu and cog is not None:
            place = value[5:10]
            if place != lieu or place[:2] in CORSICAN:
                place_finding = _check_place(place, lieu, start, end, cog)
                if place_finding is not None:
                    found.append(place_finding)
    return tuple(found)
