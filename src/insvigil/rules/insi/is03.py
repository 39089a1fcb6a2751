from __future__ import annotations

from insvigil.rules.base import Rule


class IS03(Rule):
    """Réponse INSi incohérente ou erreur du téléservice : rejetée, sans effet sur le statut.

    Un code retour 00 sans identité, un code 01 ou 02 accompagné d'une identité, ou une erreur
    SOAP (siram:Erreur) sont portés dans rejets.csv et ne comptent pas pour le statut.

    Conforme : code 00 avec une identité ; code 01 sans identité.
    Non conforme : code 00 sans identité."""

    evaluated = False
