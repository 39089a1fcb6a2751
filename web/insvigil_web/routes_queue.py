"""The referents' queue as pages: ``/file`` and ``/file/ID``, decisions and reopenings by
form, the audited showing of full matricules (contract §6; the JSON side is
:mod:`insvigil_web.routes_queue_api`).

Every call passes the session's scope to the library, which filters in SQL: an item outside
it is a ``404`` like a missing one. A decision or a reopening is recorded under the account's
login; a full matricule is shown only in a referent's view of one item, and each showing is
an audit entry (``CONSULTATION``).
"""

from __future__ import annotations

from datetime import UTC, datetime

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

import insvigil
from insvigil_web.auth import signed_in, store_of
from insvigil_web.item_view import side_by_side
from insvigil_web.pages import page
from insvigil_web.queue_query import filter_of, item_id_of, query_string

__all__ = ["ROUTES"]

Q = insvigil.Permission.QUEUE
DECIDE = insvigil.Permission.DECIDE


# -- pages --------------------------------------------------------------------------------


async def page_list(request: Request) -> Response:
    session = await signed_in(request, Q)
    params = dict(request.query_params)
    store = store_of(request)
    try:
        flt = filter_of(params)
        found = await run_in_threadpool(insvigil.list_queue, store, flt, None, session.scope)
        problem = ""
    except insvigil.InvalidValue as bad:
        flt, problem = filter_of({}), bad.message
        found = await run_in_threadpool(insvigil.list_queue, store, flt, None, session.scope)
    tally = await run_in_threadpool(insvigil.open_by_kind_and_gravity, store, session.scope)
    pages = max(1, -(-found.total // found.limite))
    return page(
        request,
        "file.html",
        {
            "found": found,
            "pages": pages,
            "params": params,
            "qs": lambda **changes: query_string(params, **changes),
            "tally": sorted(tally.items()),
            "problem": problem,
            "structures": sorted(session.scope.structures),
            "kinds": [k.value for k in insvigil.QueueKind],
            "now": datetime.now(UTC),
            "fait": params.get("fait", ""),
        },
        400 if problem else 200,
    )


async def _neighbours(request: Request, item_id: int) -> tuple[int | None, int | None]:
    """The open items before and after ``item_id`` in the queue's order (the same filters)."""
    session = request.state.session
    params = dict(request.query_params)
    try:
        flt = filter_of({**params, "etat": "OUVERT", "page": "1"})
    except insvigil.InvalidValue:
        flt = filter_of({"page": "1"})
    return await run_in_threadpool(
        insvigil.queue_neighbours, store_of(request), flt, item_id, None, session.scope
    )


async def _render_item(
    request: Request,
    session: insvigil.SessionInfo,
    item_id: int,
    *,
    status: int = 200,
    message: str = "",
    full: bool = False,
) -> Response:
    detail = await run_in_threadpool(
        insvigil.queue_item_detail, store_of(request), item_id, session.scope
    )
    columns, rows = side_by_side(detail)
    previous, following = await _neighbours(request, item_id)
    store = store_of(request)
    changes = await run_in_threadpool(
        lambda: [
            (
                f"{view.structure}/{view.local_id}",
                store.record_history(view.structure, view.local_id),
            )
            for view in detail.records
            if view.present
        ]
    )
    params = dict(request.query_params)
    return page(
        request,
        "element.html",
        {
            "detail": detail,
            "item": detail.item,
            "columns": columns,
            "rows": rows,
            "changes": changes,
            "constats": insvigil.queue_constats(detail),
            "decisions": insvigil.decisions_for(detail.item.kind),
            "may_decide": insvigil.allowed(session.role, DECIDE),
            "previous": previous,
            "following": following,
            "qs": query_string(params, page=None, fait=None),
            "message": message,
            "full": full,
            "now": datetime.now(UTC),
        },
        status,
        full_matricules=full,
    )


async def page_item(request: Request) -> Response:
    session = await signed_in(request, Q)
    return await _render_item(request, session, item_id_of(request))


async def page_reveal(request: Request) -> Response:
    """The item with its records' full matricules: an audited consultation."""
    session = await signed_in(request, Q)
    item_id = item_id_of(request)
    store = store_of(request)
    await run_in_threadpool(
        lambda: insvigil.record_consultation(store, item_id, by=session.login, scope=session.scope)
    )
    return await _render_item(request, session, item_id, full=True)


async def page_decide(request: Request) -> Response:
    session = await signed_in(request, DECIDE)
    item_id = item_id_of(request)
    form = await request.form()
    decision = form.get("decision")
    comment = form.get("commentaire")
    version = form.get("version")
    if not isinstance(decision, str) or not decision:
        return await _render_item(
            request, session, item_id, status=400, message="choisir une décision"
        )
    _, following = await _neighbours(request, item_id)  # before the item leaves the queue
    try:
        await run_in_threadpool(
            lambda: insvigil.resolve_queue_item(
                store_of(request),
                item_id,
                decision=decision,
                by=session.login,
                comment=comment if isinstance(comment, str) else None,
                expected_version=int(version)
                if isinstance(version, str) and version.isdigit()
                else None,
                scope=session.scope,
            )
        )
    except (insvigil.DecisionConflict, insvigil.InvalidDecision, insvigil.InvalidValue) as exc:
        status = 409 if isinstance(exc, insvigil.DecisionConflict) else 400
        return await _render_item(request, session, item_id, status=status, message=exc.message)
    qs = query_string(dict(request.query_params), page=None, fait=item_id)
    target = f"/file/{following}{qs}" if following else f"/file{qs}"
    return RedirectResponse(target, status_code=303)


async def page_reopen(request: Request) -> Response:
    session = await signed_in(request, DECIDE)
    item_id = item_id_of(request)
    form = await request.form()
    comment = form.get("commentaire")
    try:
        await run_in_threadpool(
            lambda: insvigil.reopen_queue_item(
                store_of(request),
                item_id,
                by=session.login,
                comment=comment if isinstance(comment, str) else "",
                scope=session.scope,
            )
        )
    except (insvigil.DecisionConflict, insvigil.InvalidValue) as exc:
        status = 409 if isinstance(exc, insvigil.DecisionConflict) else 400
        return await _render_item(request, session, item_id, status=status, message=exc.message)
    qs = query_string(dict(request.query_params), page=None, fait=None)
    return RedirectResponse(f"/file/{item_id}{qs}", status_code=303)


ROUTES = [
    Route("/file", page_list, methods=["GET"]),
    Route("/file/{item_id}", page_item, methods=["GET"]),
    Route("/file/{item_id}/matricule", page_reveal, methods=["POST"]),
    Route("/file/{item_id}/decision", page_decide, methods=["POST"]),
    Route("/file/{item_id}/reouverture", page_reopen, methods=["POST"]),
]
