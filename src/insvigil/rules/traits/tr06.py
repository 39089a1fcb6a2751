from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.traits import lieu


class TR06(Rule):
    """Lieu de naissance : code INSEE inconnu ou non valable à la date de naissance.

    Le code doit être celui de la commune (ou du pays, 99xxx) valable à la date de naissance,
    selon l'historique du Code officiel géographique. Un code qui existe à une autre date mais que
    l'historique relie au code valable alors (recodage, fusion, DOM avant 1946, pays créé après
    la naissance) est une anomalie mineure ; un code inconnu rend le trait non conforme.

    Conforme : « 20004 » (Ajaccio) pour une naissance en 1946, « 2A004 » en 1983.
    Mineure : « 2A004 » pour une naissance en 1946. Non conforme : « 00000 ».
    """

    #: Made while the birthplace is checked (``insvigil.traits.lieu``).
    messages: ClassVar[Mapping[str, str]] = lieu.MESSAGES

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.lieu_result is not None:
            yield from (f for f in ctx.lieu_result.findings if f.code == self.code)
