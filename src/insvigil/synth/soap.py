"""One INSi response as the téléservice's SOAP 1.2 envelope (``<structure>__<local_id>.xml``).

Element names are those of the CNAM ``ServiceIdentiteCertifiee`` result (domain.md §7); the
response time travels in a ``wsu:Timestamp/Created`` header and the operation in the body's
response wrapper, as in ``tests/insi/fixtures/soap``.

>>> from insvigil.synth.insi import Response
>>> xml = envelope(Response("RECHERCHE_TRAITS", "2026-10-02T10:41:00", "01"))
>>> "<CodeCR>01</CodeCR>" in xml and "rechercherInsAvecTraitsIdentiteResponse" in xml
True
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from insvigil.synth.insi import LIBELLES, Response

__all__ = ["envelope"]

_WRAPPERS = {
    "RECHERCHE_TRAITS": "rechercherInsAvecTraitsIdentiteResponse",
    "RECHERCHE_CARTE_VITALE": "rechercherInsAvecCarteVitaleResponse",
    "VERIFICATION": "verifierInsResponse",
}
_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<!-- Réponse INSi synthétique (insvigil synth) : aucune personne réelle. -->
<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope">
  <soap:Header>
    <wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd" xmlns:wsu="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd">
      <wsu:Timestamp>
        <wsu:Created>{when}</wsu:Created>
      </wsu:Timestamp>
    </wsse:Security>
  </soap:Header>
  <soap:Body>
    <{wrapper} xmlns="http://www.cnamts.fr/ServiceIdentiteCertifiee/v1">
      <RESULTAT xmlns="http://www.cnamts.fr/INSiResultat" xmlns:ns2="http://www.cnamts.fr/INSiRecSans" xmlns:ns3="http://www.cnamts.fr/INSiRecVit">
        <CR>
          <CodeCR>{cr}</CodeCR>
          <LibelleCR>{libelle}</LibelleCR>
        </CR>
"""  # noqa: E501
_TAIL = """      </RESULTAT>
    </{wrapper}>
  </soap:Body>
</soap:Envelope>
"""


def _identifier(tag: str, matricule: str, oid: str) -> str:
    return (
        f"          <{tag}>\n"
        f"            <IdIndividu>\n"
        f"              <NumIdentifiant>{escape(matricule[:13])}</NumIdentifiant>\n"
        f"              <Cle>{escape(matricule[13:])}</Cle>\n"
        f"            </IdIndividu>\n"
        f"            <OID>{escape(oid)}</OID>\n"
        f"          </{tag}>\n"
    )


def envelope(r: Response) -> str:
    """The XML text of one response."""
    wrapper = _WRAPPERS[r.operation]
    parts = [_HEAD.format(when=r.when, wrapper=wrapper, cr=r.cr, libelle=LIBELLES[r.cr])]
    if r.traits is not None:
        nom, prenoms, sexe, naissance, lieu = r.traits
        parts.append("        <INDIVIDU>\n")
        parts.append(_identifier("INSACTIF", r.matricule, r.oid))
        parts += [_identifier("INSHISTO", m, o) for m, o in r.historique]
        tiq = (
            ("NomNaissance", nom),
            ("Prenom", prenoms.split(" ")[0]),
            ("ListePrenom", prenoms),
            ("Sexe", sexe),
            ("DateNaissance", naissance),
            ("LieuNaissance", lieu),
        )
        parts.append("          <TIQ>\n")
        parts += [f"            <{tag}>{escape(value)}</{tag}>\n" for tag, value in tiq]
        parts.append("          </TIQ>\n        </INDIVIDU>\n")
    parts.append(_TAIL.format(wrapper=wrapper))
    return "".join(parts)
