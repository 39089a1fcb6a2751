"""What a SOAP envelope says besides the INSi result: a fault, the operation, the response time.

Split from :mod:`insvigil.insi.soap`. A fault's French motif copies only short codes from the
file (never free text or anything matricule-like).
"""

from __future__ import annotations

import re
from datetime import datetime
from xml.etree.ElementTree import Element

from insvigil.insi.model import Operation, parse_timestamp
from insvigil.insi.soap_xml import child_text, descendant, local_name

__all__ = ["fault_motif", "header_date", "operation_of"]

_CONTEXTS = ("ContexteBAM", "ContexteLPS")
_SAFE_TOKEN = re.compile(r"[A-Za-z0-9_.:-]{1,40}")


def _safe(value: str) -> str:
    """A short code fit for a message, or ``?`` (markup, free text, anything matricule-like)."""
    value = value.strip()
    if _SAFE_TOKEN.fullmatch(value) and sum(char.isdigit() for char in value) < 6:
        return value
    return "?"


def _attribute(element: Element, name: str) -> str:
    return _safe(next((v for k, v in element.attrib.items() if local_name(k) == name), ""))


def fault_motif(fault: Element | None, erreur: Element | None) -> str:
    """The French motif of an IS03 problem, from a ``siram:Erreur`` or else a SOAP ``Fault``."""
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
            if local_name(el.tag) in {"Value", "faultcode"} and el.text and el.text.strip()
        ]
        if values:
            code = _safe(values[-1])
    return (
        f"Erreur SOAP renvoyée par le téléservice INSi (code « {code} ») : "
        "aucune réponse exploitable."
    )


def operation_of(name: str | None) -> Operation | None:
    """The operation a ``wsa:Action`` or a response element name stands for, if recognised."""
    low = (name or "").rpartition(":")[2].lower()
    if "cartevitale" in low:
        return Operation.RECHERCHE_CARTE_VITALE
    if "traitsidentite" in low:
        return Operation.RECHERCHE_TRAITS
    if low.startswith("verif"):
        return Operation.VERIFICATION
    return None


def header_date(header: Element | None) -> datetime | None:
    """The response time a header carries, if any (first readable candidate wins)."""
    if header is None:
        return None
    candidates = [(descendant(header, "Timestamp"), "Created")]
    candidates += [(descendant(header, context), "Temps") for context in _CONTEXTS]
    for parent, name in candidates:
        text = child_text(parent, name)
        if text is None:
            continue
        try:
            return parse_timestamp(text)
        except ValueError:
            continue
    return None
