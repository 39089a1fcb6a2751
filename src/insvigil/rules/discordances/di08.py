from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.discordances._shared import insi_side, key


class DI08(Rule):
    """Liste des prénoms : un prénom absent de l'INSi, ou un autre ordre.

    Bloquant par défaut : les prénoms de naissance se saisissent tous, dans l'ordre de l'état
    civil.

    Conforme : « MARIE CLAIRE » / « MARIE CLAIRE ».
    Non conforme : « CLAIRE MARIE » / « MARIE CLAIRE » ; « MARIE LOU » / « MARIE CLAIRE ».
    """

    messages: ClassVar[Mapping[str, str]] = {
        "ordre": "Liste des prénoms différente de celle de l'INSi (autre ordre).",
        "differents": "Liste des prénoms différente de celle de l'INSi (prénom(s) différent(s)).",
    }

    phase = 30
    requires = "insi"

    def check(self, ctx: Context) -> Iterator[Finding]:
        insi = insi_side(ctx)
        if insi is None or insi.prenoms is None:
            return
        local = key(ctx.prenoms.value).split(" ")
        remote = key(insi.prenoms.value).split(" ")
        if local != [""] and remote[: len(local)] == local:
            return
        yield self.say(
            "ordre" if sorted(local) == sorted(remote) else "differents",
            ctx.policy.gravite(self.code),
            trait="prenoms_naissance",
            locale=ctx.prenoms.raw,
            insi=insi.prenoms.raw,
        )
