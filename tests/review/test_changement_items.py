"""The CHANGEMENT queue items (HI01, HI02: changes between exports): labels, worklist, alerts."""

from __future__ import annotations

from insvigil.findings import Finding, Gravite
from insvigil.lookup.alerts import alertes
from insvigil.model.codes import Statut
from insvigil.review.counts import KIND_LABELS
from insvigil.review.decisions import DECISIONS, reopens_on_change
from insvigil.review.report_blocks import KINDS
from insvigil.review.types import Kind
from insvigil.review.worklist import Action, next_action
from tests.review.test_worklist import R, item

HI01 = Finding(
    "HI01",
    Gravite.BLOQUANTE,
    "Nom de naissance modifié depuis le dernier traitement.",
    "nom_naissance",
    params=("nom_naissance", "DURAND", "DUPONT", "QUALIFIEE"),
)


def test_every_kind_is_labelled_and_decidable() -> None:
    assert {k for k, _, _ in KIND_LABELS} == {k.value for k in Kind}
    assert {k for k, _, _ in KINDS} == {k.value for k in Kind}
    assert set(DECISIONS) == set(Kind)
    # the values before and after are part of the item's fingerprint: a decision follows them
    assert reopens_on_change(Kind.CHANGEMENT, False) is False


def test_an_open_change_is_examined_first_after_collisions() -> None:
    items = (
        item(3, Kind.DISCORDANCE, "date_naissance"),
        item(2, Kind.CHANGEMENT, "nom_naissance", code="HI01", values=("DURAND", "DUPONT")),
    )
    action = next_action(R(Statut.VALIDEE, findings=(HI01,)), items)
    assert action.action is Action.EXAMINER_CHANGEMENT and action.element == 2
    assert "HI01" in action.detail and "nom de naissance" in action.detail


def test_a_confirmed_change_waits_for_the_next_run() -> None:
    """Decided but the stored result predates the decision: relaunch qualify."""
    decided = item(
        4,
        Kind.CHANGEMENT,
        "nom_naissance",
        "CORRECTION_CONFIRMEE",
        code="HI01",
        values=("DURAND", "DUPONT"),
    )
    action = next_action(R(Statut.VALIDEE, findings=(HI01,)), (decided,))
    assert action.action is Action.RELANCER_QUALIFICATION and action.element == 4
    # another change than the decided one is not what the decision was about
    other = item(
        5,
        Kind.CHANGEMENT,
        "nom_naissance",
        "CORRECTION_CONFIRMEE",
        code="HI01",
        values=("DURAND", "MARTIN"),
    )
    assert next_action(R(Statut.VALIDEE, findings=(HI01,)), (other,)).action is not (
        Action.RELANCER_QUALIFICATION
    )


def test_lookup_warns_of_an_open_change() -> None:
    found = alertes(
        statut="VALIDEE", attributs=(), ins_utilisable=False, ouverts=[(7, "CHANGEMENT")]
    )
    assert any("changé depuis le dernier traitement" in a and "élément 7" in a for a in found)
