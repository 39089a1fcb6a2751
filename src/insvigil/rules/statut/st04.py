from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.engine.status import decide
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule


class ST04(Rule):
    """Statut déclaré par le DUI différent du statut calculé (surestimé ou sous-estimé).

    SURESTIME : le statut déclaré revendique une preuve (INSi ou justificatif) que le calcul ne
    retient pas — à corriger en priorité, l'INS peut être utilisé à tort. SOUSESTIME : le
    calcul retient une preuve que le DUI n'affiche pas.

    Conforme : déclaré QUALIFIEE, calculé QUALIFIEE.
    Non conforme : déclaré QUALIFIEE, calculé VALIDEE (SURESTIME).
    """

    messages: ClassVar[Mapping[str, str]] = {
        "surestime": "Statut déclaré {0} surestimé : le statut calculé est {1}.",
        "sous_estime": "Statut déclaré {0} sous-estimé : le statut calculé est {1}.",
    }

    phase = 50
    decides = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        decision = decide(ctx)
        declared = ctx.resident.statut
        if decision.ecart is None or declared is None:
            return
        gravite = Gravite.MINEURE
        variant = "surestime" if decision.ecart.value == "SURESTIME" else "sous_estime"
        yield self.say(variant, gravite, declared.value, decision.statut.value, trait="statut")
