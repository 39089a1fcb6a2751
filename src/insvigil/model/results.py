"""What the engine decides for one record, with the evidence a referent needs to follow it."""

from __future__ import annotations

from collections.abc import Iterable
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


def discordances_of(findings: Iterable[Finding]) -> tuple[Discordance, ...]:
    """A result's discordances: its findings that carry an INSi value, in their order (how
    the engine builds :attr:`RecordResult.discordances`, and how a stored result gets them
    back from its findings).

    >>> f = Finding("DI04", Gravite.BLOQUANTE, "Nom différent.", "nom_naissance", "A", "B")
    >>> [d.code for d in discordances_of([Finding("TR01", Gravite.INFO, "m"), f])]
    ['DI04']
    """
    return tuple(
        Discordance(
            trait=f.trait or "",
            valeur_locale=f.valeur_locale or "",
            valeur_insi=f.valeur_insi or "",
            gravite=f.gravite,
            code=f.code,
            message=f.message,
        )
        for f in findings
        if f.valeur_insi is not None
    )
