from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.discordances._shared import insi_side, key, squeezed


class DI03(Rule):
    """Nom de naissance : séparateur présent d'un seul côté (LE GALL / LEGALL).

    Les lettres sont les mêmes mais l'un des deux noms est coupé en plusieurs mots : il peut
    s'agir du même nom mal saisi ou d'un autre nom. Bloquant par défaut.

    Conforme : « LE GALL » / « LE GALL ».
    Non conforme : « LE GALL » / « LEGALL ».
    """

    messages: ClassVar[Mapping[str, str]] = {
        "separateur": "Nom de naissance : séparateur d'un seul côté (mots collés ou séparés).",
    }

    phase = 30
    requires = "insi"

    def check(self, ctx: Context) -> Iterator[Finding]:
        insi = insi_side(ctx)
        if insi is None or insi.nom is None or key(ctx.nom.value) == key(insi.nom.value):
            return
        if squeezed(ctx.nom.value) == squeezed(insi.nom.value):
            yield self.say(
                "separateur",
                ctx.policy.gravite(self.code),
                trait="nom_naissance",
                locale=ctx.nom.raw,
                insi=insi.nom.raw,
            )
