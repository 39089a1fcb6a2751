from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.discordances._shared import insi_side


class DI10(Rule):
    """Sexe différent de celui de l'INSi, ou sexe local indéterminé.

    Bloquant par défaut : l'INSi ne connaît que M et F.

    Un sexe absent de la réponse INSi 00 ne peut pas être comparé : bloquant aussi (lecture
    prudente).

    Conforme : « F » / « F ».
    Non conforme : « M » / « F » ; « I » / « F ».
    """

    messages: ClassVar[Mapping[str, str]] = {
        "absent": "Sexe absent de la réponse INSi : comparaison impossible.",
        "indetermine": "Sexe local indéterminé (I) : l'INSi renvoie M ou F.",
        "different": "Sexe différent de celui de l'INSi.",
    }

    phase = 30
    requires = "insi"

    def check(self, ctx: Context) -> Iterator[Finding]:
        insi = insi_side(ctx)
        if insi is None or insi.sexe == ctx.resident.sexe:
            return
        if insi.sexe is None:
            # SAFE: no sex from INSi, nothing to compare (fix: was skipped, see DI04).
            variant = "absent"
        elif ctx.resident.sexe == "I":
            variant = "indetermine"
        else:
            variant = "different"
        yield self.say(
            variant,
            ctx.policy.gravite(self.code),
            trait="sexe",
            locale=ctx.resident.sexe,
            insi=insi.sexe or "",
        )
