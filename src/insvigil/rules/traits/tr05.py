from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule


class TR05(Rule):
    """Sexe indéterminé (I) : le résultat INSi n'est pas utilisable, au plus VALIDEE.

    L'INSi ne renvoie que M ou F ; une identité de sexe I ne peut pas être rapprochée de sa
    réponse. Le justificatif peut encore valider l'identité.

    Conforme : sexe « F ».
    Non conforme : sexe « I ».
    """

    messages: ClassVar[Mapping[str, str]] = {
        "indetermine": "Sexe indéterminé (I) : l'INS ne peut pas être récupéré ; statut au plus "
        "VALIDEE.",
    }

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.resident.sexe == "I":
            yield self.say("indetermine", Gravite.BLOQUANTE, trait="sexe")
