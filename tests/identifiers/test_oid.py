"""OIDs of the matricule INS (MI05)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from insvigil.findings import Gravite
from insvigil.identifiers import oid
from insvigil.identifiers.oid import OidKind

from . import JUNK


def test_constants() -> None:
    assert oid.OID_NIR == "1.2.250.1.213.1.4.8"
    assert oid.OID_NIA == "1.2.250.1.213.1.4.9"
    assert oid.OID_NIR_TEST == "1.2.250.1.213.1.4.10"
    assert oid.OID_NIR_DEMO == "1.2.250.1.213.1.4.11"


# raw OID, kind, matricule type, production, (gravité of the MI05 findings)
CASES = [
    ("1.2.250.1.213.1.4.8", OidKind.NIR, "NIR", True, ()),
    ("1.2.250.1.213.1.4.9", OidKind.NIA, "NIA", True, ()),
    (" urn:oid:1.2.250.1.213.1.4.8\t", OidKind.NIR, "NIR", True, ()),
    ("URN:OID:1.2.250.1.213.1.4.9", OidKind.NIA, "NIA", True, ()),
    ("1.2.250.1.213.1.4. 9", OidKind.NIA, "NIA", True, ()),
    ("1.2.250.1.213.1.4.10", OidKind.NIR_TEST, "NIR", False, (Gravite.BLOQUANTE,)),
    ("1.2.250.1.213.1.4.11", OidKind.NIR_DEMO, "NIR", False, (Gravite.BLOQUANTE,)),
    ("1.2.250.1.213.1.4.1", OidKind.INCONNU, None, False, (Gravite.BLOQUANTE,)),
    ("1.2.250.1.213.1.4.80", OidKind.INCONNU, None, False, (Gravite.BLOQUANTE,)),
    ("1.2.250.1.213.1.4.8.", OidKind.INCONNU, None, False, (Gravite.BLOQUANTE,)),
    ("NIR", OidKind.INCONNU, None, False, (Gravite.BLOQUANTE,)),
    (None, OidKind.ABSENT, None, False, (Gravite.MINEURE,)),
    ("", OidKind.ABSENT, None, False, (Gravite.MINEURE,)),
    ("   ", OidKind.ABSENT, None, False, (Gravite.MINEURE,)),
    ("urn:oid:", OidKind.ABSENT, None, False, (Gravite.MINEURE,)),
]


@pytest.mark.parametrize(("raw", "kind", "type_", "production", "gravites"), CASES)
def test_oid_table(
    raw: str | None,
    kind: OidKind,
    type_: str | None,
    production: bool,
    gravites: tuple[Gravite, ...],
) -> None:
    assert oid.classify(raw) is kind
    assert oid.matricule_type(raw) == type_
    assert oid.is_production(raw) is production
    found = oid.findings(raw)
    assert tuple(f.gravite for f in found) == gravites
    assert all(f.code == "MI05" and f.trait == "oid" for f in found)


def test_messages() -> None:
    (absent,) = oid.findings(None)
    assert absent.message.startswith("OID absent : le type NIR/NIA ne peut pas être établi")
    for test_oid in (oid.OID_NIR_TEST, oid.OID_NIR_DEMO):
        (finding,) = oid.findings(test_oid)
        assert finding.message.startswith("OID de test : jamais utilisable en production")
    (unknown,) = oid.findings("9.9.9")
    assert unknown.message.startswith("OID inconnu")
    assert "9.9.9" not in unknown.message  # the unknown value is not echoed (it may be anything)


def test_policy_can_accept_test_oids_but_not_unknown_ones() -> None:
    accepted = {oid.OID_NIR_TEST, "urn:oid:1.2.250.1.213.1.4.11", "9.9.9"}
    assert oid.findings(oid.OID_NIR_TEST, oids_acceptes=accepted) == ()
    assert oid.findings(oid.OID_NIR_DEMO, oids_acceptes=accepted) == ()
    assert oid.findings(oid.OID_NIR_TEST, oids_acceptes=oid.OID_NIR_TEST) == ()
    assert oid.findings(oid.OID_NIR_DEMO, oids_acceptes=[oid.OID_NIR_TEST])[0].bloquante
    assert oid.findings("9.9.9", oids_acceptes=accepted)[0].bloquante
    assert oid.is_production(oid.OID_NIR_TEST) is False


def test_compact() -> None:
    assert oid.compact(" urn:oid:1.2.250.1.213.1.4.8 ") == oid.OID_NIR
    assert oid.compact(None) == ""
    assert oid.compact(42) == ""


@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_robustness(junk: object) -> None:
    kind = oid.classify(junk)  # type: ignore[arg-type]
    assert kind in (OidKind.ABSENT, OidKind.INCONNU)
    assert oid.matricule_type(junk) is None  # type: ignore[arg-type]
    assert oid.is_production(junk) is False  # type: ignore[arg-type]
    assert len(oid.findings(junk)) == 1  # type: ignore[arg-type]
    assert isinstance(oid.compact(junk), str)


@given(st.one_of(st.none(), st.text(), st.integers(), st.binary()))
def test_never_raises(raw: object) -> None:
    assert isinstance(oid.classify(raw), OidKind)  # type: ignore[arg-type]
    assert isinstance(oid.findings(raw), tuple)  # type: ignore[arg-type]
