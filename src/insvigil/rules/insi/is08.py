from __future__ import annotations

from insvigil.rules.base import Rule


class IS08(Rule):
    """Opération INSi inconnue : réponse rejetée.

    Opérations connues : RECHERCHE_TRAITS, RECHERCHE_CARTE_VITALE, VERIFICATION.

    Conforme : "operation": "VERIFICATION".
    Non conforme : "operation": "CONSULTATION"."""

    evaluated = False
