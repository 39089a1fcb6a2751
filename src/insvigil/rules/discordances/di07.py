from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.discordances._shared import insi_side, key


class DI07(Rule):
    """Liste des prénoms : la liste locale est le début de celle de l'INSi.

    Prénoms manquants en fin de liste, ou séparateurs différents : toléré par défaut (MINEURE) ;
    compléter la liste dans l'ordre de l'état civil.

    Conforme : « MARIE CLAIRE ANNE » / « MARIE CLAIRE ANNE ».
    Écart mineur : « MARIE » / « MARIE CLAIRE ANNE ».
    """

    messages: ClassVar[Mapping[str, str]] = {
        "incomplete": "Liste des prénoms : incomplète par rapport à l'INSi.",
        "separateurs": "Liste des prénoms : séparateurs différents par rapport à l'INSi.",
    }

    phase = 30
    requires = "insi"

    def check(self, ctx: Context) -> Iterator[Finding]:
        insi = insi_side(ctx)
        if insi is None or insi.prenoms is None or ctx.prenoms.value == insi.prenoms.value:
            return
        local = key(ctx.prenoms.value).split(" ")
        remote = key(insi.prenoms.value).split(" ")
        if local != [""] and remote[: len(local)] == local:
            yield self.say(
                "incomplete" if len(local) < len(remote) else "separateurs",
                ctx.policy.gravite(self.code),
                trait="prenoms_naissance",
                locale=ctx.prenoms.raw,
                insi=insi.prenoms.raw,
            )
