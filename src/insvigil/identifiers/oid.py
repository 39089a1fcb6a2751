"""OIDs of the matricule INS (domain.md §2.2, MI05).

A matricule never travels without its OID: only the OID tells a NIR from a NIA, and the test
and demonstration OIDs must never reach production.

>>> classify(' urn:oid:1.2.250.1.213.1.4.8 ')
<OidKind.NIR: 'NIR'>
>>> matricule_type(OID_NIR_TEST), is_production(OID_NIR_TEST)
('NIR', False)
>>> [f.gravite.value for f in findings(None)]
['MINEURE']
"""

from __future__ import annotations

from collections.abc import Collection
from enum import StrEnum
from functools import lru_cache
from typing import Literal

from insvigil.findings import Finding, Gravite, make, register

__all__ = [
    "OID_NIA",
    "OID_NIR",
    "OID_NIR_DEMO",
    "OID_NIR_TEST",
    "OidKind",
    "classify",
    "compact",
    "findings",
    "is_production",
    "matricule_type",
]

OID_NIR = "1.2.250.1.213.1.4.8"
OID_NIA = "1.2.250.1.213.1.4.9"
OID_NIR_TEST = "1.2.250.1.213.1.4.10"
OID_NIR_DEMO = "1.2.250.1.213.1.4.11"

_URN = "urn:oid:"


class OidKind(StrEnum):
    """What an OID says about the matricule it accompanies."""

    NIR = "NIR"
    NIA = "NIA"
    NIR_TEST = "NIR_TEST"
    NIR_DEMO = "NIR_DEMO"
    INCONNU = "INCONNU"
    ABSENT = "ABSENT"


_KINDS = {
    OID_NIR: OidKind.NIR,
    OID_NIA: OidKind.NIA,
    OID_NIR_TEST: OidKind.NIR_TEST,
    OID_NIR_DEMO: OidKind.NIR_DEMO,
}
_TYPES: dict[OidKind, Literal["NIR", "NIA"]] = {
    OidKind.NIR: "NIR",
    OidKind.NIA: "NIA",
    OidKind.NIR_TEST: "NIR",
    OidKind.NIR_DEMO: "NIR",
}


def compact(oid: object) -> str:
    """The bare OID: whitespace removed, a leading ``urn:oid:`` (any case) dropped.

    ``None`` and anything but a ``str`` give ``""`` (never raises).

    >>> compact('URN:OID: 1.2.250.1.213.1.4.9'), compact(None)
    ('1.2.250.1.213.1.4.9', '')
    """
    if not isinstance(oid, str):
        return ""
    value = "".join(oid.split())
    if value[: len(_URN)].lower() == _URN:
        value = value[len(_URN) :]
    return value


def classify(oid: str | None) -> OidKind:
    # Memoised: a run sees the same few OIDs millions of times.
    if oid is None or isinstance(oid, str):
        return _classify(oid)
    return OidKind.INCONNU


@lru_cache(maxsize=256)
def _classify(oid: str | None) -> OidKind:
    """The kind of an OID: empty or ``None`` → ``ABSENT``; never raises.

    A value that is neither ``None`` nor a ``str`` is ``INCONNU``.

    >>> classify('1.2.250.1.213.1.4.11'), classify('  '), classify('1.2.250.1.213.1.4.99')
    (<OidKind.NIR_DEMO: 'NIR_DEMO'>, <OidKind.ABSENT: 'ABSENT'>, <OidKind.INCONNU: 'INCONNU'>)
    """
    if oid is not None and not isinstance(oid, str):
        return OidKind.INCONNU
    value = compact(oid)
    if not value:
        return OidKind.ABSENT
    return _KINDS.get(value, OidKind.INCONNU)


def matricule_type(oid: str | None) -> Literal["NIR", "NIA"] | None:
    """``"NIR"`` or ``"NIA"``; test and demonstration OIDs are NIR-typed (see :func:`findings`);
    unknown or absent → ``None`` (SAFE: the type is never guessed from the matricule).

    >>> matricule_type(OID_NIA), matricule_type(None)
    ('NIA', None)
    """
    return _TYPES.get(classify(oid))


def is_production(oid: str | None) -> bool:
    """Whether the OID is INS-NIR or INS-NIA (usable in production).

    >>> is_production('urn:oid:1.2.250.1.213.1.4.8'), is_production(OID_NIR_DEMO)
    (True, False)
    """
    return classify(oid) in (OidKind.NIR, OidKind.NIA)


def findings(
    oid: str | None, *, oids_acceptes: Collection[str] = frozenset()
) -> tuple[Finding, ...]:
    """MI05 findings for one OID (French messages, trait ``oid``); none for NIR and NIA.

    ``oids_acceptes`` is the policy list (test runs): a test or demonstration OID listed there
    gives no finding. It never makes an unknown OID acceptable (SAFE).

    >>> [f.message.split(' :')[0] for f in findings(OID_NIR_TEST)]
    ['OID de test']
    >>> findings(OID_NIR_TEST, oids_acceptes={OID_NIR_TEST}), findings(OID_NIR)
    ((), ())
    """
    kind = classify(oid)
    if kind is OidKind.ABSENT:
        return (_finding(Gravite.MINEURE, "absent"),)
    if kind in (OidKind.NIR_TEST, OidKind.NIR_DEMO):
        accepted = (oids_acceptes,) if isinstance(oids_acceptes, str) else oids_acceptes
        if compact(oid) in {compact(a) for a in accepted}:
            return ()
        return (_finding(Gravite.BLOQUANTE, "test" if kind is OidKind.NIR_TEST else "demo"),)
    if kind is OidKind.INCONNU:
        return (_finding(Gravite.BLOQUANTE, "inconnu"),)
    return ()


#: MI05's messages about one OID (variant -> template).
MESSAGES = {
    "absent": "OID absent : le type NIR/NIA ne peut pas être établi ; reprendre l'OID de la "
    "réponse INSi (sans OID nulle part, l'identité ne peut être ni récupérée ni qualifiée).",
    "test": f"OID de test : jamais utilisable en production ({OID_NIR_TEST}, INS-NIR de patients "
    "fictifs de test).",
    "demo": f"OID de test : jamais utilisable en production ({OID_NIR_DEMO}, INS-NIR de patients "
    "fictifs de démonstration).",
    "inconnu": f"OID inconnu : ni INS-NIR ({OID_NIR}) ni INS-NIA ({OID_NIA}) ; le matricule ne "
    "peut pas être utilisé.",
}
register("MI05", MESSAGES)


def _finding(gravite: Gravite, variant: str) -> Finding:
    return make("MI05", variant, gravite, (), "oid")
