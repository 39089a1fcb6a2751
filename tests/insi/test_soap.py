"""SOAP reader: CNAM RESULTAT format, any namespace prefix, hostile XML refused."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

import pytest

from insvigil.errors import InputFileError
from insvigil.insi import (
    InsIdentifier,
    InsiProblem,
    InsiResponse,
    InsiTraits,
    Operation,
    parse_soap,
    read_soap,
    split_name,
)
from insvigil.insi import soap as soap_module

FIXTURES = Path(__file__).parent / "fixtures" / "soap"
NIR_OID = "1.2.250.1.213.1.4.8"
NIA_OID = "1.2.250.1.213.1.4.9"
FULL_MATRICULE = re.compile(r"[12]\d{4}[0-9AB]\d{8}")

INDIVIDU = (
    "<{p}INDIVIDU><{p}INSACTIF><{p}IdIndividu><{p}NumIdentifiant>283052A004123</{p}NumIdentifiant>"
    "<{p}Cle>07</{p}Cle></{p}IdIndividu><{p}OID>1.2.250.1.213.1.4.8</{p}OID></{p}INSACTIF>"
    "<{p}TIQ><{p}NomNaissance>DUPONT</{p}NomNaissance><{p}ListePrenom>MARIE</{p}ListePrenom>"
    "<{p}Sexe>F</{p}Sexe><{p}DateNaissance>1983-05-12</{p}DateNaissance></{p}TIQ></{p}INDIVIDU>"
)


def envelope(
    cr: str = "00",
    individu: str | None = None,
    env: str = "soap",
    res: str = "",
    header: str = "",
) -> bytes:
    """A SOAP 1.2 response; ``env``/``res`` are the prefixes ("" = default namespace)."""
    p = f"{res}:" if res else ""
    ns = f'xmlns{":" + res if res else ""}="http://www.cnamts.fr/INSiResultat"'
    e = f"{env}:" if env else ""
    ens = f'xmlns{":" + env if env else ""}="http://www.w3.org/2003/05/soap-envelope"'
    body = INDIVIDU.format(p=p) if individu is None else individu
    inner = (
        f"<{p}RESULTAT {ns}><{p}CR><{p}CodeCR>{cr}</{p}CodeCR><{p}LibelleCR>lib</{p}LibelleCR>"
        f"</{p}CR>{body}</{p}RESULTAT>"
    )
    head = f"<{e}Header>{header}</{e}Header>" if header else ""
    text = f'<?xml version="1.0"?><{e}Envelope {ens}>{head}<{e}Body>{inner}</{e}Body></{e}Envelope>'
    return text.encode()


def parse(data: bytes) -> InsiResponse | InsiProblem:
    return parse_soap(data, "750000001", "X-1", "750000001__X-1.xml")


def problem_of(data: bytes) -> InsiProblem:
    result = parse(data)
    assert isinstance(result, InsiProblem), result
    return result


def read(name: str) -> InsiResponse | InsiProblem:
    return read_soap(FIXTURES / name)


# --- the real shape ---------------------------------------------------------------------------


def test_cnda_shaped_response() -> None:
    assert read("750000001__A-0001.xml") == InsiResponse(
        structure="750000001",
        local_id="A-0001",
        operation=None,
        date=None,
        cr="00",
        libelle_cr="OK",
        actif=InsIdentifier("283052A00412307", NIR_OID),
        historique=(),
        traits=InsiTraits("DUPONT", "MARIE CLAIRE", "MARIE", "F", "1983-05-12", "2A004"),
        source="750000001__A-0001.xml",
    )


def test_prefixed_variant_with_header_and_nia_to_nir_history() -> None:
    item = read("750000001__B_02-x.xml")
    assert isinstance(item, InsiResponse)
    assert (item.structure, item.local_id) == ("750000001", "B_02-x")
    assert item.operation is Operation.RECHERCHE_CARTE_VITALE  # from wsa:Action
    assert item.date == datetime(2026, 10, 2, 10, 41)  # ContexteBAM/Temps 08:41Z, Paris time
    assert item.actif == InsIdentifier("185039935007149", NIR_OID)
    assert item.historique == (InsIdentifier("185039935099102", NIA_OID),)
    assert item.traits == InsiTraits("MARTIN", "PAUL JEAN-PIERRE", None, "M", "1985-03-20", "99350")


def test_soap11_wrapper_timestamp_and_history_kept_unchanged() -> None:
    item = read("750000001__C__0003.xml")
    assert isinstance(item, InsiResponse)
    assert (item.structure, item.local_id) == ("750000001", "C__0003")
    assert item.operation is Operation.RECHERCHE_TRAITS  # from the response wrapper element
    assert item.date == datetime(2026, 10, 3, 9, 15, 30)  # wsu:Timestamp/Created
    assert item.historique == (
        InsIdentifier("192057505612336", NIR_OID),
        InsIdentifier("292057505612383", NIR_OID),
    )
    assert item.traits is not None
    assert (item.traits.prenoms_naissance, item.traits.premier_prenom) == ("LOUIS", None)
    assert item.traits.date_naissance == "1992-05-00"


@pytest.mark.parametrize(
    ("name", "cr"), [("750000001__D-0004.xml", "01"), ("750000002__D-0005.xml", "02")]
)
def test_no_identity_found(name: str, cr: str) -> None:
    item = read(name)
    assert isinstance(item, InsiResponse)
    assert (item.cr, item.actif, item.historique, item.traits) == (cr, None, (), None)


@pytest.mark.parametrize(
    ("env", "res"),
    [("soap", ""), ("S", ""), ("env", "ns2"), ("soap", "ns2"), ("", ""), ("", "res")],
)
def test_any_prefix_works(env: str, res: str) -> None:
    item = parse(envelope(env=env, res=res))
    assert isinstance(item, InsiResponse), item
    assert item.actif == InsIdentifier("283052A00412307", NIR_OID)
    assert item.traits is not None and item.traits.nom_naissance == "DUPONT"


def test_missing_cle_and_spaces_are_tolerated() -> None:
    individu = INDIVIDU.format(p="").replace(
        "<NumIdentifiant>283052A004123</NumIdentifiant><Cle>07</Cle>",
        "<NumIdentifiant> 2830 52A0 04123 </NumIdentifiant><!-- no key -->",
    )
    item = parse(envelope(individu=individu))
    assert isinstance(item, InsiResponse)
    assert item.actif == InsIdentifier("283052A004123", NIR_OID)


def test_missing_oid_is_none() -> None:
    individu = INDIVIDU.format(p="").replace("<OID>1.2.250.1.213.1.4.8</OID>", "")
    item = parse(envelope(individu=individu))
    assert isinstance(item, InsiResponse) and item.actif == InsIdentifier("283052A00412307", None)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (
            "<ctxlps:ContexteLPS xmlns:ctxlps='urn:siram:lps:ctxlps'><ctxlps:Temps>"
            "2026-10-02T10:41:00</ctxlps:Temps></ctxlps:ContexteLPS>",
            datetime(2026, 10, 2, 10, 41),
        ),
        (
            "<a:ContexteBAM xmlns:a='urn:siram:bam:ctxbam'><a:Temps>hier</a:Temps></a:ContexteBAM>",
            None,
        ),
        (
            "<wsa:Action xmlns:wsa='http://www.w3.org/2005/08/addressing'>"
            "urn:ServiceIdentiteCertifiee:1.0.0:verifierIns</wsa:Action>",
            None,
        ),
    ],
)
def test_header_date(header: str, expected: datetime | None) -> None:
    item = parse(envelope(header=header))
    assert isinstance(item, InsiResponse)
    assert item.date == expected


def test_verification_operation_from_action() -> None:
    header = "<Action>urn:ServiceIdentiteCertifiee:1.0.0:verifierInsResponse</Action>"
    item = parse(envelope(header=header))
    assert isinstance(item, InsiResponse) and item.operation is Operation.VERIFICATION


# --- inconsistent responses and faults ---------------------------------------------------------


def test_fault_is_is03_with_severity_and_code_only() -> None:
    found = read("750000001__E-0005.xml")
    assert isinstance(found, InsiProblem)
    assert (found.code, found.structure, found.local_id) == ("IS03", "750000001", "E-0005")
    assert "« erreur »" in found.motif and "« desir_550 »" in found.motif
    assert "synthetique" not in found.motif  # free text is never copied


def test_soap11_fault_without_siram_erreur() -> None:
    data = (
        b'<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><s:Fault>'
        b"<faultcode>s:Server</faultcode><faultstring>boom</faultstring></s:Fault></s:Body>"
        b"</s:Envelope>"
    )
    found = problem_of(data)
    assert found.code == "IS03"
    assert "« s:Server »" in found.motif and "boom" not in found.motif


def test_hostile_fault_attributes_are_not_copied() -> None:
    data = envelope(
        individu='<Erreur xmlns="urn:siram" severite="x y &lt;z&gt;" code="283052A00412307"/>'
    )
    found = problem_of(data)
    assert found.code == "IS03"
    assert found.motif.count("« ? »") == 2  # neither markup nor a matricule is copied
    assert "283052A00412307" not in found.motif


@pytest.mark.parametrize(
    ("name", "fragment"),
    [("750000001__F-0006.xml", "code 00"), ("750000001__G-0007.xml", "code 01")],
)
def test_inconsistent_fixtures_are_is03(name: str, fragment: str) -> None:
    found = read(name)
    assert isinstance(found, InsiProblem) and found.code == "IS03"
    assert fragment in found.motif


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (envelope(cr="02"), "IS03"),
        (envelope(individu="<INDIVIDU/>", cr="01"), "IS03"),
        (envelope(individu="<INDIVIDU/>"), "IS03"),
        (envelope(individu=INDIVIDU.format(p="").split("<TIQ>")[0] + "</INDIVIDU>"), "IS03"),
        (envelope(cr="99"), "IS07"),
        (envelope(cr="", individu=""), "IS06"),
        (envelope(individu=INDIVIDU.format(p="").replace("NumIdentifiant", "Num")), "IS06"),
        (b"<Envelope><Header/></Envelope>", "IS06"),
        (b"<Envelope><Body><Autre/></Body></Envelope>", "IS06"),
        (b"<RESULTAT><LibelleCR>OK</LibelleCR></RESULTAT>", "IS06"),
    ],
)
def test_problem_codes(data: bytes, code: str) -> None:
    assert problem_of(data).code == code


def test_l_fixture_unknown_cr() -> None:
    found = read("750000001__L-0012.xml")
    assert isinstance(found, InsiProblem) and found.code == "IS07"


# --- hostile and malformed files ----------------------------------------------------------------


@pytest.mark.parametrize(
    "name", ["750000001__H-0008.xml", "750000001__I-0009.xml", "750000001__J-0010.xml"]
)
def test_dtd_entities_and_external_references_are_is02(name: str) -> None:
    found = read(name)
    assert isinstance(found, InsiProblem)
    assert (found.code, found.local_id) == ("IS02", name[11:-4])
    assert "lol" not in repr(found)
    assert "root:" not in repr(found)


def test_external_entity_content_never_appears(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("MARQUEUR-SECRET-4242")
    path = tmp_path / "750000001__Z-1.xml"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE RESULTAT [<!ENTITY x SYSTEM "{secret.as_uri()}">]>'
        "<RESULTAT><CR><CodeCR>01</CodeCR><LibelleCR>&x;</LibelleCR></CR></RESULTAT>"
    )
    found = read_soap(path)
    assert isinstance(found, InsiProblem) and found.code == "IS02"
    assert "MARQUEUR" not in repr(found)


@pytest.mark.parametrize(
    "data",
    [
        b'<!DOCTYPE r [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><RESULTAT/>',
        b'<!DOCTYPE r [<!ENTITY e "x">]><RESULTAT><CR><CodeCR>&e;</CodeCR></CR></RESULTAT>',
        b"<!DOCTYPE RESULTAT><RESULTAT/>",
    ],
)
def test_inline_hostile_documents_are_is02(data: bytes) -> None:
    assert problem_of(data).code == "IS02"


@pytest.mark.parametrize(
    "data",
    [b"", b"not xml", b"<RESULTAT>", b"<p:RESULTAT/>", b"<RESULTAT>&x;</RESULTAT>", b"\xff\xfe"],
)
def test_not_xml_is_is06(data: bytes) -> None:
    found = problem_of(data)
    assert found.code == "IS06"
    assert "XML" in found.motif


def test_non_xml_fixture() -> None:
    found = read("750000001__K-0011.xml")
    assert isinstance(found, InsiProblem) and found.code == "IS06"


@pytest.mark.parametrize(
    "name", ["bad-name.xml", "__A-1.xml", "750000001__.xml", "750000001_A-1.xml", "x__y.json"]
)
def test_bad_file_name_is_is06(name: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(envelope())
    found = read_soap(path)
    assert isinstance(found, InsiProblem)
    assert (found.code, found.structure, found.local_id) == ("IS06", None, None)
    assert "<structure>__<local_id>.xml" in found.motif


def test_split_name() -> None:
    assert split_name("750000001__A-0001.XML") == ("750000001", "A-0001")
    assert split_name("750000001__A__B.xml") == ("750000001", "A__B")
    assert split_name("750000001.xml") is None


def test_oversized_file_is_is06(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(soap_module, "MAX_BYTES", 100)
    path = tmp_path / "750000001__A-1.xml"
    path.write_bytes(envelope())
    found = read_soap(path)
    assert isinstance(found, InsiProblem) and found.code == "IS06"
    assert (found.structure, found.local_id) == ("750000001", "A-1")


def test_unreadable_file_raises(tmp_path: Path) -> None:
    path = tmp_path / "750000001__A-1.xml"
    path.mkdir()
    with pytest.raises(InputFileError, match="illisible"):
        read_soap(path)


def test_no_full_matricule_in_any_motif() -> None:
    for path in sorted(FIXTURES.glob("*.xml")):
        found = read_soap(path)
        if isinstance(found, InsiProblem):
            assert not FULL_MATRICULE.search(found.motif), path.name
