"""Signing in and out: ``POST/DELETE /api/session``, ``GET/POST /connexion``,
``POST /deconnexion`` and ``/`` (contract §6)."""

from __future__ import annotations

import json
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

import insvigil
from insvigil_web.auth import (
    PRELOGIN_COOKIE,
    SESSION_COOKIE,
    CsrfRefused,
    clear_session_cookie,
    optional_session,
    prelogin_token,
    prelogin_valid,
    set_prelogin_cookie,
    set_session_cookie,
    signed_in,
    store_of,
)
from insvigil_web.pages import page
from insvigil_web.responses import page_error

__all__ = ["ROUTES"]

MAX_FIELD = 1024  # longer logins or passwords are refused before any work


async def _sign_in(request: Request, login: str, password: str) -> insvigil.SessionInfo:
    store = store_of(request)
    account = await run_in_threadpool(insvigil.authenticate, store, login, password)
    return await run_in_threadpool(insvigil.open_session, store, account)


def _locked(exc: insvigil.AccountLocked) -> tuple[str, dict[str, str]]:
    message = (
        "compte verrouillé après 5 échecs : réessayer après "
        f"{exc.until:%H:%M} UTC (ou demander à un administrateur)"
    )
    return message, {"Retry-After": "900"}


async def api_open(request: Request) -> Response:
    try:
        body: Any = json.loads(await request.body())
    except (ValueError, UnicodeDecodeError):
        return JSONResponse({"message": "corps JSON attendu"}, status_code=400)
    login = body.get("identifiant") if isinstance(body, dict) else None
    password = body.get("mot_de_passe") if isinstance(body, dict) else None
    if not isinstance(login, str) or not isinstance(password, str):
        return JSONResponse(
            {"message": "« identifiant » et « mot_de_passe » (texte) attendus"}, status_code=400
        )
    if len(login) > MAX_FIELD or len(password) > MAX_FIELD:
        return JSONResponse({"message": insvigil.AuthenticationFailed.default_message}, 401)
    try:
        session = await _sign_in(request, login, password)
    except insvigil.AccountLocked as exc:
        message, headers = _locked(exc)
        return JSONResponse({"message": message}, status_code=429, headers=headers)
    except insvigil.AuthenticationFailed as exc:
        return JSONResponse({"message": exc.message}, status_code=401)
    response = JSONResponse(
        {
            "csrf": session.csrf,
            "role": session.role.value,
            "structures": sorted(session.scope.structures),
        }
    )
    set_session_cookie(request, response, session)
    return response


async def api_close(request: Request) -> Response:
    await signed_in(request, None)
    token = request.cookies.get(SESSION_COOKIE, "")
    await run_in_threadpool(insvigil.close_session, store_of(request), token)
    response = JSONResponse({"message": "session fermée"})
    clear_session_cookie(request, response)
    return response


def _login_page(
    request: Request, status: int = 200, message: str = "", login: str = ""
) -> Response:
    token = prelogin_token(request)
    response = page(
        request, "connexion.html", {"message": message, "identifiant": login, "csrf": token}, status
    )
    set_prelogin_cookie(request, response, token)
    return response


async def page_login(request: Request) -> Response:
    session = await optional_session(request)
    if session is not None:
        return RedirectResponse(insvigil.HOME_PAGE[session.role], status_code=303)
    return _login_page(request)


async def page_login_post(request: Request) -> Response:
    form = await request.form()
    login = form.get("identifiant")
    password = form.get("mot_de_passe")
    if not prelogin_valid(request, form.get("csrf")):
        return page_error(request, 403, CsrfRefused.default_message)
    if not isinstance(login, str) or not isinstance(password, str):
        return _login_page(request, 400, "identifiant et mot de passe attendus")
    if len(login) > MAX_FIELD or len(password) > MAX_FIELD:
        return _login_page(request, 401, insvigil.AuthenticationFailed.default_message, "")
    try:
        session = await _sign_in(request, login, password)
    except insvigil.AccountLocked as exc:
        message, _ = _locked(exc)
        return _login_page(request, 429, message, login[:64])
    except insvigil.AuthenticationFailed as exc:
        return _login_page(request, 401, exc.message, login[:64])
    response = RedirectResponse(insvigil.HOME_PAGE[session.role], status_code=303)
    set_session_cookie(request, response, session)
    response.delete_cookie(PRELOGIN_COOKIE, path="/connexion")
    return response


async def page_logout(request: Request) -> Response:
    token = request.cookies.get(SESSION_COOKIE, "")
    session = await optional_session(request)
    if session is not None:
        form = await request.form()
        presented = form.get("csrf")
        if not insvigil.csrf_matches(session, presented if isinstance(presented, str) else None):
            return page_error(request, 403, CsrfRefused.default_message)
        await run_in_threadpool(insvigil.close_session, store_of(request), token)
    response = RedirectResponse("/connexion", status_code=303)
    clear_session_cookie(request, response)
    return response


async def home(request: Request) -> Response:
    session = await optional_session(request)
    target = "/connexion" if session is None else insvigil.HOME_PAGE[session.role]
    return RedirectResponse(target, status_code=303)


ROUTES = [
    Route("/", home, methods=["GET"]),
    Route("/api/session", api_open, methods=["POST"]),
    Route("/api/session", api_close, methods=["DELETE"]),
    Route("/connexion", page_login, methods=["GET"]),
    Route("/connexion", page_login_post, methods=["POST"]),
    Route("/deconnexion", page_logout, methods=["POST"]),
]
