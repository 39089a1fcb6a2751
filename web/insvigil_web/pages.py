"""Rendering: pages (Jinja2, autoescaped) and JSON answers, matricules masked on the way out.

Every page and every JSON answer passes through :func:`insvigil.mask_matricules` unless the
route says it is a referent's view of one record (contract §6: no page, URL or API answer but
that one shows a full matricule).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

import insvigil

__all__ = ["NAV", "json_answer", "page", "page_context"]

#: The navigation bar: (page, label, the permission it needs).
NAV: list[tuple[str, str, str]] = [
    ("/file", "File de revue", insvigil.Permission.QUEUE.value),
    ("/indicateurs", "Indicateurs", insvigil.Permission.INDICATORS.value),
    ("/travail", "Actions à mener", insvigil.Permission.WORKLIST.value),
    ("/recherche", "Recherche", insvigil.Permission.SEARCH.value),
    ("/audit", "Audit", insvigil.Permission.AUDIT.value),
    ("/utilisateurs", "Comptes", insvigil.Permission.ACCOUNTS.value),
]


def page_context(request: Request) -> dict[str, Any]:
    """What every page's frame needs: the session and the links its role may follow."""
    session = getattr(request.state, "session", None)
    allowed = (
        {p.value for p in insvigil.Permission if insvigil.allowed(session.role, p)}
        if session is not None
        else set()
    )
    active = "/" + request.url.path.strip("/").split("/", 1)[0]
    return {"session": session, "nav": NAV, "allowed": allowed, "active": active}


def page(
    request: Request,
    name: str,
    context: dict[str, Any],
    status: int = 200,
    *,
    full_matricules: bool = False,
) -> Response:
    """The template ``name`` rendered with ``context`` (plus the frame's), masked unless
    ``full_matricules``."""
    env = request.app.state.templates
    html = env.get_template(name).render({"request": request, **page_context(request), **context})
    if not full_matricules:
        html = insvigil.mask_matricules(html)
    return HTMLResponse(html, status_code=status)


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def json_answer(document: object, status: int = 200, *, full_matricules: bool = False) -> Response:
    """``document`` as a JSON answer (UTF-8), masked unless ``full_matricules``."""
    text = json.dumps(document, ensure_ascii=False, default=_default)
    if not full_matricules:
        text = insvigil.mask_matricules(text)
    return Response(text, status_code=status, media_type="application/json")

