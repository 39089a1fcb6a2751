from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.discordances._shared import insi_side, key


class DI05(Rule):
    """Premier prénom : même prénom, séparateurs différents (JEAN PIERRE / JEAN-PIERRE).

    Les clés de comparaison sont égales. Toléré par défaut (MINEURE).

    Conforme : « JEAN-PIERRE » / « JEAN-PIERRE ».
    Écart mineur : « JEAN PIERRE » / « JEAN-PIERRE ».
    """

    messages: ClassVar[Mapping[str, str]] = {
        "separateurs": "Premier prénom : séparateurs différents."
    }

    phase = 30
    requires = "insi"

    def check(self, ctx: Context) -> Iterator[Finding]:
        insi = insi_side(ctx)
        if insi is None or not insi.premier or ctx.premier.value == insi.premier:
            return
        if key(ctx.premier.value) == key(insi.premier):
            yield self.say(
                "separateurs",
                ctx.policy.gravite(self.code),
                trait="premier_prenom",
                locale=ctx.premier.value,
                insi=insi.premier,
            )
