from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.discordances._shared import insi_side

_VARIANTS = {"nom_naissance": "nom", "prenoms_naissance": "prenoms"}


class DI01(Rule):
    """Écart de casse, d'accents, de ligature, d'espaces ou d'apostrophe typographique seulement.

    Une fois mis en forme INS, le trait local et celui de l'INSi sont identiques : l'écart est
    toléré (gravité par défaut MINEURE) et enregistré.

    Conforme : « LEFEVRE » / « LEFEVRE ».
    Écart mineur : « Lefèvre » / « LEFEVRE » ; « d’Artagnan » / « D'ARTAGNAN ».
    """

    messages: ClassVar[Mapping[str, str]] = {
        variant: f"Écart d'écriture seulement ({trait}) : identiques une fois mis en forme INS."
        for variant, trait in (("nom", "nom_naissance"), ("prenoms", "prenoms_naissance"))
    }

    phase = 30
    requires = "insi"

    def check(self, ctx: Context) -> Iterator[Finding]:
        insi = insi_side(ctx)
        if insi is None:
            return
        gravite = ctx.policy.gravite(self.code)
        pairs = (
            ("nom_naissance", ctx.nom, insi.nom),
            ("prenoms_naissance", ctx.prenoms, insi.prenoms),
        )
        for trait, local, remote in pairs:
            if remote is None or local.value != remote.value or local.raw == remote.raw:
                continue
            yield self.say(
                _VARIANTS[trait],
                gravite,
                trait=trait,
                locale=local.raw,
                insi=remote.raw,
            )
