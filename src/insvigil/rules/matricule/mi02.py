from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.matricule._local import MESSAGES, local_error


class MI02(Rule):
    """Clé du matricule INS incorrecte : erreur de saisie probable.

    La clé vaut 97 − (N modulo 97), N étant le nombre formé des 13 premiers caractères (2A → 19,
    2B → 18). La clé est vérifiée sur le matricule local comme sur celui renvoyé par l'INSi.

    Conforme : « 2 83 05 2A 004 123 07 ».
    Non conforme : « 2 83 05 2A 004 123 45 ».
    """

    messages: ClassVar[Mapping[str, str]] = MESSAGES

    def check(self, ctx: Context) -> Iterator[Finding]:
        return local_error(self, ctx)
