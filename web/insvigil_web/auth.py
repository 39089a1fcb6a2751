"""Who is asking: the session cookie, the role's permission and the CSRF token (contract §6).

Every route calls :func:`signed_in` with the one permission it needs; it returns the
:class:`insvigil.SessionInfo` whose ``scope`` the route passes on to the library's queries
(scoping is enforced there, not here). Failures are the library's exceptions, turned into
answers by :mod:`.responses`: no session → ``401`` (API) or a redirect to ``/connexion``
(page); a role without the permission → ``403``; a change without the session's CSRF token →
``403``.
"""

from __future__ import annotations

import hmac
import secrets

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

import insvigil

__all__ = [
    "PRELOGIN_COOKIE",
    "SESSION_COOKIE",
    "CsrfRefused",
    "clear_session_cookie",
    "optional_session",
    "prelogin_token",
    "prelogin_valid",
    "set_prelogin_cookie",
    "set_session_cookie",
    "signed_in",
    "store_of",
]

SESSION_COOKIE = "insvigil_session"
PRELOGIN_COOKIE = "insvigil_preconnexion"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class CsrfRefused(insvigil.InsvigilError):
    """A change arrived without this session's CSRF token (answered ``403``)."""

    default_message = "jeton anti-falsification (CSRF) absent ou invalide : recharger la page"


def store_of(request: Request) -> insvigil.Store:
    store: insvigil.Store = request.app.state.store
    return store


def _secure(request: Request) -> bool:
    return bool(request.app.state.settings.https) or request.url.scheme == "https"


async def _presented_csrf(request: Request) -> str | None:
    header = request.headers.get("x-csrf-token")
    if header:
        return header
    content_type = request.headers.get("content-type", "")
    if content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        value = form.get("csrf")
        return value if isinstance(value, str) else None
    return None


async def signed_in(
    request: Request, permission: insvigil.Permission | None
) -> insvigil.SessionInfo:
    """The request's session, checked for ``permission`` (``None``: any role, as signing out)
    and, on a change, for its CSRF token.

    Raises :class:`insvigil.SessionInvalid`, :class:`insvigil.AccessDenied` or
    :class:`CsrfRefused`.
    """
    token = request.cookies.get(SESSION_COOKIE, "")
    session = await run_in_threadpool(insvigil.resume_session, store_of(request), token)
    request.state.session = session
    if request.method not in SAFE_METHODS and not insvigil.csrf_matches(
        session, await _presented_csrf(request)
    ):
        raise CsrfRefused()
    if permission is not None and not insvigil.allowed(session.role, permission):
        raise insvigil.AccessDenied()
    return session


async def optional_session(request: Request) -> insvigil.SessionInfo | None:
    """The request's session if it has a valid one (for the sign-in page), else ``None``."""
    token = request.cookies.get(SESSION_COOKIE, "")
    if not token:
        return None
    try:
        return await run_in_threadpool(insvigil.resume_session, store_of(request), token)
    except insvigil.SessionInvalid:
        return None


def set_session_cookie(request: Request, response: Response, session: insvigil.SessionInfo) -> None:
    """The session cookie: ``HttpOnly``, ``SameSite=Strict``, ``Secure`` behind HTTPS; it
    lives as long as the session may (the server ends it sooner when idle)."""
    max_age = int((session.expires_at - session.opened_at).total_seconds())
    response.set_cookie(
        SESSION_COOKIE,
        session.token,
        max_age=max_age,
        path="/",
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="strict", secure=_secure(request)
    )


def prelogin_token(request: Request) -> str:
    """The sign-in form's CSRF token: the pre-login cookie's value, or a new random one."""
    return request.cookies.get(PRELOGIN_COOKIE) or secrets.token_urlsafe(32)


def set_prelogin_cookie(request: Request, response: Response, token: str) -> None:
    """Set ``token`` as the pre-login cookie (``HttpOnly``, ``SameSite=Strict``):
    :func:`prelogin_valid` requires the form's token and the cookie to match, so a third-party
    page cannot sign a browser in to an account of its choosing (login CSRF)."""
    response.set_cookie(
        PRELOGIN_COOKIE,
        token,
        max_age=3600,
        path="/connexion",
        httponly=True,
        samesite="strict",
        secure=_secure(request),
    )


def prelogin_valid(request: Request, presented: object) -> bool:
    cookie = request.cookies.get(PRELOGIN_COOKIE, "")
    if not cookie or not isinstance(presented, str) or not presented:
        return False
    return hmac.compare_digest(cookie.encode(), presented.encode("utf-8", "surrogatepass"))
