"""Reading XML defensively: the defused parse (IS02, IS06) and lookups by local name (IS01).

Split from :mod:`insvigil.insi.soap`. Elements and attributes are matched by local name, so any
prefix or default namespace works; hostile XML (DTD, entity, external reference) is refused by
``defusedxml`` and never expanded or followed.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.common import DefusedXmlException
from defusedxml.ElementTree import fromstring

__all__ = ["child", "child_text", "children", "descendant", "local_name", "parse_xml"]

_HOSTILE: dict[type[DefusedXmlException], str] = {
    DTDForbidden: "le fichier contient une DTD (interdite, avec ses entités) ; rien n'a été "
    "développé ni suivi.",
    EntitiesForbidden: "le fichier déclare une entité (interdite, non développée).",
    ExternalReferenceForbidden: "le fichier contient une référence externe (non suivie).",
}


def local_name(tag: object) -> str | None:
    """Local name of a tag (``{ns}CR``, ``CR``); ``None`` for comments and the like."""
    if not isinstance(tag, str):
        return None
    return tag.rpartition("}")[2].rpartition(":")[2]


def children(parent: Element | None, name: str) -> list[Element]:
    """The children of ``parent`` named ``name`` (none when there is no parent)."""
    if parent is None:
        return []
    return [child for child in parent if local_name(child.tag) == name]


def child(parent: Element | None, name: str) -> Element | None:
    """The first child of ``parent`` named ``name``, if any."""
    found = children(parent, name)
    return found[0] if found else None


def descendant(parent: Element, name: str) -> Element | None:
    """The first element named ``name`` in ``parent``'s subtree (``parent`` included), if any."""
    return next((el for el in parent.iter() if local_name(el.tag) == name), None)


def child_text(parent: Element | None, name: str) -> str | None:
    """The stripped text of the child named ``name``; ``None`` when absent or blank."""
    element = child(parent, name)
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def parse_xml(data: bytes) -> Element | tuple[str, str]:
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
    except (LookupError, ValueError):  # an encoding the declaration names but Python lacks
        return "IS06", "Fichier XML illisible : encodage déclaré inconnu ou incohérent."
    return root
