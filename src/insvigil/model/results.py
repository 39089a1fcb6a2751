"""What the engine decides for one record, with the evidence a referent needs to follow it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from insvigil.findings import Finding, Gravite
from insvigil.model.codes import Attribut, EcartStatut, Statut


@dataclass(frozen=True, slots=True)
class Discordance:
    """A difference between a local strict trait and the INSi one (domain.md §8)."""

    trait: str
    valeur_locale: str
    valeur_insi: str
    gravite: Gravite
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class RecordResult:
    """The RNIV status computed for one record and the rules that decided it."""

    structure: str
    local_id: str
    statut: Statut
    attributs: frozenset[Attribut]
    ins_utilisable: bool
    statut_declare: Statut | None
    ecart_statut: EcartStatut | None
    regles: tuple[str, ...]
    findings: tuple[Finding, ...] = ()
    discordances: tuple[Discordance, ...] = ()
    insi_active: str | None = None  # the active matricule INSi returned (00), if any
    insi_oid: str | None = None
    #: The run dates for which this result holds as it is (``None``: unbounded on that side;
    #: ``valid_until`` exclusive): set when a rule read the run date (an age threshold).
    valid_since: date | None = None
    valid_until: date | None = None

    @property
    def bloquantes(self) -> tuple[Discordance, ...]:
        return tuple(d for d in self.discordances if d.gravite is Gravite.BLOQUANTE)
