"""The referents' queue: ``/file`` and ``/file/ID`` (pages), ``/api/file`` and
``/api/file/ID`` (JSON as ``queue list|show --json``), decisions and reopenings (contract §6).

Every call passes the session's scope to the library, which filters in SQL: an item outside
it is a ``404`` like a missing one. A decision or a reopening is recorded under the account's
login; a full matricule is shown only in a referent's view of one item, and each showing is
an audit entry (``CONSULTATION``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

import insvigil
from insvigil_web.auth import signed_in, store_of
from insvigil_web.item_view import side_by_side
from insvigil_web.pages import json_answer, page
from insvigil_web.queue_query import filter_of, query_string

__all__ = ["ROUTES"]

Q = insvigil.Permission.QUEUE
DECIDE = insvigil.Permission.DECIDE


def _item_id(request: Request) -> int:
    raw = str(request.path_params["item_id"])
    if not raw.isdigit() or len(raw) > 12:
        raise insvigil.ItemNotFound()
    return int(raw)


async def _json_body(request: Request) -> dict[str, Any]:
    try:
        body = json.loads(await request.body() or b"{}")
    except (ValueError, UnicodeDecodeError):
        raise insvigil.InvalidValue("corps JSON attendu") from None
    if not isinstance(body, dict):
        raise insvigil.InvalidValue("un objet JSON est attendu")
    return body


def _text(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        raise insvigil.InvalidValue(f"« {key} » : texte attendu")
    return value


# -- JSON ---------------------------------------------------------------------------------


async def api_list(request: Request) -> Response:
    session = await signed_in(request, Q)
    flt = filter_of(request.query_params)
    found = await run_in_threadpool(
        insvigil.list_queue, store_of(request), flt, None, session.scope
    )
    return json_answer(insvigil.queue_page_json(found, datetime.now(UTC)))


async def api_item(request: Request) -> Response:
    session = await signed_in(request, Q)
    item_id = _item_id(request)
    store = store_of(request)
    detail = await run_in_threadpool(insvigil.queue_item_detail, store, item_id, session.scope)
    await run_in_threadpool(
        lambda: insvigil.record_consultation(
            store, item_id, by=session.login, scope=session.scope
        )
    )
    return json_answer(
        insvigil.queue_detail_json(detail, datetime.now(UTC)), full_matricules=True
    )


async def api_decide(request: Request) -> Response:
    session = await signed_in(request, DECIDE)
    item_id = _item_id(request)
    body = await _json_body(request)
    decision = _text(body, "decision") or ""
    version = body.get("version")
    item = await run_in_threadpool(
        lambda: insvigil.resolve_queue_item(
            store_of(request),
            item_id,
            decision=decision,
            by=session.login,
            comment=_text(body, "commentaire"),
            expected_version=version if isinstance(version, int) else None,
            scope=session.scope,
        )
    )
    return json_answer(insvigil.queue_item_json(item, datetime.now(UTC)))


async def api_reopen(request: Request) -> Response:
    session = await signed_in(request, DECIDE)
    item_id = _item_id(request)
    body = await _json_body(request)
    item = await run_in_threadpool(
        lambda: insvigil.reopen_queue_item(
            store_of(request),
            item_id,
            by=session.login,
            comment=_text(body, "commentaire") or "",
            scope=session.scope,
        )
    )
    return json_answer(insvigil.queue_item_json(item, datetime.now(UTC)))


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
    """The items before and after ``item_id`` in the open queue (the same filters)."""
    session = request.state.session
    params = dict(request.query_params)
    try:
        flt = filter_of({**params, "etat": "OUVERT", "page": "1"}, page_size=500)
    except insvigil.InvalidValue:
        flt = filter_of({"page": "1"}, page_size=500)
    found = await run_in_threadpool(
        insvigil.list_queue, store_of(request), flt, None, session.scope
    )
    ids = [i.id for i in found.items]
    if item_id not in ids:
        return None, next((i for i in ids if i != item_id), None)
    at = ids.index(item_id)
    return (ids[at - 1] if at > 0 else None), (ids[at + 1] if at + 1 < len(ids) else None)


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
    params = dict(request.query_params)
    return page(
        request,
        "element.html",
        {
            "detail": detail,
            "item": detail.item,
            "columns": columns,
            "rows": rows,
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
    return await _render_item(request, session, _item_id(request))


async def page_reveal(request: Request) -> Response:
    """The item with its records' full matricules: an audited consultation."""
    session = await signed_in(request, Q)
    item_id = _item_id(request)
    store = store_of(request)
    await run_in_threadpool(
        lambda: insvigil.record_consultation(
            store, item_id, by=session.login, scope=session.scope
        )
    )
    return await _render_item(request, session, item_id, full=True)


async def page_decide(request: Request) -> Response:
    session = await signed_in(request, DECIDE)
    item_id = _item_id(request)
    form = await request.form()
    decision = form.get("decision")
    comment = form.get("commentaire")
    version = form.get("version")
    if not isinstance(decision, str) or not decision:
        return await _render_item(
            request, session, item_id, status=400, message="choisir une décision"
        )
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
    _, following = await _neighbours(request, item_id)
    qs = query_string(dict(request.query_params), page=None, fait=item_id)
    target = f"/file/{following}{qs}" if following else f"/file{qs}"
    return RedirectResponse(target, status_code=303)


async def page_reopen(request: Request) -> Response:
    session = await signed_in(request, DECIDE)
    item_id = _item_id(request)
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
    Route("/api/file", api_list, methods=["GET"]),
    Route("/api/file/{item_id}", api_item, methods=["GET"]),
    Route("/api/file/{item_id}/decision", api_decide, methods=["POST"]),
    Route("/api/file/{item_id}/reouverture", api_reopen, methods=["POST"]),
    Route("/file", page_list, methods=["GET"]),
    Route("/file/{item_id}", page_item, methods=["GET"]),
    Route("/file/{item_id}/matricule", page_reveal, methods=["POST"]),
    Route("/file/{item_id}/decision", page_decide, methods=["POST"]),
    Route("/file/{item_id}/reouverture", page_reopen, methods=["POST"]),
]
