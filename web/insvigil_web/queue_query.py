"""The queue's filters as they travel in a URL (``?etat=&type=&gravite=&structure=&age=&page=``),
read into the library's :class:`insvigil.QueueFilter`; a bad value is a ``400``."""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlencode

from starlette.requests import Request

import insvigil

__all__ = ["FILTER_KEYS", "PAGE_SIZE", "filter_of", "item_id_of", "query_string"]

FILTER_KEYS = ("etat", "type", "gravite", "structure", "age")
PAGE_SIZE = 50
GRAVITES = ("BLOQUANTE", "MINEURE", "INFO")


def _int(value: str, name: str, minimum: int) -> int:
    if not value.strip().isdigit() or int(value) < minimum:
        raise insvigil.InvalidValue(f"{name} : un entier d'au moins {minimum} est attendu")
    return int(value)


def filter_of(params: Mapping[str, str], *, page_size: int = PAGE_SIZE) -> insvigil.QueueFilter:
    """The filter of these query parameters (defaults: open items, riskiest then oldest)."""
    etat = params.get("etat", "OUVERT").strip().upper() or "OUVERT"
    kind = params.get("type", "").strip().upper()
    gravite = params.get("gravite", "").strip().upper()
    structure = params.get("structure", "").strip().upper()
    age = params.get("age", "").strip()
    if etat != "TOUS" and etat not in {e.value for e in insvigil.QueueEtat}:
        raise insvigil.InvalidValue(f"état inconnu : « {etat[:20]} »")
    if kind and kind not in {k.value for k in insvigil.QueueKind}:
        raise insvigil.InvalidValue(f"type inconnu : « {kind[:20]} »")
    if gravite and gravite not in GRAVITES:
        raise insvigil.InvalidValue(f"gravité inconnue : « {gravite[:20]} »")
    return insvigil.QueueFilter(
        structure=structure or None,
        kind=insvigil.QueueKind(kind) if kind else None,
        gravite=gravite or None,
        etat=None if etat == "TOUS" else insvigil.QueueEtat(etat),
        age_min=_int(age, "âge minimal (jours)", 0) if age else None,
        tri=insvigil.QueueTri.GRAVITE,
        limite=page_size,
        page=_int(params.get("page", "1") or "1", "page", 1),
    )


def query_string(params: Mapping[str, str], **changes: object) -> str:
    """The filters of ``params`` (only :data:`FILTER_KEYS` and ``page``) with ``changes``."""
    kept = {k: params[k] for k in (*FILTER_KEYS, "page") if params.get(k)}
    for key, value in changes.items():
        if value in (None, ""):
            kept.pop(key, None)
        else:
            kept[key] = str(value)
    return ("?" + urlencode(kept)) if kept else ""


def item_id_of(request: Request) -> int:
    """The ``item_id`` path parameter; a non-number is a missing item (404)."""
    raw = str(request.path_params["item_id"])
    if not raw.isdigit() or len(raw) > 12:
        raise insvigil.ItemNotFound()
    return int(raw)
