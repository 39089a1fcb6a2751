"""The access log: method, route template, status and duration — never a query string, a
path parameter's value or a name (contract §6: no personal data in the server's logs).

uvicorn's own access log is turned off (``insvigil serve`` passes ``access_log=False``): it
prints the full path with its query string (``/api/recherche?nom=…``).
"""

from __future__ import annotations

import logging
import time

from starlette.routing import Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["LOGGER_NAME", "AccessLog", "route_template"]

LOGGER_NAME = "insvigil_web.access"
_log = logging.getLogger(LOGGER_NAME)


def route_template(scope: Scope) -> str:
    """The route's path template (``/file/{item_id}``), or ``(autre)`` when none matches."""
    app = scope.get("app")
    router = getattr(app, "router", None)
    for route in getattr(router, "routes", []):
        if isinstance(route, Route):
            match, _ = route.matches(scope)
            if match is Match.FULL:
                return route.path
        elif hasattr(route, "path") and scope["path"].startswith(getattr(route, "path", "\0")):
            return f"{route.path}/…"
    return "(autre)"


class AccessLog:
    """Logs one line per HTTP request at INFO on :data:`LOGGER_NAME`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def tracked(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, tracked)
        finally:
            elapsed_ms = (time.perf_counter() - started) * 1000
            _log.info(
                "%s %s %d %.1f ms", scope["method"], route_template(scope), status, elapsed_ms
            )
