from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.discordances._shared import insi_side


class DI09(Rule):
    """Date de naissance différente de celle de l'INSi (jour et mois inversés ?).

    Toute différence bloque par défaut, y compris un 00 (jour ou mois inconnu) d'un seul côté :
    les dates sont comparées telles qu'écrites (1950-00-00 ≠ 1950-12-31).

    Une date absente ou illisible dans la réponse INSi 00 ne peut pas être comparée : bloquant
    aussi (lecture prudente).

    Conforme : « 1946-01-17 » / « 1946-01-17 ».
    Non conforme : « 1946-01-07 » / « 1946-01-17 » ; « 1983-12-05 » / « 1983-05-12 » (inversion).
    """

    messages: ClassVar[Mapping[str, str]] = {
        "differente": "Date de naissance différente de celle de l'INSi.",
        "absente": "Date de naissance absente de la réponse INSi : comparaison impossible.",
        "illisible": "Date de naissance de l'INSi illisible : comparaison impossible.",
        "inversee": "Date de naissance différente de celle de l'INSi. Jour et mois inversés ?",
    }

    phase = 30
    requires = "insi"

    def check(self, ctx: Context) -> Iterator[Finding]:
        insi = insi_side(ctx)
        if insi is None or insi.naissance == ctx.naissance:
            return
        variant = "differente"
        if not insi.naissance_brute:
            # SAFE: an absent INSi date was skipped while an unreadable one blocked (fix).
            variant = "absente"
        elif insi.naissance is None:
            variant = "illisible"
        elif ctx.naissance.swapped() == insi.naissance:
            variant = "inversee"
        yield self.say(
            variant,
            ctx.policy.gravite(self.code),
            trait="date_naissance",
            locale=ctx.naissance.iso(),
            insi=insi.naissance.iso() if insi.naissance else (insi.naissance_brute or ""),
        )
