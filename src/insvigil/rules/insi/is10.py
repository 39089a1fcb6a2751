from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule


class IS10(Rule):
    """Aucune réponse INSi pour ce dossier : l'INS n'est pas récupéré.

    Sans réponse du téléservice, l'INS n'est ni récupéré ni vérifié. Un matricule saisi dans le
    DUI sans réponse INSi ne prouve rien (lecture prudente) : appeler l'INSi.

    Conforme : une réponse 00 pour le dossier.
    Non conforme : matricule saisi, aucune réponse INSi.
    """

    messages: ClassVar[Mapping[str, str]] = {
        "sans_reponse": "Aucune réponse INSi : INS non récupéré, appeler le téléservice INSi.",
        "matricule_seul": "Matricule saisi sans réponse INSi : il ne prouve rien tant que le "
        "téléservice INSi ne l'a pas renvoyé ou vérifié.",
    }

    phase = 20
    decides = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.responses or ctx.interdit:
            return
        variant = "sans_reponse" if ctx.matricule is None else "matricule_seul"
        yield self.say(variant, Gravite.INFO, trait="insi")
