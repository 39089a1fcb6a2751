from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule


class IS11(Rule):
    """INS récupéré via l'INSi : dernière réponse 00, matricule et traits sans écart bloquant.

    Il faut que la dernière réponse du téléservice soit 00, que son matricule soit valide et son
    OID accepté, que le sexe ne soit pas I, que les traits stricts locaux soient conformes (le lieu
    manquant excepté) et qu'aucun écart bloquant ne subsiste (traits, matricule, historique,
    réponses contradictoires).

    Conforme : réponse 00, traits identiques à la casse près.
    Non conforme : réponse 00 mais date de naissance différente (DI09).
    """

    messages: ClassVar[Mapping[str, str]] = {
        "date": "INS récupéré via le téléservice INSi (réponse du {0}).",
        "sans_date": "INS récupéré via le téléservice INSi.",
    }

    phase = 40
    decides = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        insi = ctx.insi
        if insi is None or ctx.interdit or not insi.actif_valide or ctx.blocking():
            return
        if ctx.latest and ctx.latest.date:
            when = ctx.latest.date.strftime("%d/%m/%Y")
            yield self.say("date", Gravite.INFO, when, trait="insi")
        else:
            yield self.say("sans_date", Gravite.INFO, trait="insi")
