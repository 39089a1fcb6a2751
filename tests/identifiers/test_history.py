"""Local matricule against INSi's active and historic matricules (MI06/MI07)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest

from insvigil.findings import Gravite
from insvigil.identifiers import history
from insvigil.identifiers.history import HistoryMatch, InsiMatricules

from . import JUNK

ACTIVE = "283052A00412307"  # synthetic NIR
OLD_NIR = "183052A00412357"  # former NIR, other sex digit
NIA = "246012000411885"  # synthetic value standing for a replaced NIA
OTHER = "185039935007149"
INSI = InsiMatricules(ACTIVE, (NIA, OLD_NIR, ACTIVE))  # history may repeat the active one


@pytest.mark.parametrize(
    ("local", "insi", "expected"),
    [
        (ACTIVE, INSI, HistoryMatch.ACTIF),
        ("2 83 05 2a 004 123 07", INSI, HistoryMatch.ACTIF),  # compared in compact form
        (ACTIVE, InsiMatricules("2.83.05.2A.004.123.07"), HistoryMatch.ACTIF),
        (NIA, INSI, HistoryMatch.HISTORIQUE),
        ("1 83 05 2A 004 123 57", INSI, HistoryMatch.HISTORIQUE),
        (OTHER, INSI, HistoryMatch.AUTRE),
        (OTHER, InsiMatricules(ACTIVE), HistoryMatch.AUTRE),
        ("283052A00412345", INSI, HistoryMatch.AUTRE),  # wrong key: not the same value
        (None, INSI, HistoryMatch.ABSENT),
        ("", INSI, HistoryMatch.ABSENT),
        ("  ", INSI, HistoryMatch.ABSENT),
    ],
)
def test_match(local: str | None, insi: InsiMatricules, expected: HistoryMatch) -> None:
    assert history.match(local, insi) is expected


@pytest.mark.parametrize(
    ("local", "gravites"),
    [
        (ACTIVE, ()),
        (None, ()),
        (OLD_NIR, (Gravite.MINEURE,)),
        (OTHER, (Gravite.BLOQUANTE,)),
    ],
)
def test_findings(local: str | None, gravites: tuple[Gravite, ...]) -> None:
    found = history.findings(local, INSI)
    assert tuple(f.gravite for f in found) == gravites
    assert all(f.code == "MI07" and f.trait == "matricule" for f in found)
    assert all(ACTIVE not in f.message and OTHER not in f.message for f in found)


@dataclass
class _Response:
    """Any object with ``active`` and ``historique`` satisfies InsiIdentity."""

    active: str
    historique: list[str]


def test_protocol_accepts_other_models() -> None:
    response: history.InsiIdentity = _Response(ACTIVE, [NIA])
    assert history.match(NIA, response) is HistoryMatch.HISTORIQUE
    history_list: Sequence[str] = response.historique
    assert history_list == [NIA]


@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_robustness(junk: object) -> None:
    result = history.match(junk, INSI)  # type: ignore[arg-type]
    assert result in (HistoryMatch.ABSENT, HistoryMatch.AUTRE)
    weird = InsiMatricules(junk, (junk,))  # type: ignore[arg-type]
    assert isinstance(history.match(ACTIVE, weird), HistoryMatch)
