from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding
from insvigil.rules.base import Rule
from insvigil.rules.matricule._local import MESSAGES, local_error


class MI01(Rule):
    """Matricule INS mal formé : il faut 13 caractères et une clé de 2 chiffres.

    Espaces et points sont retirés, les lettres mises en majuscules ; il reste alors 5 chiffres,
    2 chiffres ou 2A/2B (Corse), 6 chiffres, puis la clé. Un matricule mal formé ne peut pas
    servir d'INS.

    Conforme : « 2 83 05 2A 004 123 07 ».
    Non conforme : « 2 83 05 2C 004 123 07 », « 28305 » (trop court).
    """

    messages: ClassVar[Mapping[str, str]] = MESSAGES

    def check(self, ctx: Context) -> Iterator[Finding]:
        return local_error(self, ctx)
