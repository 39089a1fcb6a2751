"""The status decision (domain.md §6.2): from the evidence I and C to the RNIV status.

>>> ecart(Statut.QUALIFIEE, Statut.VALIDEE)
<EcartStatut.SURESTIME: 'SURESTIME'>
>>> ecart(Statut.RECUPEREE, Statut.VALIDEE)
<EcartStatut.SURESTIME: 'SURESTIME'>
>>> ecart(Statut.PROVISOIRE, Statut.VALIDEE)
<EcartStatut.SOUSESTIME: 'SOUSESTIME'>
>>> ecart(None, Statut.VALIDEE) is None
True
"""

from __future__ import annotations

from dataclasses import dataclass

from insvigil.engine.context import Context
from insvigil.model.codes import EcartStatut, Statut


@dataclass(frozen=True, slots=True)
class Decision:
    statut: Statut
    insi: bool  # I: INS retrieved or verified through INSi
    document: bool  # C: high-trust document checked
    ins_utilisable: bool
    ecart: EcartStatut | None


def status_of(insi: bool, document: bool) -> Statut:
    """ST02: I∧C → QUALIFIEE; I → RECUPEREE; C → VALIDEE; else PROVISOIRE."""
    if insi and document:
        return Statut.QUALIFIEE
    if insi:
        return Statut.RECUPEREE
    if document:
        return Statut.VALIDEE
    return Statut.PROVISOIRE


def ecart(declared: Statut | None, computed: Statut) -> EcartStatut | None:
    """ST04: SURESTIME when the declared status claims I or C that the computed one lacks."""
    if declared is None:
        return None
    if (declared.insi and not computed.insi) or (declared.document and not computed.document):
        return EcartStatut.SURESTIME
    if (computed.insi and not declared.insi) or (computed.document and not declared.document):
        return EcartStatut.SOUSESTIME
    return None


def decide(ctx: Context) -> Decision:
    """The decision for the record; computed once phase 50 starts, then cached on ``ctx``."""
    if isinstance(ctx.decision, Decision):
        return ctx.decision
    decision = _decide(ctx)
    ctx.decision = decision
    return decision


def _decide(ctx: Context) -> Decision:
    if ctx.interdit:
        insi = document = False
    else:
        insi = ctx.has("IS11")
        document = ctx.has("JU01")
    statut = status_of(insi, document)
    return Decision(
        statut=statut,
        insi=insi,
        document=document,
        ins_utilisable=statut is Statut.QUALIFIEE,
        ecart=ecart(ctx.resident.statut, statut),
    )
