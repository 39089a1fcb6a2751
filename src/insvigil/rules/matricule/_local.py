"""Shared by MI01-MI03: report a matricule's validation error under its own code.

Both matricules are checked (domain.md §2.1 MI02: "Check local **and** INSi matricules"; §6.2:
I needs the INSi matricule to pass MI01-MI03). The INSi one is also reported by DI15 (§8 #15);
MI01-MI03 say *which* check failed.
"""

from __future__ import annotations

from collections.abc import Iterator

from insvigil.engine.context import Context
from insvigil.errors import InvalidValue
from insvigil.findings import Finding, Gravite
from insvigil.identifiers import matricule
from insvigil.rules.base import Rule

#: MI01-MI03's messages: the matricule's validation error (masked), said of either matricule.
MESSAGES = {
    "local": "Matricule INS local : {0}",
    "insi": "Matricule INS renvoyé par l'INSi : {0}",
}


def local_error(rule: Rule, ctx: Context) -> Iterator[Finding]:
    error = ctx.matricule_error
    if error is not None and error.code == rule.code:
        yield rule.say("local", Gravite.BLOQUANTE, error.message, trait="matricule_ins")
    insi = None if ctx.interdit else ctx.insi
    if insi is None or insi.actif is None or insi.actif_valide:
        return
    try:
        matricule.validate(insi.actif)
    except InvalidValue as insi_error:
        if insi_error.code == rule.code:
            yield rule.say("insi", Gravite.BLOQUANTE, insi_error.message, trait="matricule_ins")
