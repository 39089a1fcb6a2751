"""Lieu de naissance (TR06): the INSEE code of the birth commune valid at the birth date.

A code is 5 characters: a commune (``75115``, ``2A004``, ``97411``), or ``99`` + a country
code (``99350`` Maroc); never a postal code. :func:`check` looks the code up in the COG
(:mod:`insvigil.reference`) at the possible birth dates: unknown → non conforme; valid → fine;
valid at another date → MINEURE when COG history links it to the code valid then (recoding,
merger, DOM before 1946-03-21, country created after the birth), else non conforme.

>>> normalize(" 2a004 ")
'2A004'
>>> is_valid("2B033"), is_valid("7511"), is_valid("2C004"), is_valid(75115)
(True, False, False, False)
>>> from datetime import date
>>> [f.message for f in check("2A004", date(1946, 1, 17), date(1946, 1, 17)).findings]
["2A004 n'existait pas le 17/01/1946 : le code valable à cette date était 20004 (Ajaccio)."]
>>> check("75115", date(1980, 1, 1), date(1980, 1, 1)).conforme
True
>>> str(is_postal_code_like("75015", date(1980, 1, 1), date(1980, 1, 1)))
'75015 : Paris 15e Arrondissement (75115)'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from insvigil.errors import InvalidFormat
from insvigil.findings import Finding, Gravite, make, register
from insvigil.reference import COG_START, DOM_CREATION, Cog, Period, PlaceCheck, PlaceStatus, load
from insvigil.traits.lieu_postal import (
    PostalHint,
    codes_text,
    communes_text,
    is_postal_code_like,
    label_at,
)

__all__ = [
    "FRANCE",
    "FastVersion",
    "LieuResult",
    "PostalHint",
    "check",
    "date_free",
    "fast_versions",
    "is_postal_code_like",
    "is_valid",
    "normalize",
    "validate",
]

CODE = "TR06"
TRAIT = "lieu_naissance"
#: The country code of France: never a birthplace (a birth in France has a commune code).
FRANCE = "99100"
_SHAPE = re.compile(r"(?:[0-9]{2}|2[AB])[0-9]{3}")
_MOIS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


def normalize(raw: str) -> str:
    """Strip and upper-case (``' 2a004'`` → ``'2A004'``); the shape is not checked.

    Raises :class:`InvalidFormat` (``TR06``) for a value that is not text.
    """
    if not isinstance(raw, str):
        raise InvalidFormat(
            f"Lieu de naissance non textuel ({type(raw).__name__}) : code INSEE attendu.",
            code=CODE,
        )
    return raw.strip().upper()


def is_valid(raw: object) -> bool:
    """Whether ``raw`` has the shape of a birthplace code (5 digits, or 2A/2B + 3 digits).

    Only the shape: whether the code exists at the birth date is :func:`check`'s job.
    """
    return isinstance(raw, str) and _SHAPE.fullmatch(normalize(raw)) is not None


def validate(raw: str) -> str:
    """The normalised code, or raise :class:`InvalidFormat` (code ``TR06``)."""
    value = normalize(raw)
    if _SHAPE.fullmatch(value) is None:
        shown = value if len(value) <= 10 else value[:10] + "…"
        raise InvalidFormat(
            f"Lieu de naissance « {shown} » invalide : code INSEE de 5 caractères attendu "
            "(5 chiffres, ou 2A/2B suivi de 3 chiffres ; 99 + code pays à l'étranger).",
            code=CODE,
        )
    return value


@dataclass(frozen=True, slots=True)
class LieuResult:
    """TR06 verdict: ``conforme`` is False only for a blocking problem."""

    conforme: bool
    findings: tuple[Finding, ...]
    check: PlaceCheck


def _jour(day: date) -> str:
    return day.strftime("%d/%m/%Y")


def quand(start: date, end: date) -> str:
    """The birth date range in French: « le 17/01/1946 », « en 1950 », « en juin 1950 »."""
    if start == end:
        return f"le {_jour(start)}"
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return f"en {start.year}"
    if start.day == 1 and (start.year, start.month) == (end.year, end.month):
        return f"en {_MOIS[start.month - 1]} {start.year}"
    return f"entre le {_jour(start)} et le {_jour(end)}"


def _validite(first: Period, last: Period) -> str:
    """When a run of consecutive versions was valid, in French."""
    end = last.derniere_date
    if first.debut == COG_START:
        return "toujours valable" if end is None else f"valable jusqu'au {_jour(end)}"
    if end is None:
        return f"valable depuis le {_jour(first.debut)}"
    if last.fin == first.debut:
        return f"jamais valable (version vide le {_jour(first.debut)})"
    return f"valable du {_jour(first.debut)} au {_jour(end)}"


def _versions(periods: tuple[Period, ...]) -> str:
    """Consecutive versions merged into runs, each with its latest name."""
    runs: list[list[Period]] = []
    for period in periods:
        if runs and runs[-1][-1].fin == period.debut:
            runs[-1].append(period)
        else:
            runs.append([period])
    return " ; ".join(f"{_validite(run[0], run[-1])} ({run[-1].libelle})" for run in runs)


def check(code: str, start: date, end: date | None = None, cog: Cog | None = None) -> LieuResult:
    """TR06 for ``code`` and a birth in ``[start, end]`` (``end`` defaults to ``start``)."""
    stop = start if end is None else end
    cog = cog or load()
    value = code.strip().upper() if type(code) is str else normalize(code)
    # Fast path, the common case: a version of the code is valid at the birth date. The
    # earliest such version wins, as in Cog.period_at.
    versions = _VERSIONS.get(value) if cog is _VERSIONS_COG[0] else None
    if versions is None:
        versions = _versions_of(cog, value)
    for version in versions:
        if version.lo <= stop and (version.hi is None or start < version.hi):
            found = version.result
            if found is None:
                # What cog.check says for a code valid at the date depends only on the code
                # and the version.
                found = version.result = LieuResult(True, (), cog.check(value, version.lo_day))
            return found
    result = cog.check(value, start, stop)
    if not is_valid(value):
        shown = value if len(value) <= 10 else value[:10] + "…"
        return _refus(result, "mal_forme", shown)
    if result.statut is PlaceStatus.VALIDE:
        if value == FRANCE:
            return _refus(result, "france")
        return LieuResult(True, (), result)
    hint = is_postal_code_like(value, start, stop, cog)
    if hint is not None:  # before history links: 75015 was also Bry-sur-Marne until 1968
        return _refus(
            result,
            "postal",
            value,
            communes_text(hint, codes=False),
            codes_text(hint),
            quand(start, stop),
        )
    if result.statut is PlaceStatus.INCONNU:
        return _refus(result, "inconnu", value)
    head = (value, _absent(result, stop), quand(start, stop))
    if not result.lien_historique:
        return _refus(result, "sans_lien", *head, _versions(result.autres_periodes))
    then = _then(cog, result, start, stop)
    finding = make(CODE, "historique", Gravite.MINEURE, (*head, then), TRAIT)
    return LieuResult(True, (finding,), result)


def date_free(code: str, cog: Cog | None = None) -> LieuResult | None:
    """The TR06 verdict of ``code`` when it is the same whatever the birth date, else None.

    That is the case of most codes: one version, valid since the start of INSEE's history and
    still valid (``01004``, ``99132``). A batch then checks such a code once, not per record.

    >>> date_free("75056").conforme, date_free("2A004"), date_free("7511")
    (True, None, None)
    """
    reference = cog or load()
    value = code.strip().upper() if type(code) is str else normalize(code)
    versions = _versions_of(reference, value)
    if len(versions) != 1 or versions[0].lo != date.min or versions[0].hi is not None:
        return None
    return check(value, COG_START, COG_START, reference)


def fast_versions(code: str, cog: Cog | None = None) -> tuple[FastVersion, ...]:
    """The versions :func:`check`'s fast path walks for a normalised ``code``, so that a batch
    can walk them inline (see :mod:`insvigil.checks`).

    For a birth in ``[start, end]``, the first version with ``lo <= end`` and (``hi`` None or
    ``start < hi``) is valid then, and its ``result`` is the verdict :func:`check` gives once
    it has computed it (None before: call :func:`check`). Empty for a code without such
    versions (malformed, unknown, France): call :func:`check`.

    >>> [(v.lo.year, str(v.hi)) for v in fast_versions("01004")]  # renamed on 1955-03-31
    [(1, '1955-03-31'), (1955, 'None')]
    """
    return _versions_of(cog or load(), code)


class FastVersion:
    """One version of a code for the fast path, with its verdict once computed."""

    __slots__ = ("hi", "lo", "lo_day", "result")

    def __init__(self, period: Period) -> None:
        self.lo = date.min if period.debut == COG_START else period.debut
        self.lo_day = period.debut
        self.hi = period.fin
        self.result: LieuResult | None = None


#: The fast-path versions of each code seen, for one COG (the shared one, in practice).
_VERSIONS: dict[str, tuple[FastVersion, ...]] = {}
_VERSIONS_COG: list[Cog | None] = [None]
_VERSIONS_CAP = 1 << 17


def _versions_of(cog: Cog, value: str) -> tuple[FastVersion, ...]:
    """The versions of a well-formed code other than France's, sorted by start (a version
    open towards the past starts at ``date.min``); empty for anything else (slow path).
    Cached per code (:func:`check` reads the cache inline first)."""
    if cog is not _VERSIONS_COG[0]:
        _VERSIONS.clear()
        _VERSIONS_COG[0] = cog
    cached = _VERSIONS.get(value)
    if cached is not None:
        return cached
    if value == FRANCE or _SHAPE.fullmatch(value) is None:
        versions: tuple[FastVersion, ...] = ()
    else:
        versions = tuple(FastVersion(p) for p in cog.periods(value))
    if len(_VERSIONS) < _VERSIONS_CAP:
        _VERSIONS[value] = versions
    return versions


#: TR06's messages (variant -> template).
MESSAGES = {
    "mal_forme": "Lieu de naissance « {0} » mal formé : code INSEE attendu.",
    "france": f"{FRANCE} désigne la France : pour une naissance en France, le code INSEE de la "
    "commune est attendu (à l'étranger, 99 + le code du pays).",
    "postal": "{0} ressemble au code postal de {1} ({2}) et n'était pas un code INSEE en vigueur "
    "{3} : un code postal n'est pas un code de lieu de naissance.",
    "inconnu": "Code du lieu de naissance {0} inconnu du COG (ni commune ni pays).",
    "sans_lien": "{0} {1} {2} et aucun lien historique ne le relie au code alors en vigueur ({3}).",
    "historique": "{0} {1} {2} : {3}.",
}
register(CODE, MESSAGES)


def _refus(result: PlaceCheck, variant: str, *params: str) -> LieuResult:
    finding = make(CODE, variant, Gravite.BLOQUANTE, params, TRAIT)
    return LieuResult(False, (finding,), result)


def _absent(result: PlaceCheck, end: date) -> str:
    if all(p.debut > end for p in result.autres_periodes):
        return "n'existait pas"
    if all(p.fin is not None and p.fin <= end for p in result.autres_periodes):
        return "n'existait plus"
    return "n'était pas en vigueur"


def _then(cog: Cog, result: PlaceCheck, start: date, end: date) -> str:
    """What designated the place at the birth date, in French."""
    named = [f"{c} ({label_at(cog, c, start, end)})" for c in result.codes_a_la_date]
    if len(named) == 1:
        return f"le code valable à cette date était {named[0]}"
    if named:
        return f"les codes valables à cette date étaient {', '.join(named)}"
    later = next((p for p in result.autres_periodes if p.debut > end), result.autres_periodes[0])
    if result.code.startswith("99"):
        return f"ce code de pays ({later.nom}) n'est valable qu'à partir du {_jour(later.debut)}"
    since = _jour(max(later.debut, DOM_CREATION))
    return f"les communes des DOM n'ont de code INSEE que depuis le {since}"
