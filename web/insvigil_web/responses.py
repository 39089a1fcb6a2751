"""Errors turned into answers: JSON under ``/api/``, a French page elsewhere (contract §6).

| error | API | page |
|---|---|---|
| no session, expired session | ``401`` | redirect to ``/connexion`` |
| role without the permission, missing CSRF token | ``403`` | ``403`` page |
| unknown id, or an id outside the account's structures | ``404`` | ``404`` page |
| already decided by someone else | ``409`` | the item, with the message |
| a bad value in the request | ``400`` | ``400`` page |

A ``404`` for an id outside the account's structures is exactly the ``404`` of an id that does
not exist: same status, same body.
"""

from __future__ import annotations

from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

import insvigil
from insvigil_web.auth import CsrfRefused
from insvigil_web.pages import json_answer, page

__all__ = ["exception_handlers", "is_api", "page_error"]

#: The same words for an id that does not exist and for one outside the account's structures.
NOT_FOUND = "introuvable : rien à cette adresse parmi ce que votre compte peut consulter"


def is_api(request: Request) -> bool:
    return request.url.path.startswith("/api/")


def page_error(request: Request, status: int, message: str) -> Response:
    """The French error page (``erreur.html``) with ``status``."""
    return page(request, "erreur.html", {"status": status, "message": message}, status)


def _answer(request: Request, status: int, message: str) -> Response:
    if is_api(request):
        return json_answer({"message": message}, status)
    return page_error(request, status, message)


async def _no_session(request: Request, exc: Exception) -> Response:
    if is_api(request):
        return json_answer({"message": insvigil.SessionInvalid.default_message}, 401)
    return RedirectResponse("/connexion", status_code=303)


async def _denied(request: Request, exc: Exception) -> Response:
    return _answer(request, 403, getattr(exc, "message", "accès refusé"))


async def _not_found(request: Request, exc: Exception) -> Response:
    return _answer(request, 404, NOT_FOUND)


async def _conflict(request: Request, exc: Exception) -> Response:
    return _answer(request, 409, getattr(exc, "message", "conflit"))


async def _bad_value(request: Request, exc: Exception) -> Response:
    return _answer(request, 400, getattr(exc, "message", "valeur invalide"))


async def _http(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    messages = {404: NOT_FOUND, 405: "méthode non permise"}
    return _answer(request, exc.status_code, messages.get(exc.status_code, str(exc.detail)))


async def _internal(request: Request, exc: Exception) -> Response:
    return _answer(request, 500, "erreur interne : l'incident est consigné dans le journal")


def exception_handlers() -> dict[Any, Any]:
    return {
        insvigil.SessionInvalid: _no_session,
        insvigil.AccessDenied: _denied,
        CsrfRefused: _denied,
        insvigil.ItemNotFound: _not_found,
        insvigil.DecisionConflict: _conflict,
        insvigil.InvalidDecision: _bad_value,
        insvigil.InvalidValue: _bad_value,
        HTTPException: _http,
        Exception: _internal,
    }
