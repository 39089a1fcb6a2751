from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.discordances._shared import insi_side, key


class DI02(Rule):
    """Nom de naissance : tiret, double tiret, apostrophe ou espace permutés.

    Les clés de comparaison (séparateurs ramenés à l'espace) sont égales : même nom, séparateurs
    différents. Toléré par défaut (MINEURE) ; reprendre l'écriture de l'INSi.

    Conforme : « MARTIN--DURAND » / « MARTIN--DURAND ».
    Écart mineur : « MARTIN DURAND » / « MARTIN--DURAND ».
    """

    messages: ClassVar[Mapping[str, str]] = {
        "separateurs": "Nom de naissance : séparateurs différents (tiret, apostrophe, espace).",
    }

    phase = 30
    requires = "insi"

    def check(self, ctx: Context) -> Iterator[Finding]:
        insi = insi_side(ctx)
        if insi is None or insi.nom is None or ctx.nom.value == insi.nom.value:
            return
        if key(ctx.nom.value) == key(insi.nom.value):
            yield self.say(
                "separateurs",
                ctx.policy.gravite(self.code),
                trait="nom_naissance",
                locale=ctx.nom.raw,
                insi=insi.nom.raw,
            )
