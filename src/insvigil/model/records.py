"""A resident record as read from the residents file, after field-level validation.

Strict traits are kept raw (as typed in the DUI): normalisation and conformity are the engine's
job and are reported as findings, so a referent sees what was typed and why it was judged.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from insvigil.model.codes import Attribut, Complement, Justificatif, Statut


@dataclass(frozen=True, slots=True)
class Resident:
    """One record of a structure's DUI/DPI export (contract §1)."""

    structure: str
    local_id: str
    nom_naissance: str
    prenoms_naissance: str
    date_naissance: str  # ISO, ``00`` for an unknown month or day (already checked: TR04)
    sexe: str  # M, F or I (already checked)
    premier_prenom: str | None = None
    lieu_naissance: str | None = None
    nom_utilise: str | None = None
    prenom_utilise: str | None = None
    matricule_ins: str | None = None  # as typed, spaces removed; validated by the engine
    oid_ins: str | None = None
    justificatif: Justificatif | None = None
    justificatif_complement: Complement | None = None
    attributs: frozenset[Attribut] = field(default_factory=frozenset)
    statut: Statut | None = None
    actif: bool = True
    ligne: int = 0  # line of the residents file it came from (0: not from a file)

    @property
    def key(self) -> tuple[str, str]:
        return (self.structure, self.local_id)
