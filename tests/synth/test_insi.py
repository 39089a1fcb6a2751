"""INSi responses: SOAP files parse safely and carry the same data as JSON Lines would."""

from __future__ import annotations

from pathlib import Path

import pytest
from defusedxml import ElementTree

from insvigil.synth.insi import Response, json_line
from insvigil.synth.soap import envelope
from tests.synth.helpers import Population

NS = "{http://www.cnamts.fr/INSiResultat}"


def xml_files(population: Population) -> list[Path]:
    return sorted((population.out / "insi_xml").glob("*.xml"))


def test_xml_files_parse_with_defusedxml(population: Population) -> None:
    keys = {(r["structure"], r["local_id"]) for r in population.residents}
    codes = set()
    for path in xml_files(population):
        structure, local_id = path.stem.split("__", 1)
        assert (structure, local_id) in keys
        root = ElementTree.parse(path, forbid_dtd=True).getroot()
        assert root.tag == "{http://www.w3.org/2003/05/soap-envelope}Envelope"
        resultat = root.find(f".//{NS}RESULTAT")
        assert resultat is not None
        code = resultat.findtext(f"{NS}CR/{NS}CodeCR")
        codes.add(code)
        individu = resultat.find(f"{NS}INDIVIDU")
        assert (individu is not None) == (code == "00")
        if individu is not None:
            assert (
                len(individu.findtext(f"{NS}INSACTIF/{NS}IdIndividu/{NS}NumIdentifiant") or "")
                == 13
            )
            assert individu.findtext(f"{NS}TIQ/{NS}ListePrenom")
    assert "00" in codes


def test_xml_files_read_with_the_insi_reader(population: Population) -> None:
    soap = pytest.importorskip("insvigil.insi.soap", reason="insvigil.insi is not available yet")
    for path in xml_files(population):
        response = soap.read_soap(path)
        assert type(response).__name__ == "InsiResponse", response
        assert response.date is not None and response.operation is not None


def test_same_response_in_both_forms() -> None:
    response = Response(
        "RECHERCHE_CARTE_VITALE", "2024-03-05T09:12:44", "00", "185039935007149",
        "1.2.250.1.213.1.4.8", (("185039935012345", "1.2.250.1.213.1.4.9"),),
        ("D'ARC--MARTIN", "JEAN-PIERRE LOUIS", "M", "1985-03-00", "99350"),
    )  # fmt: skip
    line = json_line("750000001", "A-1", response)
    root = ElementTree.fromstring(envelope(response))
    tiq = root.find(f".//{NS}TIQ")
    assert tiq is not None
    assert tiq.findtext(f"{NS}NomNaissance") == "D'ARC--MARTIN"
    assert tiq.findtext(f"{NS}Prenom") == "JEAN-PIERRE"
    assert len(root.findall(f".//{NS}INSHISTO")) == 1
    assert '"historique": [{"matricule": "185039935012345"' in line
