"""INSi responses for synthetic records: scenarios over time, and their JSON Lines form.

A response carries the person's true traits in forme INS (what the national bases hold), never
the local typing. Scenarios (weights per record with no DOUTEUSE/FICTIVE attribute):

========================  ======================================  ==========================
scenario                  responses, oldest first                 defect tag
========================  ======================================  ==========================
AUCUNE                    none                                    —
OK                        00 (traits or carte Vitale)             —
OK_VERIFIEE               00, VERIFICATION 00                     —
OK_APRES_01               01, 00                                  —
OK_REPETEE                00, 00 (same INS)                       —
AUCUNE_IDENTITE           01                                      INSI_AUCUNE_IDENTITE
PLUSIEURS_IDENTITES       02                                      INSI_PLUSIEURS_IDENTITES
ANNULEE                   00, VERIFICATION 01 or 02               INSI_VERIFICATION_ANNULEE
DEUX_MATRICULES           00 (another person), 00                 INSI_DEUX_MATRICULES
AUTRE_PERSONNE            00 (another person's traits and INS)    INSI_AUTRE_PERSONNE
CLE_INVALIDE              00 with a matricule whose key is wrong  INSI_CLE_INVALIDE
========================  ======================================  ==========================
"""

from __future__ import annotations

from bisect import bisect
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from random import Random

from insvigil.synth.names import Names
from insvigil.synth.people import Person

__all__ = ["SCENARIOS", "InsiFactory", "Response", "draw_scenario", "json_line"]

LIBELLES = {"00": "OK", "01": "Aucune identite trouvee", "02": "Plusieurs identites trouvees"}
_FIRST_CALL = date(2021, 1, 1).toordinal()  # INS mandatory since 1 January 2021

SCENARIOS: dict[str, tuple[float, str | None]] = {
    "AUCUNE": (0.22, None),
    "OK": (0.56, None),
    "OK_VERIFIEE": (0.06, None),
    "OK_APRES_01": (0.04, None),
    "OK_REPETEE": (0.03, None),
    "AUCUNE_IDENTITE": (0.035, "INSI_AUCUNE_IDENTITE"),
    "PLUSIEURS_IDENTITES": (0.015, "INSI_PLUSIEURS_IDENTITES"),
    "ANNULEE": (0.015, "INSI_VERIFICATION_ANNULEE"),
    "DEUX_MATRICULES": (0.002, "INSI_DEUX_MATRICULES"),
    "AUTRE_PERSONNE": (0.002, "INSI_AUTRE_PERSONNE"),
    "CLE_INVALIDE": (0.003, "INSI_CLE_INVALIDE"),
}
_NAMES = tuple(SCENARIOS)
_CUMULATIVE: list[float] = []
for _name in _NAMES:
    _CUMULATIVE.append((_CUMULATIVE[-1] if _CUMULATIVE else 0.0) + SCENARIOS[_name][0])
TRUE_00 = frozenset({"OK", "OK_VERIFIEE", "OK_APRES_01", "OK_REPETEE", "ANNULEE"})
"""Scenarios in which INSi returned the person's own INS at least once."""


@dataclass(slots=True)
class Response:
    """One INSi response (contract §2)."""

    operation: str
    when: str  # YYYY-MM-DDTHH:MM:SS, French wall-clock time
    cr: str
    matricule: str = ""
    oid: str = ""
    historique: tuple[tuple[str, str], ...] = ()
    traits: tuple[str, str, str, str, str] | None = None  # nom, prénoms, sexe, date, lieu


def draw_scenario(rng: Random) -> str:
    return _NAMES[bisect(_CUMULATIVE, rng.random() * _CUMULATIVE[-1])]


class InsiFactory:
    """Makes the responses of a scenario; ``other`` makes another person for a collision."""

    __slots__ = ("_days", "_names", "_other", "_rng", "_span")

    def __init__(
        self, rng: Random, names: Names, today: date, other: Callable[[Person], Person]
    ) -> None:
        self._rng = rng
        self._names = names
        self._other = other
        last = max(today.toordinal(), _FIRST_CALL + 1)
        self._days = tuple(date.fromordinal(d).isoformat() for d in range(_FIRST_CALL, last))
        self._span = len(self._days) * 86_400

    def _time(self, s: int) -> str:
        hour = 8 + (s % 86_400) * 11 // 86_400  # office hours, 08:00-18:59
        return f"{self._days[s // 86_400]}T{hour:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"

    def _two_times(self) -> tuple[str, str]:
        a, b = sorted((int(self._rng.random() * self._span), int(self._rng.random() * self._span)))
        b = min(b + 1, self._span - 1) if b == a else b  # strictly increasing
        return self._time(a), self._time(b)

    def _found(self, p: Person, operation: str, when: str) -> Response:
        traits = (p.nom, " ".join(map(self._names.ins, p.prenoms)), p.sexe, p.date, p.lieu)
        return Response(operation, when, "00", p.matricule, p.oid, p.historique, traits)

    def responses(self, person: Person, scenario: str) -> list[Response]:
        """The responses of ``scenario`` for ``person``, oldest first."""
        if scenario == "AUCUNE":
            return []
        rng, found = self._rng, self._found
        search = "RECHERCHE_CARTE_VITALE" if rng.random() < 0.15 else "RECHERCHE_TRAITS"
        if scenario in _SINGLE:
            when = self._time(int(rng.random() * self._span))
            if scenario == "OK":
                return [found(person, search, when)]
            if scenario == "AUCUNE_IDENTITE":
                return [Response("RECHERCHE_TRAITS", when, "01")]
            if scenario == "PLUSIEURS_IDENTITES":
                return [Response("RECHERCHE_TRAITS", when, "02")]
            if scenario == "AUTRE_PERSONNE":
                return [found(self._other(person), search, when)]
            response = found(person, search, when)  # CLE_INVALIDE
            key = (int(response.matricule[13:]) + 1 + int(rng.random() * 96)) % 100
            response.matricule = f"{response.matricule[:13]}{key:02d}"
            return [response]
        first, second = self._two_times()
        if scenario == "OK_VERIFIEE":
            return [found(person, search, first), found(person, "VERIFICATION", second)]
        if scenario == "OK_APRES_01":
            return [Response("RECHERCHE_TRAITS", first, "01"), found(person, search, second)]
        if scenario == "OK_REPETEE":
            return [found(person, search, first), found(person, search, second)]
        if scenario == "ANNULEE":
            cr = "01" if rng.random() < 0.7 else "02"
            return [found(person, search, first), Response("VERIFICATION", second, cr)]
        if scenario == "DEUX_MATRICULES":
            return [found(self._other(person), search, first), found(person, search, second)]
        raise ValueError(f"unknown INSi scenario {scenario!r}")


_SINGLE = frozenset(
    {"OK", "AUCUNE_IDENTITE", "PLUSIEURS_IDENTITES", "AUTRE_PERSONNE", "CLE_INVALIDE"}
)


def json_line(structure: str, local_id: str, r: Response) -> str:
    """One line of ``insi.jsonl`` (contract §2.1), without the newline.

    Written by hand for speed: every value is made of letters, digits, spaces, ``-``, ``'``,
    ``.``, ``:`` (forme INS traits, codes, dates), which JSON takes as they are.

    >>> import json
    >>> r = Response("RECHERCHE_TRAITS", "2026-10-02T10:41:00", "00", "283052A00412307",
    ...              "1.2.250.1.213.1.4.8", [], ("D'ARC", "JEANNE", "F", "1983-05-12", "2A004"))
    >>> json.loads(json_line("750000001", "A-1", r))["traits"]["nom_naissance"]
    "D'ARC"
    """
    head = (
        f'{{"structure": "{structure}", "local_id": "{local_id}", '
        f'"operation": "{r.operation}", "date": "{r.when}", "cr": "{r.cr}", '
        f'"libelle_cr": "{LIBELLES[r.cr]}"'
    )
    if r.traits is None:
        return head + "}"
    nom, prenoms, sexe, naissance, lieu = r.traits
    history = ", ".join(f'{{"matricule": "{m}", "oid": "{o}"}}' for m, o in r.historique)
    return (
        f'{head}, "ins": {{"matricule": "{r.matricule}", "oid": "{r.oid}", '
        f'"historique": [{history}]}}, "traits": {{"nom_naissance": "{nom}", '
        f'"prenoms_naissance": "{prenoms}", "sexe": "{sexe}", "date_naissance": "{naissance}", '
        f'"lieu_naissance": "{lieu}"}}}}'
    )
