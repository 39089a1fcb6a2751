"""Read one INSi SOAP response saved as ``<structure>__<local_id>.xml`` (contract §2.2).

The format is that of the CNAM ``ServiceIdentiteCertifiee`` (CNDA test responses)::

    <soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope">
     <S:Body xmlns:S="http://www.w3.org/2003/05/soap-envelope">
      <RESULTAT xmlns="http://www.cnamts.fr/INSiResultat">
       <CR><CodeCR>00</CodeCR><LibelleCR>OK</LibelleCR></CR>
       <INDIVIDU>
        <INSACTIF><IdIndividu><NumIdentifiant>13 chars</NumIdentifiant><Cle>2 digits</Cle>
                  </IdIndividu><OID>…</OID></INSACTIF>
        <INSHISTO>… same, 0..n, DateDeb/DateFin ignored …</INSHISTO>
        <TIQ><NomNaissance/><Prenom/><ListePrenom/><Sexe/><DateNaissance/><LieuNaissance/></TIQ>
       </INDIVIDU>
      </RESULTAT>
     </S:Body>
    </soap:Envelope>

Errors come as a SOAP 1.2 ``Fault`` whose ``Detail`` holds ``siram:Erreur`` (attributes
``severite``, ``code``, ``messageID``). Elements and attributes are matched by local name, so
any prefix or default namespace works (IS01); a bare ``RESULTAT`` root is accepted too.

Hostile XML is refused by ``defusedxml`` (no DTD, no entity, no external reference: IS02) and
never expanded or followed. Messages never copy free text or values from the file.

Operation: the body's response element name (``rechercherInsAvecTraitsIdentiteResponse``…) or a
``wsa:Action`` header when present; the CNAM's own responses put ``RESULTAT`` straight in the
body with no header, so it is usually ``None``. Date: a header ``wsu:Timestamp/Created``, else
``ContexteBAM/Temps``, else ``ContexteLPS/Temps`` (``xsd:dateTime``); usually ``None`` too.

This module owns the file and the ``RESULTAT`` element; the defused parse and the lookups by
local name live in :mod:`~insvigil.insi.soap_xml`, faults, operation and date in
:mod:`~insvigil.insi.soap_envelope`.
"""

from __future__ import annotations

from pathlib import Path
from xml.etree.ElementTree import Element

from insvigil.errors import InputFileError
from insvigil.insi.model import (
    InsIdentifier,
    InsiProblem,
    InsiResponse,
    InsiTraits,
    check_cr,
)
from insvigil.insi.soap_envelope import fault_motif, header_date, operation_of
from insvigil.insi.soap_xml import child, child_text, children, descendant, local_name, parse_xml

MAX_BYTES = 1024 * 1024
"""Largest response file read; a real INSi response is a few kilobytes."""


def split_name(name: str) -> tuple[str, str] | None:
    """``(structure, local_id)`` from ``<structure>__<local_id>.xml``, split on the first ``__``.

    >>> split_name("750000001__A__0001-b.xml")
    ('750000001', 'A__0001-b')
    >>> split_name("750000001_A-0001.xml") is None
    True
    """
    if not name.lower().endswith(".xml"):
        return None
    structure, sep, local_id = name[:-4].partition("__")
    if not sep or not structure or not local_id:
        return None
    return structure, local_id


def _identifier(element: Element) -> InsIdentifier | None:
    id_individu = child(element, "IdIndividu")
    number = child_text(id_individu, "NumIdentifiant")
    if number is None:
        return None
    matricule = "".join((number + (child_text(id_individu, "Cle") or "")).split())
    return InsIdentifier(matricule, child_text(element, "OID"))


def _traits(tiq: Element) -> InsiTraits:
    prenom, liste = child_text(tiq, "Prenom"), child_text(tiq, "ListePrenom")
    return InsiTraits(
        nom_naissance=child_text(tiq, "NomNaissance"),
        prenoms_naissance=liste if liste is not None else prenom,
        premier_prenom=prenom if liste is not None else None,
        sexe=child_text(tiq, "Sexe"),
        date_naissance=child_text(tiq, "DateNaissance"),
        lieu_naissance=child_text(tiq, "LieuNaissance"),
    )


def parse_soap(
    data: bytes, structure: str, local_id: str, source: str
) -> InsiResponse | InsiProblem:
    """Read the bytes of one SOAP response for the record (``structure``, ``local_id``)."""

    def problem(code: str, motif: str) -> InsiProblem:
        return InsiProblem(source, structure, local_id, code, motif)

    root = parse_xml(data)
    if isinstance(root, tuple):
        return problem(*root)
    header = body = None
    if local_name(root.tag) == "Envelope":
        header, body = child(root, "Header"), child(root, "Body")
        if body is None:
            return problem("IS06", "Enveloppe SOAP sans élément Body.")
    container = body if body is not None else root
    fault, erreur = descendant(container, "Fault"), descendant(container, "Erreur")
    if fault is not None or erreur is not None:
        return problem("IS03", fault_motif(fault, erreur))
    resultat = descendant(container, "RESULTAT")
    if resultat is None:
        return problem("IS06", "Réponse INSi sans élément RESULTAT.")
    cr_element = child(resultat, "CR")
    cr = child_text(cr_element, "CodeCR")
    if cr is None:
        return problem("IS06", "Réponse INSi sans code retour (CR/CodeCR).")
    individu = child(resultat, "INDIVIDU")
    actif_element, tiq = child(individu, "INSACTIF"), child(individu, "TIQ")
    if cr == "00":
        wrong = check_cr(cr, actif_element is not None, tiq is not None)
    else:
        wrong = check_cr(cr, individu is not None, False)
    if wrong is not None:
        return problem(*wrong)
    actif: InsIdentifier | None = None
    historique: list[InsIdentifier] = []
    traits = None
    if actif_element is not None and tiq is not None:
        for element in [actif_element, *children(individu, "INSHISTO")]:
            identifier = _identifier(element)
            if identifier is None:
                return problem("IS06", "INSACTIF ou INSHISTO sans IdIndividu/NumIdentifiant.")
            if actif is None:
                actif = identifier
            else:
                historique.append(identifier)
        traits = _traits(tiq)
    first = next((el for el in container if local_name(el.tag) is not None), None)
    action = child_text(header, "Action")
    operation = operation_of(action) or operation_of(
        local_name(first.tag) if first is not None else None
    )
    return InsiResponse(
        structure=structure,
        local_id=local_id,
        operation=operation,
        date=header_date(header),
        cr=cr,
        libelle_cr=child_text(cr_element, "LibelleCR"),
        actif=actif,
        historique=tuple(historique),
        traits=traits,
        source=source,
    )


def read_soap(path: Path) -> InsiResponse | InsiProblem:
    """Read one ``<structure>__<local_id>.xml`` INSi response file.

    A bad file name or content is a problem; only a file that cannot be opened raises
    :class:`~insvigil.errors.InputFileError`.
    """
    source = path.name
    key = split_name(path.name)
    if key is None:
        return InsiProblem(
            source,
            None,
            None,
            "IS06",
            "Nom de fichier inattendu : « <structure>__<local_id>.xml » attendu.",
        )
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputFileError(
            f"Réponse INSi illisible : {path} ({exc.strerror or 'erreur de lecture'})."
        ) from None
    if len(data) > MAX_BYTES:
        return InsiProblem(
            source,
            *key,
            "IS06",
            f"Fichier trop volumineux pour une réponse INSi (> {MAX_BYTES} o).",
        )
    return parse_soap(data, *key, source)
