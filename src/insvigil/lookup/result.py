"""What a lookup returns: candidates best first, each with its status, attributes, warnings.

Matricules are masked here already (``2************07``): a candidate is shown at a front desk.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["IdentityCandidate", "IdentitySearch", "Traits"]


@dataclass(frozen=True, slots=True)
class Traits:
    """The record's traits as stored (raw, as typed in the DUI), matricule masked."""

    nom_naissance: str
    prenoms_naissance: str
    date_naissance: str
    sexe: str
    lieu_naissance: str | None = None
    nom_utilise: str | None = None
    prenom_utilise: str | None = None
    matricule: str | None = None  # masked

    def as_json(self) -> dict[str, object]:
        return {
            "nom_naissance": self.nom_naissance,
            "prenoms_naissance": self.prenoms_naissance,
            "date_naissance": self.date_naissance,
            "sexe": self.sexe,
            "lieu_naissance": self.lieu_naissance,
            "nom_utilise": self.nom_utilise,
            "prenom_utilise": self.prenom_utilise,
            "matricule": self.matricule,
        }


@dataclass(frozen=True, slots=True)
class IdentityCandidate:
    """One stored identity that may be the person at the desk."""

    structure: str
    local_id: str
    score: float
    statut: str | None  # None: the record has no computed result yet
    attributs: tuple[str, ...]
    ins_utilisable: bool
    alertes: tuple[str, ...]
    raisons: tuple[str, ...]  # why it matched, one label per trait compared
    traits: Traits
    actif: bool = True

    def as_json(self) -> dict[str, object]:
        """The contract's keys (``lookup --json``) then ``raisons``, ``actif``, ``traits``."""
        return {
            "structure": self.structure,
            "local_id": self.local_id,
            "score": self.score,
            "statut": self.statut,
            "attributs": list(self.attributs),
            "ins_utilisable": self.ins_utilisable,
            "alertes": list(self.alertes),
            "raisons": list(self.raisons),
            "actif": self.actif,
            "traits": self.traits.as_json(),
        }


@dataclass(frozen=True, slots=True)
class IdentitySearch:
    """The candidates, best first, and remarks on the search itself (French)."""

    candidats: tuple[IdentityCandidate, ...]
    remarques: tuple[str, ...] = ()

    def as_json(self) -> dict[str, object]:
        return {
            "candidats": [c.as_json() for c in self.candidats],
            "remarques": list(self.remarques),
        }
