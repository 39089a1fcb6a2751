"""What a referent's decision lets the next run do (issue 15: never qualify on doubt).

Every case of the rule files whose record is blocked by a discordance with INSi (DIxx) is
evaluated again as if a referent had accepted INSi's traits on each of them: the discordances
no longer ask for a decision, but the record still holds the wrong values, so the INS stays
unusable (IS15), one IS15 per accepted discordance.
"""

from __future__ import annotations

import pytest

from insvigil.engine.context import accepted_key
from insvigil.model.codes import Statut
from insvigil.review.decisions import DECISIONS
from insvigil.review.types import Kind
from tests.rules._cases import Case, all_cases, build_residents_and_responses, engine_of, evaluate

BLOCKED = [
    case
    for case in all_cases()
    if not case.reading
    and any(f.bloquante and f.code.startswith("DI") for f in evaluate(case).findings)
]


def test_the_decisions_the_engine_receives() -> None:
    """A new decision that unblocks must be thought through here first."""
    unblocking = {d.code: d for kind in DECISIONS for d in DECISIONS[kind] if d.debloque}
    assert set(unblocking) == {
        "ACCEPTER_TRAITS_INSI",
        "PAS_DE_COLLISION",
        "CORRECTION_CONFIRMEE",
    }
    # a discordance's decision that unblocks leaves the DUI to correct
    assert all(d.reporter_traits for d in DECISIONS[Kind.DISCORDANCE] if d.debloque)
    assert not unblocking["PAS_DE_COLLISION"].reporter_traits
    # a confirmed change between exports (HIxx): the DUI already holds the new values, the
    # record is evaluated on them (tests/rules/test_historique.py)
    assert not unblocking["CORRECTION_CONFIRMEE"].reporter_traits
    assert [d.code for d in DECISIONS[Kind.CHANGEMENT] if d.debloque] == ["CORRECTION_CONFIRMEE"]
    assert len(BLOCKED) >= 10  # the DI rules' blocking cases


@pytest.mark.parametrize("case", BLOCKED, ids=[c.id for c in BLOCKED])
def test_accepting_insi_traits_never_qualifies_the_wrong_record(case: Case) -> None:
    before = evaluate(case)
    decided = [f for f in before.findings if f.bloquante and f.code.startswith("DI")]
    resident, responses = build_residents_and_responses(case)
    after = engine_of(case).evaluate(
        resident, responses, frozenset(accepted_key(f) for f in decided)
    )
    assert after.statut not in (Statut.QUALIFIEE, Statut.RECUPEREE), case.id
    assert after.ins_utilisable is False
    to_type = [f for f in after.findings if f.code == "IS15"]
    assert len(to_type) == len(decided) and all(f.bloquante for f in to_type)
    assert {f.trait for f in to_type} == {f.trait for f in decided}
    keys = {accepted_key(d) for d in decided}
    accepted = [f for f in after.findings if accepted_key(f) in keys]
    assert len(accepted) == len(decided)
    assert all(not f.bloquante and "Écart accepté par un référent" in f.message for f in accepted)
    assert "IS15" in after.regles
