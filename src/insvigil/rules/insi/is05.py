from __future__ import annotations

from insvigil.rules.base import Rule


class IS05(Rule):
    """insvigil n'appelle jamais l'INSi et ne modifie jamais le DUI.

    insvigil explique et contrôle les statuts à partir des réponses que le DUI a reçues ; les
    appels au téléservice et les corrections restent faits dans le DUI, dossier par dossier, avec
    la personne et son justificatif.

    Conforme : proposer « appeler l'INSi » dans la liste des actions.
    Non conforme : appeler le téléservice pendant un traitement."""

    evaluated = False
