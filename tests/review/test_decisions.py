"""The decision sets (pure)."""

from __future__ import annotations

import pytest

from insvigil.review.decisions import DECISIONS, decisions_for, get_decision, reopens_on_change
from insvigil.review.errors import InvalidDecision
from insvigil.review.types import Kind


def test_every_kind_has_documented_decisions() -> None:
    assert set(DECISIONS) == set(Kind)
    for kind in Kind:
        codes = [d.code for d in decisions_for(kind)]
        assert len(codes) == len(set(codes)) >= 2
        for d in decisions_for(kind):
            assert d.code.isupper() and d.libelle and len(d.effet) > 40
            assert get_decision(kind, d.code.lower()) is d


def test_effects_on_the_next_run() -> None:
    assert [d.code for d in DECISIONS[Kind.DISCORDANCE] if d.debloque] == ["ACCEPTER_TRAITS_INSI"]
    assert {d.code for d in DECISIONS[Kind.DOUBLON] if d.distinctes} == {
        "PERSONNES_DISTINCTES",
        "HOMONYMES",
    }
    assert reopens_on_change(Kind.COLLISION, pair=True)
    assert not reopens_on_change(Kind.COLLISION, pair=False)


def test_unknown_decision_lists_the_possible_ones() -> None:
    with pytest.raises(InvalidDecision, match="COLLISION_CONFIRMEE, PAS_DE_COLLISION"):
        get_decision(Kind.COLLISION, "MEME_PERSONNE")
