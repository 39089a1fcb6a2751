"""Security headers on every answer (contract §6), as a pure ASGI middleware.

- ``Content-Security-Policy``: everything from the workspace itself; no inline script, no
  plugin, no framing (``frame-ancestors 'none'``), forms post only to the workspace;
- ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: no-referrer``;
- ``Cache-Control: no-store``: pages carry health data, no shared or disk cache keeps them;
- ``X-Frame-Options: DENY`` for browsers older than ``frame-ancestors``.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["CSP", "SecurityHeaders"]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)

_HEADERS: list[tuple[bytes, bytes]] = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
]


class SecurityHeaders:
    """Adds the headers above to every HTTP answer (``Cache-Control`` unless the answer set
    its own, as static files do)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [
                    (k, v) for k, v in message.get("headers", []) if k.lower() not in _NAMES
                ]
                headers.extend(_HEADERS)
                if not any(k.lower() == b"cache-control" for k, _ in headers):
                    headers.append((b"cache-control", b"no-store"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)


_NAMES = {k for k, _ in _HEADERS}
