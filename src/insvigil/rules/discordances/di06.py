from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.discordances._shared import insi_side, key
from insvigil.traits import prenoms


class DI06(Rule):
    """Premier prénom différent de celui de l'INSi (prénom utilisé saisi en premier ?).

    Bloquant par défaut : le premier prénom de naissance est un trait strict ; le prénom
    utilisé ne doit jamais le remplacer.

    Un premier prénom absent de la réponse INSi 00 (ni Prenom ni ListePrenom) ne peut pas être
    comparé : bloquant aussi (lecture prudente).

    Conforme : « MARIE » / « MARIE ».
    Non conforme : « JEAN » / « JEAN-PIERRE » ; « LOU » (prénom utilisé) / « LOUISE ».
    """

    messages: ClassVar[Mapping[str, str]] = {
        "absent": "Premier prénom absent de la réponse INSi : comparaison impossible.",
        "different": "Premier prénom différent de celui de l'INSi.",
        "prenom_usage": "Premier prénom différent de celui de l'INSi. C'est le prénom utilisé : "
        "prénom d'usage saisi en premier ?",
    }

    phase = 30
    requires = "insi"

    def check(self, ctx: Context) -> Iterator[Finding]:
        insi = insi_side(ctx)
        if insi is None:
            return
        if not insi.premier:
            # SAFE: no first name from INSi, nothing to compare (fix: was skipped, see DI04).
            yield self.say(
                "absent",
                ctx.policy.gravite(self.code),
                trait="premier_prenom",
                locale=ctx.premier.value,
                insi="",
            )
            return
        if key(ctx.premier.value) == key(insi.premier):
            return
        variant = "different"
        used = ctx.resident.prenom_utilise
        if (
            used
            and prenoms.is_valid(used)
            and key(prenoms.normalize(used).value) == key(ctx.premier.value)
        ):
            variant = "prenom_usage"
        yield self.say(
            variant,
            ctx.policy.gravite(self.code),
            trait="premier_prenom",
            locale=ctx.premier.value,
            insi=insi.premier,
        )
