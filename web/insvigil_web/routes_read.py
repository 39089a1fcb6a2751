"""What management and admission read: ``/indicateurs`` (the report), ``/travail`` (the
worklist), ``/recherche`` (the admission lookup), ``/audit`` (the trail and its verdict), as
pages and under ``/api/`` as the CLI's JSON (contract §6). Everything scoped in the library."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import islice

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import insvigil
from insvigil_web.auth import signed_in, store_of
from insvigil_web.pages import json_answer, page

__all__ = ["ROUTES"]

P = insvigil.Permission
WORKLIST_PAGE = 100
AUDIT_PAGE = 100


def _page_number(request: Request) -> int:
    raw = request.query_params.get("page", "1")
    return int(raw) if raw.isdigit() and 0 < int(raw) < 1_000_000 else 1


def _structure(request: Request, session: insvigil.SessionInfo) -> str | None:
    """The ``structure`` parameter: unknown, or outside the account's scope, is a 404."""
    value = request.query_params.get("structure", "").strip().upper()
    if not value:
        return None
    if not session.scope.sees(value) or not insvigil.is_known_structure(store_of(request), value):
        raise insvigil.ItemNotFound("structure inconnue")
    return value


# -- indicators ---------------------------------------------------------------------------


async def api_indicators(request: Request) -> Response:
    session = await signed_in(request, P.INDICATORS)
    data = await run_in_threadpool(
        lambda: insvigil.load_report(store_of(request), scope=session.scope)
    )
    return json_answer(insvigil.report_json(data))


async def page_indicators(request: Request) -> Response:
    session = await signed_in(request, P.INDICATORS)
    data = await run_in_threadpool(
        lambda: insvigil.load_report(store_of(request), scope=session.scope)
    )
    return page(request, "indicateurs.html", {"body": insvigil.render_report_body(data)})


# -- worklist -----------------------------------------------------------------------------


async def api_worklist(request: Request) -> Response:
    session = await signed_in(request, P.WORKLIST)
    structure = await run_in_threadpool(_structure, request, session)
    actions = await run_in_threadpool(
        lambda: list(insvigil.iter_worklist(store_of(request), structure, scope=session.scope))
    )
    return json_answer(insvigil.worklist_json(actions))


async def page_worklist(request: Request) -> Response:
    session = await signed_in(request, P.WORKLIST)
    structure = await run_in_threadpool(_structure, request, session)
    number = _page_number(request)
    everything = request.query_params.get("tout") == "1"

    def read() -> tuple[list[insvigil.NextAction], int]:
        actions = (
            a
            for a in insvigil.iter_worklist(store_of(request), structure, scope=session.scope)
            if everything or a.action is not insvigil.WorklistAction.AUCUNE
        )
        kept = list(actions)
        start = (number - 1) * WORKLIST_PAGE
        return list(islice(kept, start, start + WORKLIST_PAGE)), len(kept)

    shown, total = await run_in_threadpool(read)
    return page(
        request,
        "travail.html",
        {
            "actions": shown,
            "total": total,
            "number": number,
            "pages": max(1, -(-total // WORKLIST_PAGE)),
            "structure": structure or "",
            "structures": sorted(session.scope.structures),
            "everything": everything,
        },
    )


# -- admission lookup ---------------------------------------------------------------------


_FIELDS = ("nom", "prenom", "ddn", "sexe", "ins")


def _lookup(
    session: insvigil.SessionInfo, store: insvigil.Store, q: Mapping[str, str]
) -> insvigil.IdentitySearch:
    return insvigil.search_in_store(
        store,
        q.get("nom") or None,
        q.get("prenom") or None,
        q.get("ddn") or None,
        q.get("sexe") or None,
        q.get("ins") or None,
        limit=10,
        scope=session.scope,
    )


async def api_search(request: Request) -> Response:
    session = await signed_in(request, P.SEARCH)
    if not (request.query_params.get("nom") or request.query_params.get("ins")):
        raise insvigil.InvalidValue("nom : obligatoire (ou ins, le matricule INS)")
    found = await run_in_threadpool(_lookup, session, store_of(request), dict(request.query_params))
    return json_answer(found.as_json())


async def page_search(request: Request) -> Response:
    """The search form. It posts (with the session's CSRF token), so that the names typed at
    the desk stay out of URLs and the browser's history; a GET with parameters works too."""
    session = await signed_in(request, P.SEARCH)
    if request.method == "POST":
        form = await request.form()
        q = {k: v for k in _FIELDS if isinstance(v := form.get(k), str)}
    else:
        q = {k: v for k in _FIELDS if (v := request.query_params.get(k)) is not None}
    asked = bool(q.get("nom") or q.get("ins"))
    found, problem = None, ""
    if asked:
        try:
            found = await run_in_threadpool(_lookup, session, store_of(request), q)
        except insvigil.InvalidValue as bad:
            problem = bad.message
    elif q:
        problem = "indiquer au moins le nom de naissance (ou le matricule INS)"
    return page(
        request,
        "recherche.html",
        {"found": found, "problem": problem, "q": q},
        400 if problem else 200,
    )


# -- audit --------------------------------------------------------------------------------


async def api_audit(request: Request) -> Response:
    await signed_in(request, P.AUDIT)
    verdict = await run_in_threadpool(insvigil.verify_audit, store_of(request))
    return json_answer({"intact": verdict.intact, "entrees": verdict.entries})


async def page_audit(request: Request) -> Response:
    session = await signed_in(request, P.AUDIT)
    number = _page_number(request)
    store = store_of(request)
    verdict = await run_in_threadpool(insvigil.verify_audit, store)
    entries, total = await run_in_threadpool(
        lambda: insvigil.recent_audit_entries(
            store, session.scope, limit=AUDIT_PAGE, offset=(number - 1) * AUDIT_PAGE
        )
    )
    return page(
        request,
        "audit.html",
        {
            "verdict": verdict,
            "entries": entries,
            "total": total,
            "number": number,
            "pages": max(1, -(-total // AUDIT_PAGE)),
        },
    )


ROUTES = [
    Route("/api/indicateurs", api_indicators, methods=["GET"]),
    Route("/indicateurs", page_indicators, methods=["GET"]),
    Route("/api/travail", api_worklist, methods=["GET"]),
    Route("/travail", page_worklist, methods=["GET"]),
    Route("/api/recherche", api_search, methods=["GET"]),
    Route("/recherche", page_search, methods=["GET", "POST"]),
    Route("/api/audit/verification", api_audit, methods=["GET"]),
    Route("/audit", page_audit, methods=["GET"]),
]
