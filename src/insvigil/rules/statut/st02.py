from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.engine.status import decide
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule

_WHY = {
    "QUALIFIEE": "INS récupéré via l'INSi et justificatif à haut niveau de confiance contrôlé",
    "RECUPEREE": "INS récupéré via l'INSi, sans justificatif à haut niveau de confiance contrôlé",
    "VALIDEE": "justificatif à haut niveau de confiance contrôlé, INS non récupéré via l'INSi",
    "PROVISOIRE": "ni INS récupéré via l'INSi, ni justificatif à haut niveau de confiance",
}


class ST02(Rule):
    """Statut calculé selon le RNIV à partir des deux preuves : INSi (I) et justificatif (C).

    I et C : QUALIFIEE ; I seul : RECUPEREE ; C seul : VALIDEE ; aucun : PROVISOIRE. En cas de
    doute ou de preuve contradictoire, la preuve ne compte pas (jamais de qualification sur un
    doute).

    Conforme : réponse INSi 00 sans écart bloquant et CNI : QUALIFIEE.
    Non conforme : réponse INSi 00 avec une date différente et CNI : VALIDEE seulement.
    """

    messages: ClassVar[Mapping[str, str]] = {
        statut: f"Statut {statut} : {why}." for statut, why in _WHY.items()
    }

    phase = 50
    decides = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        decision = decide(ctx)
        if ctx.interdit:
            return
        statut = decision.statut.value
        yield self.say(statut, Gravite.INFO, trait="statut")
