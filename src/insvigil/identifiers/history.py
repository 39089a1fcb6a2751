"""Local matricule against INSi's active and historic matricules (domain.md §2.3, MI06/MI07).

INSi returns one ``INSACTIF`` and 0..n ``INSHISTO`` (a NIA replaced by a NIR, former NIRs; it
may repeat the active one). The reference is always the active matricule (MI06); history is
kept as received. Values are compared in their compact form (MI01), keys are not checked here
(MI02 is a separate check). Dates of history entries are ignored.

>>> insi = InsiMatricules('283052A00412307', ('2 83 05 2A 004 123 07', '183052A00412357'))
>>> match('283052A00412307', insi), match('1 83 05 2A 004 123 57', insi)
(<HistoryMatch.ACTIF: 'ACTIF'>, <HistoryMatch.HISTORIQUE: 'HISTORIQUE'>)
>>> match('185039935007149', insi), match(None, insi)
(<HistoryMatch.AUTRE: 'AUTRE'>, <HistoryMatch.ABSENT: 'ABSENT'>)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

from insvigil.findings import Finding, Gravite, make, register
from insvigil.identifiers.matricule import compact

__all__ = ["HistoryMatch", "InsiIdentity", "InsiMatricules", "findings", "match"]


class HistoryMatch(StrEnum):
    """Where the local matricule stands against INSi's matricules."""

    ACTIF = "ACTIF"  # local = active
    HISTORIQUE = "HISTORIQUE"  # local = a history entry other than the active one
    AUTRE = "AUTRE"  # neither: possible collision
    ABSENT = "ABSENT"  # no local matricule


class InsiIdentity(Protocol):
    """What :func:`match` reads from an INSi identity (any object with these attributes)."""

    @property
    def active(self) -> str: ...

    @property
    def historique(self) -> Sequence[str]: ...


@dataclass(frozen=True, slots=True)
class InsiMatricules:
    """A plain :class:`InsiIdentity`: the active matricule and the history, as received."""

    active: str
    historique: tuple[str, ...] = ()


def _canon(value: object) -> str:
    """Compact form; anything but a ``str`` counts as empty (never raises)."""
    return compact(value) if isinstance(value, str) else ""


def match(local: str | None, insi: InsiIdentity) -> HistoryMatch:
    """MI07: compare the local matricule with the active one, then with the history.

    An empty local value (``None``, ``""``, spaces only) is ``ABSENT``.
    """
    mine = _canon(local)
    if not mine:
        return HistoryMatch.ABSENT
    if mine == _canon(insi.active):
        return HistoryMatch.ACTIF
    if any(mine == _canon(old) for old in insi.historique):
        return HistoryMatch.HISTORIQUE
    return HistoryMatch.AUTRE


def findings(local: str | None, insi: InsiIdentity) -> tuple[Finding, ...]:
    """MI07 findings (trait ``matricule``): history entry → MINEURE, neither → BLOQUANTE.

    >>> [f.gravite.value for f in findings('185039935007149', InsiMatricules('283052A00412307'))]
    ['BLOQUANTE']
    """
    result = match(local, insi)
    if result is HistoryMatch.HISTORIQUE:
        return (make("MI07", "historique", Gravite.MINEURE, (), "matricule"),)
    if result is HistoryMatch.AUTRE:
        return (make("MI07", "autre", Gravite.BLOQUANTE, (), "matricule"),)
    return ()


register(
    "MI07",
    {
        "historique": "Matricule local présent dans l'historique INSi : le remplacer par le "
        "matricule actif.",
        "autre": "Matricule local ni actif ni dans l'historique INSi : collision possible, "
        "vérification par un référent.",
    },
)
