from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.rules.base import Rule


class IS13(Rule):
    """Appel INSi interdit pour une identité douteuse ou fictive : réponses ignorées.

    Une identité douteuse ou fictive reste PROVISOIRE ; le téléservice ne doit pas être appelé
    et les réponses reçues ne comptent pas.

    Conforme : identité DOUTEUSE sans réponse INSi.
    Non conforme : identité FICTIVE avec une réponse INSi.
    """

    messages: ClassVar[Mapping[str, str]] = {
        "interdit": "Appel INSi interdit pour une identité douteuse ou fictive : {0} réponse(s) "
        "ignorée(s).",
    }

    phase = 20
    requires = "responses"
    decides = True

    def check(self, ctx: Context) -> Iterator[Finding]:
        if ctx.interdit and ctx.responses:
            yield self.say("interdit", Gravite.MINEURE, str(len(ctx.responses)), trait="insi")
