"""The status the RNIV allows for a synthetic record, from what the generator injected.

Computed from the generator's knowledge (domain.md §6.2), never by running the engine:

1. ST01: ``DOUTEUSE`` or ``FICTIVE`` → ``PROVISOIRE``.
2. I: the latest INSi response is ``00`` and no injected defect blocks it (a BLOQUANTE
   discordance, a non-conforming strict trait, a local matricule that is neither active nor
   historic, a test OID, sex ``I``, a collision: :data:`~insvigil.synth.catalogue.DEFAUTS`).
3. C: the document is accepted under the default policy (``rules/rniv.toml``: ``PASSEPORT``,
   ``CNI``, ``TITRE_SEJOUR``; ``LIVRET_FAMILLE`` or ``EXTRAIT_NAISSANCE`` with
   ``PIECE_REPRESENTANT_LEGAL`` for a minor; EHPAD policy off) and no defect blocks it (a
   missing birthplace, a non-conforming strict trait).
4. ST02: I∧C → QUALIFIEE, I → RECUPEREE, C → VALIDEE, else PROVISOIRE.

>>> expected(frozenset(), [], latest_00=True, document=True)
'QUALIFIEE'
>>> expected(frozenset(), ["LIEU_ABSENT"], latest_00=True, document=True)
'RECUPEREE'
>>> expected(frozenset({"DOUTEUSE"}), [], latest_00=True, document=True)
'PROVISOIRE'
>>> ecart("QUALIFIEE", "VALIDEE"), ecart("RECUPEREE", "VALIDEE"), ecart("PROVISOIRE", "VALIDEE")
('SURESTIME', 'SURESTIME', 'SOUSESTIME')
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

from insvigil.synth.catalogue import DEFAUTS

__all__ = ["HAUTE_CONFIANCE", "document_ok", "ecart", "expected", "status"]

HAUTE_CONFIANCE = frozenset({"PASSEPORT", "CNI", "TITRE_SEJOUR"})
AVEC_COMPLEMENT = frozenset({"LIVRET_FAMILLE", "EXTRAIT_NAISSANCE"})
_I = {"PROVISOIRE": False, "RECUPEREE": True, "VALIDEE": False, "QUALIFIEE": True}
_C = {"PROVISOIRE": False, "RECUPEREE": False, "VALIDEE": True, "QUALIFIEE": True}


def document_ok(justificatif: str, complement: str, minor: bool) -> bool:
    """JU01/JU02 under the default policy (the traits' conformity is checked separately)."""
    if justificatif in HAUTE_CONFIANCE:
        return True
    return justificatif in AVEC_COMPLEMENT and complement == "PIECE_REPRESENTANT_LEGAL" and minor


def status(i: bool, c: bool) -> str:
    """ST02."""
    if i:
        return "QUALIFIEE" if c else "RECUPEREE"
    return "VALIDEE" if c else "PROVISOIRE"


def expected(
    attributs: Collection[str], defauts: Iterable[str], *, latest_00: bool, document: bool
) -> str:
    """The expected status (see the module docstring)."""
    if "DOUTEUSE" in attributs or "FICTIVE" in attributs:
        return "PROVISOIRE"
    i, c = latest_00, document
    for code in defauts:
        d = DEFAUTS[code]
        i = i and not d.bloque_i
        c = c and not d.bloque_c
    return status(i, c)


def ecart(declared: str, computed: str) -> str:
    """ST04: ``SURESTIME`` when the declared status has I or C that the computed one lacks,
    else ``SOUSESTIME`` when the computed one has more, else empty."""
    if not declared or declared == computed:
        return ""
    if (_I[declared] and not _I[computed]) or (_C[declared] and not _C[computed]):
        return "SURESTIME"
    return "SOUSESTIME"
