"""Per-structure counts of a run, the source of ``taux.csv`` and of the printed summary.

Counts are over non-rejected records with ``actif=1`` (domain.md §10, contract §5).
``discordances_ouvertes`` and ``doublons_ouverts`` are the review queue's, set once the run
has synced it (:meth:`StructureTally.set_open`, definitions in :mod:`insvigil.review.counts`).

>>> t = StructureTally("750000001")
>>> t.actifs, t.taux_qualification
(0, None)
>>> t.actifs, t.qualifiees = 3, 1
>>> t.taux_text()
'0.3333'
"""

from __future__ import annotations

from dataclasses import dataclass, field

from insvigil.model.codes import Attribut, EcartStatut, Statut
from insvigil.model.records import Resident
from insvigil.model.results import RecordResult
from insvigil.review.counts import QueueCounts

_FIELD = {
    Statut.PROVISOIRE: "provisoires",
    Statut.RECUPEREE: "recuperees",
    Statut.VALIDEE: "validees",
    Statut.QUALIFIEE: "qualifiees",
}


@dataclass
class StructureTally:
    structure: str
    dossiers: int = 0  # every non-rejected record, active or not
    actifs: int = 0
    provisoires: int = 0
    recuperees: int = 0
    validees: int = 0
    qualifiees: int = 0
    douteuses: int = 0
    fictives: int = 0
    discordances_ouvertes: int = 0
    doublons_ouverts: int = 0
    surestimes: int = 0
    ins_utilisables: int = 0

    @property
    def taux_qualification(self) -> float | None:
        return self.qualifiees / self.actifs if self.actifs else None

    def taux_text(self) -> str:
        rate = self.taux_qualification
        return "" if rate is None else f"{rate:.4f}"

    def add(self, resident: Resident, result: RecordResult) -> None:
        self.dossiers += 1
        if not resident.actif:
            return
        self.actifs += 1
        name = _FIELD[result.statut]
        setattr(self, name, getattr(self, name) + 1)
        self.douteuses += Attribut.DOUTEUSE in result.attributs
        self.fictives += Attribut.FICTIVE in result.attributs
        self.surestimes += result.ecart_statut is EcartStatut.SURESTIME
        self.ins_utilisables += result.ins_utilisable

    def set_open(self, counts: QueueCounts) -> None:
        """The structure's open queue figures (``taux.csv``'s last two counts)."""
        self.discordances_ouvertes = counts.discordances_ouvertes
        self.doublons_ouverts = counts.doublons_ouverts

    def row(self) -> tuple[object, ...]:
        return (
            self.structure,
            self.actifs,
            self.provisoires,
            self.recuperees,
            self.validees,
            self.qualifiees,
            self.taux_text(),
            self.douteuses,
            self.fictives,
            self.discordances_ouvertes,
            self.doublons_ouverts,
            self.surestimes,
            self.ins_utilisables,
        )


_COUNTS = (
    "dossiers",
    "actifs",
    "provisoires",
    "recuperees",
    "validees",
    "qualifiees",
    "douteuses",
    "fictives",
    "discordances_ouvertes",
    "doublons_ouverts",
    "surestimes",
    "ins_utilisables",
)


@dataclass
class Tally:
    structures: dict[str, StructureTally] = field(default_factory=dict)

    def add(self, resident: Resident, result: RecordResult) -> None:
        tally = self.structures.get(resident.structure)
        if tally is None:
            tally = self.structures[resident.structure] = StructureTally(resident.structure)
        tally.add(resident, result)

    def merge(self, other: Tally) -> None:
        for key, theirs in other.structures.items():
            mine = self.structures.get(key)
            if mine is None:
                self.structures[key] = theirs
                continue
            for name in _COUNTS:
                setattr(mine, name, getattr(mine, name) + getattr(theirs, name))

    def sorted(self) -> list[StructureTally]:
        return [self.structures[key] for key in sorted(self.structures)]
