"""Findings: what rules and checks report instead of raising.

A finding has a permanent public code (family letters + two digits, e.g. ``MI04``), a severity,
a French message a referent can read, and optionally the trait it concerns.

>>> f = Finding("MI02", Gravite.BLOQUANTE, "Clé du matricule incorrecte.", trait="matricule")
>>> f.bloquante
True
>>> f.as_dict()["gravite"]
'BLOQUANTE'
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Gravite(StrEnum):
    """Severity of a finding.

    ``MINEURE`` and ``BLOQUANTE`` are the contract's discordance severities; ``INFO`` is a note
    that changes nothing (for instance an arrondissement coded instead of its commune).
    """

    INFO = "INFO"
    MINEURE = "MINEURE"
    BLOQUANTE = "BLOQUANTE"


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported fact about a value or a record."""

    code: str
    gravite: Gravite
    message: str
    trait: str | None = None
    #: For a discordance with INSi: the local and the INSi values (raw, as received).
    valeur_locale: str | None = None
    valeur_insi: str | None = None
    #: The values the message was built from, in the order the rule's message template takes
    #: them (stored instead of the message; the message is rendered from them when read).
    params: tuple[str, ...] = ()

    @property
    def bloquante(self) -> bool:
        return self.gravite is Gravite.BLOQUANTE

    def as_dict(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "gravite": self.gravite.value,
            "message": self.message,
            "trait": self.trait,
        }

    @property
    def discordance(self) -> bool:
        """True when the finding compares a local value with an INSi value."""
        return self.valeur_insi is not None
