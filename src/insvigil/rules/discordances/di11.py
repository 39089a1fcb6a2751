from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.discordances._shared import insi_side


class DI11(Rule):
    """Lieu de naissance absent localement, fourni par l'INSi : à reprendre dans le dossier.

    Mineur par défaut : l'INSi complète le trait, mais la validation de l'identité exige qu'il
    soit saisi localement (voir TR07).

    Conforme : « 75056 » / « 75056 ».
    Écart mineur : lieu vide / « 75056 ».
    """

    messages: ClassVar[Mapping[str, str]] = {
        "absent": "Lieu de naissance absent localement : reprendre le code fourni par l'INSi.",
    }

    phase = 30
    requires = "insi"

    def check(self, ctx: Context) -> Iterator[Finding]:
        insi = insi_side(ctx)
        if insi is None or insi.lieu is None or ctx.lieu:
            return
        yield self.say(
            "absent",
            ctx.policy.gravite(self.code),
            trait="lieu_naissance",
            locale="",
            insi=insi.lieu,
        )
