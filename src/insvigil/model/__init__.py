"""The domain model shared by the engine, the store and the adapters: codes, records, results."""

from __future__ import annotations

from insvigil.model.codes import (
    Attribut,
    Complement,
    EcartStatut,
    Justificatif,
    Statut,
    TypePaire,
)
from insvigil.model.records import Resident
from insvigil.model.results import Discordance, RecordResult

__all__ = [
    "Attribut",
    "Complement",
    "Discordance",
    "EcartStatut",
    "Justificatif",
    "RecordResult",
    "Resident",
    "Statut",
    "TypePaire",
]
