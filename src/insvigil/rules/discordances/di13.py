from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.discordances._shared import insi_side
from insvigil.traits import lieu as birthplace


class DI13(Rule):
    """Lieu de naissance : autre commune ou autre pays que l'INSi (code postal saisi ?).

    Bloquant par défaut. Un code postal n'est pas un code INSEE (75015 est le code postal de
    Paris 15e, dont le code INSEE est 75115).

    Conforme : « 99350 » / « 99350 ».
    Non conforme : « 75015 » / « 75115 » ; « 69123 » / « 13055 ».
    """

    messages: ClassVar[Mapping[str, str]] = {
        "different": "Lieu de naissance différent de celui de l'INSi.",
        "postal": "Lieu de naissance différent de celui de l'INSi. Le code local ressemble à un "
        "code postal ({0}).",
    }

    phase = 30
    requires = "insi"

    def check(self, ctx: Context) -> Iterator[Finding]:
        insi = insi_side(ctx)
        if insi is None or insi.lieu is None or not ctx.lieu or insi.lieu == ctx.lieu:
            return
        start, end = ctx.span
        verdict = ctx.cog.same_place(ctx.lieu, insi.lieu, start, end).value
        if verdict in ("MEME_COMMUNE", "ARRONDISSEMENT", "IDENTIQUE"):
            return
        postal = birthplace.is_postal_code_like(ctx.lieu, start, end)
        yield self.say(
            "postal" if postal else "different",
            ctx.policy.gravite(self.code),
            *((str(postal),) if postal else ()),
            trait="lieu_naissance",
            locale=ctx.lieu,
            insi=insi.lieu,
        )
