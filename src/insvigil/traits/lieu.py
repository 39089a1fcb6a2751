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
>>> is_postal_code_like("75015", date(1980, 1, 1), date(1980, 1, 1))
PostalHint(code_postal='75015', code_insee='75115', libelle='Paris 15e Arrondissement')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from insvigil.errors import InvalidFormat
from insvigil.findings import Finding, Gravite
from insvigil.reference import COG_START, DOM_CREATION, Cog, Period, PlaceCheck, PlaceStatus, load

__all__ = [
    "FRANCE",
    "LieuResult",
    "PostalHint",
    "check",
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
    value = normalize(code)
    result = cog.check(value, start, stop)
    if not is_valid(value):
        shown = value if len(value) <= 10 else value[:10] + "…"
        return _refus(result, f"Lieu de naissance « {shown} » mal formé : code INSEE attendu.")
    if result.statut is PlaceStatus.VALIDE:
        if value == FRANCE:
            return _refus(
                result,
                f"{FRANCE} désigne la France : pour une naissance en France, le code INSEE de "
                "la commune est attendu (à l'étranger, 99 + le code du pays).",
            )
        return LieuResult(True, (), result)
    hint = is_postal_code_like(value, start, stop, cog)
    if hint is not None:  # before history links: 75015 was also Bry-sur-Marne until 1968
        return _refus(
            result,
            f"{value} ressemble au code postal de {hint.libelle} (code INSEE {hint.code_insee}) "
            f"et n'était pas un code INSEE en vigueur {quand(start, stop)} : un code postal "
            "n'est pas un code de lieu de naissance.",
        )
    if result.statut is PlaceStatus.INCONNU:
        return _refus(
            result, f"Code du lieu de naissance {value} inconnu du COG (ni commune ni pays)."
        )
    head = f"{value} {_absent(result, stop)} {quand(start, stop)}"
    if not result.lien_historique:
        return _refus(
            result,
            f"{head} et aucun lien historique ne le relie au code alors en vigueur "
            f"({_versions(result.autres_periodes)}).",
        )
    finding = Finding(CODE, Gravite.MINEURE, f"{head} : {_then(cog, result, start, stop)}.", TRAIT)
    return LieuResult(True, (finding,), result)


def _refus(result: PlaceCheck, message: str) -> LieuResult:
    return LieuResult(False, (Finding(CODE, Gravite.BLOQUANTE, message, trait=TRAIT),), result)


def _absent(result: PlaceCheck, end: date) -> str:
    if all(p.debut > end for p in result.autres_periodes):
        return "n'existait pas"
    if all(p.fin is not None and p.fin <= end for p in result.autres_periodes):
        return "n'existait plus"
    return "n'était pas en vigueur"


def _then(cog: Cog, result: PlaceCheck, start: date, end: date) -> str:
    """What designated the place at the birth date, in French."""
    named = [f"{c} ({_label(cog, c, start, end)})" for c in result.codes_a_la_date]
    if len(named) == 1:
        return f"le code valable à cette date était {named[0]}"
    if named:
        return f"les codes valables à cette date étaient {', '.join(named)}"
    later = next((p for p in result.autres_periodes if p.debut > end), result.autres_periodes[0])
    if result.code.startswith("99"):
        return f"ce code de pays ({later.nom}) n'est valable qu'à partir du {_jour(later.debut)}"
    since = _jour(max(later.debut, DOM_CREATION))
    return f"les communes des DOM n'ont de code INSEE que depuis le {since}"


def _label(cog: Cog, code: str, start: date, end: date) -> str:
    period = cog.period_at(code, start, end)
    return "?" if period is None else period.libelle


@dataclass(frozen=True, slots=True)
class PostalHint:
    """A code that looks like a postal code rather than an INSEE code, and its likely commune."""

    code_postal: str
    code_insee: str
    libelle: str


# (postal prefix, first and last arrondissement number, INSEE code of arrondissement 1, commune)
_CITIES = (("750", 1, 20, 75101, "75056"), ("6900", 1, 9, 69381, "69123"),
           ("130", 1, 16, 13201, "13055"))  # fmt: skip


def is_postal_code_like(
    code: str, start: date, end: date | None = None, cog: Cog | None = None
) -> PostalHint | None:
    """A hint when ``code`` is not an INSEE code valid in ``[start, end]`` but looks like the
    postal code of a Paris, Lyon or Marseille arrondissement (``75015`` → Paris 15e).

    A placeholder heuristic until real postal data arrives; it knows nothing else. In practice
    only ``75001``-``75020`` fire, and only for births from 1968: before, they were the INSEE
    codes of the Seine's communes (``75015`` Bry-sur-Marne) and are valid. ``751xx`` postal
    codes are also the arrondissements' INSEE codes, and ``69001``-``69009`` and
    ``13001``-``13016`` are INSEE codes of other communes (Affoux, Aix-en-Provence…): valid, so
    never flagged. The hint names the arrondissement when its code was valid in the range, else
    the commune.
    """
    stop = start if end is None else end
    cog = cog or load()
    value = normalize(code)
    if not (value.isascii() and value.isdigit() and len(value) == 5):
        return None
    if cog.is_valid_at(value, start, stop):
        return None
    for prefix, first, last, base, commune in _CITIES:
        suffix = value[len(prefix) :]
        if value.startswith(prefix) and first <= int(suffix) <= last:
            arm = str(base + int(suffix) - 1)
            insee = arm if cog.is_valid_at(arm, start, stop) else commune
            return PostalHint(value, insee, _label(cog, insee, start, stop))
    return None
