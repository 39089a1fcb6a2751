from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.discordances._shared import insi_side


class DI12(Rule):
    """Lieu de naissance : codes différents pour la même commune selon l'historique du COG.

    Recodage (20004 / 2A004 pour Ajaccio), fusion ou changement de nom, arrondissement et
    commune (75115 / 75056) : même lieu. Mineur par défaut ; reprendre le code de l'INSi.

    Conforme : « 2A004 » / « 2A004 ».
    Écart mineur : « 2A004 » / « 20004 » ; « 75115 » / « 75056 ».
    """

    messages: ClassVar[Mapping[str, str]] = {
        "meme_commune": "Lieu de naissance : même commune selon l'historique du COG, code "
        "différent.",
    }

    phase = 30
    requires = "insi"

    def check(self, ctx: Context) -> Iterator[Finding]:
        insi = insi_side(ctx)
        if insi is None or insi.lieu is None or not ctx.lieu or insi.lieu == ctx.lieu:
            return
        start, end = ctx.span
        verdict = ctx.cog.same_place(ctx.lieu, insi.lieu, start, end).value
        if verdict in ("MEME_COMMUNE", "ARRONDISSEMENT"):
            yield self.say(
                "meme_commune",
                ctx.policy.gravite(self.code),
                trait="lieu_naissance",
                locale=ctx.lieu,
                insi=insi.lieu,
            )
