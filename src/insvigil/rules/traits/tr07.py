from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule


class TR07(Rule):
    """Lieu de naissance absent : l'identité ne peut pas être validée ni qualifiée.

    L'INSi accepte une recherche sans lieu de naissance et peut le fournir, mais la validation
    de l'identité exige les cinq traits stricts localement (lecture prudente : sans code de lieu,
    jamais QUALIFIEE). Compléter le code INSEE du lieu de naissance.

    Conforme : lieu « 75056 ».
    Non conforme : lieu vide.
    """

    messages: ClassVar[Mapping[str, str]] = {
        "absent": "Lieu de naissance absent : à compléter (code INSEE valable à la date de "
        "naissance ; « insvigil lieu COMMUNE --ddn DATE » le trouve) avant toute validation.",
    }

    decides = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        if not ctx.lieu:
            yield self.say("absent", Gravite.MINEURE, trait="lieu_naissance")
