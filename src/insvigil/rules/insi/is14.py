from __future__ import annotations

from insvigil.rules.base import Rule


class IS14(Rule):
    """Réponse INSi sans dossier correspondant : signalée dans rejets.csv.

    La réponse porte une clé (structure, local_id) absente du fichier des résidents (ou rejetée) :
    elle est comptée et signalée, jamais rattachée à un autre dossier.

    Conforme : une réponse pour un dossier présent.
    Non conforme : une réponse pour un dossier inconnu."""

    evaluated = False
