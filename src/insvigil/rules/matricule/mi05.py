from __future__ import annotations

from collections.abc import Collection, Iterator, Mapping
from functools import lru_cache
from typing import ClassVar

from insvigil.engine.context import Context
from insvigil.findings import Finding, Gravite
from insvigil.identifiers import oid
from insvigil.rules.base import Rule


@lru_cache(maxsize=8)
def _accepted(acceptes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(oid.compact(a) for a in acceptes)


class MI05(Rule):
    """OID du matricule absent, inconnu ou de test : le matricule ne voyage jamais sans son OID.

    L'OID dit qui a attribué le matricule : 1.2.250.1.213.1.4.8 (INS-NIR) ou …1.4.9 (INS-NIA).
    Les OID …1.4.10 et …1.4.11 désignent des patients fictifs de test ou de démonstration :
    jamais utilisables en production (sauf politique de test). Un OID que la politique
    (oid.acceptes) ne liste pas n'est pas accepté. Un OID local absent est repris de la réponse
    INSi ; absent partout, l'identité ne peut être ni récupérée ni qualifiée.

    Conforme : matricule avec l'OID 1.2.250.1.213.1.4.8.
    Non conforme : OID 1.2.250.1.213.1.4.10 ; aucun OID ni localement ni dans la réponse INSi.
    """

    messages: ClassVar[Mapping[str, str]] = {
        "absent_partout": "OID absent localement et dans la réponse INSi : l'INS ne peut pas "
        "être utilisé.",
        "absent_local": "OID local absent : le type du matricule (NIR ou NIA) n'est pas établi.",
    } | {
        f"{side}.{variant}": f"{label} : {template}"
        for side, label in (("local", "OID local"), ("insi", "OID INSi"))
        for variant, template in (
            *oid.MESSAGES.items(),
            ("refuse", "{0} ({1}) non accepté par la politique en vigueur (oid.acceptes)."),
        )
    }

    phase = 20

    def check(self, ctx: Context) -> Iterator[Finding]:
        accepted = _accepted(ctx.policy.oid.acceptes)
        local = ctx.resident.oid_ins
        local_absent = oid.classify(local) is oid.OidKind.ABSENT
        insi = ctx.insi if not ctx.interdit else None
        insi_oid = insi.oid if insi is not None else None
        insi_absent = oid.classify(insi_oid) is oid.OidKind.ABSENT
        # The local OID is the INS's OID when it goes with a local matricule, or when the INSi
        # response carries none (it would then be the only OID of the INS): check it in both
        # cases (fix: it was only checked beside a local matricule, so a local test OID next to
        # an INSi response without OID gave QUALIFIEE; domain.md §2.2 MI05).
        if not local_absent and (ctx.matricule is not None or (insi is not None and insi_absent)):
            yield from self._check(local, "local", accepted)
        if insi is not None and not insi_absent:
            yield from self._check(insi_oid, "insi", accepted)
        elif insi is not None and local_absent:
            yield self.say("absent_partout", Gravite.BLOQUANTE, trait="oid_ins")
        elif ctx.matricule is not None and local_absent:
            yield self.say("absent_local", Gravite.MINEURE, trait="oid_ins")

    def _check(self, value: str | None, side: str, accepted: Collection[str]) -> Iterator[Finding]:
        found = oid.findings(value, oids_acceptes=accepted)
        for finding in found:
            yield self.say(f"{side}.{finding.variant}", finding.gravite, trait="oid_ins")
        if not found and oid.compact(value) not in accepted:
            # SAFE (domain.md §6.2: I needs "its OID is accepted"; rules/rniv.toml [oid]
            # acceptes): a production OID the policy does not list is refused (fix: NIR and NIA
            # OIDs were accepted whatever the policy said).
            yield self.say(
                f"{side}.refuse",
                Gravite.BLOQUANTE,
                str(oid.compact(value)),
                oid.classify(value).value,
                trait="oid_ins",
            )
