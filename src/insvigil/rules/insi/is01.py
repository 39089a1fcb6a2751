from __future__ import annotations

from insvigil.rules.base import Rule


class IS01(Rule):
    """Réponse INSi lue quel que soit le préfixe d'espace de noms XML (ns2:, S:, soap:…).

    Les éléments de la réponse (RESULTAT, CR, INDIVIDU, INSACTIF, TIQ…) sont reconnus par leur nom
    local, dans l'espace de noms du téléservice, quel que soit le préfixe choisi par le logiciel.

    Conforme : <ns2:CR> comme <CR>.
    Non conforme : ignorer une réponse parce que son préfixe diffère."""

    evaluated = False
