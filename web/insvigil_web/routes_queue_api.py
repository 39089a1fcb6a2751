"""The referents' queue as JSON (contract §6): ``GET /api/file`` and ``/api/file/ID`` (the
documents of ``queue list|show --json``), ``POST /api/file/ID/decision`` and
``/api/file/ID/reouverture``.

Every call passes the session's scope to the library, which filters in SQL: an item outside
it is a ``404`` like a missing one. ``/api/file/ID`` is a referent's view of one item, with
its records' full matricules: each call is an audit entry (``CONSULTATION``).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

import insvigil
from insvigil_web.auth import signed_in, store_of
from insvigil_web.pages import json_answer
from insvigil_web.queue_query import filter_of, item_id_of

__all__ = ["ROUTES"]

Q = insvigil.Permission.QUEUE
DECIDE = insvigil.Permission.DECIDE


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


async def api_list(request: Request) -> Response:
    session = await signed_in(request, Q)
    flt = filter_of(request.query_params)
    found = await run_in_threadpool(
        insvigil.list_queue, store_of(request), flt, None, session.scope
    )
    return json_answer(insvigil.queue_page_json(found, datetime.now(UTC)))


async def api_item(request: Request) -> Response:
    session = await signed_in(request, Q)
    item_id = item_id_of(request)
    store = store_of(request)
    detail = await run_in_threadpool(insvigil.queue_item_detail, store, item_id, session.scope)
    await run_in_threadpool(
        lambda: insvigil.record_consultation(store, item_id, by=session.login, scope=session.scope)
    )
    return json_answer(insvigil.queue_detail_json(detail, datetime.now(UTC)), full_matricules=True)


async def api_decide(request: Request) -> Response:
    session = await signed_in(request, DECIDE)
    item_id = item_id_of(request)
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
    item_id = item_id_of(request)
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


ROUTES = [
    Route("/api/file", api_list, methods=["GET"]),
    Route("/api/file/{item_id}", api_item, methods=["GET"]),
    Route("/api/file/{item_id}/decision", api_decide, methods=["POST"]),
    Route("/api/file/{item_id}/reouverture", api_reopen, methods=["POST"]),
]
