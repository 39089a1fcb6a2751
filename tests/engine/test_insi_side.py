"""The INSi side of a record: its premier prénom is TR03's, whatever the traits hold."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from insvigil.engine.insi_side import build
from insvigil.insi.model import InsIdentifier, InsiResponse, InsiTraits
from insvigil.traits import prenoms


def _response(liste: str | None, premier: str | None) -> InsiResponse:
    traits = InsiTraits("MARTIN", liste, premier, "F", "1983-05-12", "75056")
    return InsiResponse(
        structure="750000001",
        local_id="A-1",
        operation=None,
        date=None,
        cr="00",
        libelle_cr=None,
        actif=InsIdentifier("283057505612345", None),
        historique=(),
        traits=traits,
        source="test",
    )


NAMES = st.one_of(
    st.none(),
    st.text(max_size=20),
    st.sampled_from(["", " ", "Jean-Pierre  Marie", " anne marie", "--", "Zoé\u00a0Anne", "2 X"]),
)


@given(NAMES, NAMES)
def test_premier_is_tr03s(liste: str | None, premier: str | None) -> None:
    expected = None
    if premier or liste:
        expected = prenoms.premier(liste or "", premier) or None
    assert build(_response(liste, premier)).premier == expected


def test_premier_examples() -> None:
    assert build(_response("jean-pierre marie", None)).premier == "JEAN-PIERRE"
    assert build(_response("JEAN PIERRE", " pierre ")).premier == "PIERRE"
    assert build(_response(None, "  ")).premier is None
