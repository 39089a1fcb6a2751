from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.matricule._local import MESSAGES, local_error


class MI03(Rule):
    """Premier chiffre du matricule INS autre que 1 ou 2 : pas un matricule INS.

    Le premier chiffre code le sexe (1 homme, 2 femme). Les numéros provisoires de sécurité
    sociale (7, 8) ne sont pas des INS (lecture prudente).

    Conforme : « 1 85 03 99 350 071 49 ».
    Non conforme : un matricule commençant par 7 ou 8.
    """

    messages: ClassVar[Mapping[str, str]] = MESSAGES

    def check(self, ctx: Context) -> Iterator[Finding]:
        return local_error(self, ctx)
