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
"""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import fromstring

from insvigil.errors import InputFileError
from insvigil.insi.model import (
    InsIdentifier,
    InsiProblem,
    InsiResponse,
    InsiTraits,
    Operation,
    check_cr,
    parse_timestamp,
)

_HOSTILE: dict[type[DefusedXmlException], str] = {
    DTDForbidden: "le fichier contient une DTD (interdite, avec ses entités) ; rien n'a été "
    "développé ni suivi.",
    EntitiesForbidden: "le fichier déclare une entité (interdite, non développée).",
    ExternalReferenceForbidden: "le fichier contient une référence externe (non suivie).",
}

MAX_BYTES = 1024 * 1024
"""Largest response file read; a real INSi response is a few kilobytes."""

_CONTEXTS = ("ContexteBAM", "ContexteLPS")
_SAFE_TOKEN = re.compile(r"[A-Za-z0-9_.:-]{1,40}")


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


def _local(tag: object) -> str | None:
    """Local name of a tag (``{ns}CR``, ``CR``); ``None`` for comments and the like."""
    if not isinstance(tag, str):
        return None
    return tag.rpartition("}")[2].rpartition(":")[2]


def _children(parent: Element | None, name: str) -> list[Element]:
    if parent is None:
        return []
    return [child for child in parent if _local(child.tag) == name]


def _child(parent: Element | None, name: str) -> Element | None:
    found = _children(parent, name)
    return found[0] if found else None


def _descendant(parent: Element, name: str) -> Element | None:
    return next((el for el in parent.iter() if _local(el.tag) == name), None)


def _text(parent: Element | None, name: str) -> str | None:
    element = _child(parent, name)
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def _safe(value: str) -> str:
    """A short code fit for a message, or ``?`` (markup, free text, anything matricule-like)."""
    value = value.strip()
    if _SAFE_TOKEN.fullmatch(value) and sum(char.isdigit() for char in value) < 6:
        return value
    return "?"


def _attribute(element: Element, name: str) -> str:
    return _safe(next((v for k, v in element.attrib.items() if _local(k) == name), ""))


def _fault_motif(fault: Element | None, erreur: Element | None) -> str:
    if erreur is not None:
        return (
            "Erreur renvoyée par le téléservice INSi (siram:Erreur, sévérité "
            f"« {_attribute(erreur, 'severite')} », code « {_attribute(erreur, 'code')} ») : "
            "aucune réponse exploitable."
        )
    code = "?"
    if fault is not None:
        values = [
            el.text.strip()
            for el in fault.iter()
            if _local(el.tag) in {"Value", "faultcode"} and el.text and el.text.strip()
        ]
        if values:
            code = _safe(values[-1])
    return (
        f"Erreur SOAP renvoyée par le téléservice INSi (code « {code} ») : "
        "aucune réponse exploitable."
    )


def _operation(name: str | None) -> Operation | None:
    low = (name or "").rpartition(":")[2].lower()
    if "cartevitale" in low:
        return Operation.RECHERCHE_CARTE_VITALE
    if "traitsidentite" in low:
        return Operation.RECHERCHE_TRAITS
    if low.startswith("verif"):
        return Operation.VERIFICATION
    return None


def _header_date(header: Element | None) -> datetime | None:
    """The response time a header carries, if any (first readable candidate wins)."""
    if header is None:
        return None
    candidates = [(_descendant(header, "Timestamp"), "Created")]
    candidates += [(_descendant(header, context), "Temps") for context in _CONTEXTS]
    for parent, name in candidates:
        text = _text(parent, name)
        if text is None:
            continue
        try:
            return parse_timestamp(text)
        except ValueError:
            continue
    return None


def _identifier(element: Element) -> InsIdentifier | None:
    id_individu = _child(element, "IdIndividu")
    number = _text(id_individu, "NumIdentifiant")
    if number is None:
        return None
    matricule = "".join((number + (_text(id_individu, "Cle") or "")).split())
    return InsIdentifier(matricule, _text(element, "OID"))


def _traits(tiq: Element) -> InsiTraits:
    prenom, liste = _text(tiq, "Prenom"), _text(tiq, "ListePrenom")
    return InsiTraits(
        nom_naissance=_text(tiq, "NomNaissance"),
        prenoms_naissance=liste if liste is not None else prenom,
        premier_prenom=prenom if liste is not None else None,
        sexe=_text(tiq, "Sexe"),
        date_naissance=_text(tiq, "DateNaissance"),
        lieu_naissance=_text(tiq, "LieuNaissance"),
    )


def _parse_xml(data: bytes) -> Element | tuple[str, str]:
    """The root element, or the problem ``(code, motif)``; nothing hostile is ever expanded."""
    try:
        root: Element = fromstring(
            data, forbid_dtd=True, forbid_entities=True, forbid_external=True
        )
    except DefusedXmlException as exc:
        return "IS02", "XML refusé : " + _HOSTILE.get(type(exc), "construction XML dangereuse.")
    except ParseError as exc:
        line, column = exc.position
        return "IS06", f"Fichier non XML ou XML mal formé (ligne {line}, colonne {column})."
    return root


def parse_soap(
    data: bytes, structure: str, local_id: str, source: str
) -> InsiResponse | InsiProblem:
    """Read the bytes of one SOAP response for the record (``structure``, ``local_id``)."""

    def problem(code: str, motif: str) -> InsiProblem:
        return InsiProblem(source, structure, local_id, code, motif)

    root = _parse_xml(data)
    if isinstance(root, tuple):
        return problem(*root)
    header = body = None
    if _local(root.tag) == "Envelope":
        header, body = _child(root, "Header"), _child(root, "Body")
        if body is None:
            return problem("IS06", "Enveloppe SOAP sans élément Body.")
    container = body if body is not None else root
    fault, erreur = _descendant(container, "Fault"), _descendant(container, "Erreur")
    if fault is not None or erreur is not None:
        return problem("IS03", _fault_motif(fault, erreur))
    resultat = _descendant(container, "RESULTAT")
    if resultat is None:
        return problem("IS06", "Réponse INSi sans élément RESULTAT.")
    cr_element = _child(resultat, "CR")
    cr = _text(cr_element, "CodeCR")
    if cr is None:
        return problem("IS06", "Réponse INSi sans code retour (CR/CodeCR).")
    individu = _child(resultat, "INDIVIDU")
    actif_element, tiq = _child(individu, "INSACTIF"), _child(individu, "TIQ")
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
        for element in [actif_element, *_children(individu, "INSHISTO")]:
            identifier = _identifier(element)
            if identifier is None:
                return problem("IS06", "INSACTIF ou INSHISTO sans IdIndividu/NumIdentifiant.")
            if actif is None:
                actif = identifier
            else:
                historique.append(identifier)
        traits = _traits(tiq)
    first = next((el for el in container if _local(el.tag) is not None), None)
    action = _text(header, "Action")
    operation = _operation(action) or _operation(_local(first.tag) if first is not None else None)
    return InsiResponse(
        structure=structure,
        local_id=local_id,
        operation=operation,
        date=_header_date(header),
        cr=cr,
        libelle_cr=_text(cr_element, "LibelleCR"),
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
