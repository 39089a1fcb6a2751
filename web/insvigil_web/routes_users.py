"""``/utilisateurs``: the administrators' page of accounts — create, disable, reset a
password, change a role or a list of structures (contract §6: admin only). Each change is
audited under the administrator's login."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

import insvigil
from insvigil_web.auth import signed_in, store_of
from insvigil_web.pages import page

__all__ = ["ROUTES"]

A = insvigil.Permission.ACCOUNTS


async def _render(
    request: Request, status: int = 200, message: str = "", done: str = ""
) -> Response:
    accounts = await run_in_threadpool(insvigil.list_accounts, store_of(request))
    return page(
        request,
        "utilisateurs.html",
        {
            "accounts": accounts,
            "roles": [r.value for r in insvigil.Role],
            "message": message,
            "done": done or request.query_params.get("fait", ""),
        },
        status,
    )


async def page_users(request: Request) -> Response:
    await signed_in(request, A)
    return await _render(request)


def _field(form: Any, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


async def _change(request: Request, action: str) -> Response:
    session = await signed_in(request, A)
    form = await request.form()
    store = store_of(request)
    login = _field(form, "identifiant")
    try:
        if action == "creer":
            structures = [s for s in _field(form, "structures").replace(",", " ").split() if s]
            role = insvigil.parse_role(_field(form, "role"))
            done = await run_in_threadpool(
                lambda: insvigil.create_account(
                    store,
                    login,
                    role,
                    _field(form, "mot_de_passe"),
                    structures,
                    by=session.login,
                )
            )
            message = f"compte « {done.login} » créé"
        elif action == "modifier":
            structures = [s for s in _field(form, "structures").replace(",", " ").split() if s]
            role = insvigil.parse_role(_field(form, "role"))
            if login.strip().lower() == session.login and role is not insvigil.Role.ADMIN:
                raise insvigil.InvalidValue("un administrateur ne peut pas retirer son propre rôle")
            done = await run_in_threadpool(
                lambda: insvigil.update_account(store, login, role, structures, by=session.login)
            )
            message = f"compte « {done.login} » modifié ; ses sessions sont fermées"
        elif action == "desactiver":
            if login.strip().lower() == session.login:
                raise insvigil.InvalidValue("un administrateur ne peut pas désactiver son compte")
            done = await run_in_threadpool(
                lambda: insvigil.disable_account(store, login, by=session.login)
            )
            message = f"compte « {done.login} » désactivé"
        else:
            done = await run_in_threadpool(
                lambda: insvigil.set_account_password(
                    store, login, _field(form, "mot_de_passe"), by=session.login
                )
            )
            message = f"mot de passe de « {done.login} » changé"
    except (insvigil.InvalidValue, insvigil.AccountError) as bad:
        return await _render(request, 400, bad.message)
    return RedirectResponse(f"/utilisateurs?fait={quote(message)}", status_code=303)


async def create(request: Request) -> Response:
    return await _change(request, "creer")


async def modify(request: Request) -> Response:
    return await _change(request, "modifier")


async def disable(request: Request) -> Response:
    return await _change(request, "desactiver")


async def password(request: Request) -> Response:
    return await _change(request, "mot_de_passe")


ROUTES = [
    Route("/utilisateurs", page_users, methods=["GET"]),
    Route("/utilisateurs/creation", create, methods=["POST"]),
    Route("/utilisateurs/modification", modify, methods=["POST"]),
    Route("/utilisateurs/desactivation", disable, methods=["POST"]),
    Route("/utilisateurs/mot-de-passe", password, methods=["POST"]),
]
