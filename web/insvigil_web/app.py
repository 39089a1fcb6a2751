"""The ASGI application: routes, middleware, templates, the store opened once.

``create_app(Settings(...))`` for tests and embedding; ``app_from_environment()`` is the
factory ``insvigil serve`` (and any ASGI server) starts, configured by ``INSVIGIL_DB`` and
``INSVIGIL_HTTPS``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from jinja2 import Environment, FileSystemLoader
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles

import insvigil
from insvigil_web import (
    routes_queue,
    routes_queue_api,
    routes_read,
    routes_session,
    routes_users,
)
from insvigil_web.access_log import AccessLog
from insvigil_web.body_limit import BodyLimit
from insvigil_web.headers import SecurityHeaders
from insvigil_web.responses import exception_handlers
from insvigil_web.settings import Settings

__all__ = ["app_from_environment", "create_app"]

HERE = Path(__file__).resolve().parent
#: A queue item's state as a referent reads it.
ETATS = {"OUVERT": "ouvert", "RESOLU": "résolu", "CADUC": "caduc"}


def _templates() -> Environment:
    """The pages' templates, every one autoescaped whatever its extension (rendered by
    :func:`insvigil_web.pages.page`, which adds the frame's context and masks)."""
    env = Environment(
        loader=FileSystemLoader(HERE / "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["etat"] = lambda value: ETATS.get(str(value), str(value).lower())
    return env


def _routes() -> list[BaseRoute]:
    routes: list[BaseRoute] = [
        *routes_session.ROUTES,
        *routes_queue.ROUTES,
        *routes_queue_api.ROUTES,
        *routes_read.ROUTES,
        *routes_users.ROUTES,
    ]
    routes.append(Mount("/static", app=StaticFiles(directory=HERE / "static"), name="static"))
    return routes


def create_app(settings: Settings) -> Starlette:
    """The workspace over the store ``settings.db_url`` (opened at start-up, closed at the end).

    Raises :class:`insvigil.StoreError` at start-up when the store cannot be opened.
    """

    @asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        store = insvigil.open_store(settings.db_url)
        app.state.store = store
        try:
            yield
        finally:
            store.close()

    app = Starlette(
        routes=_routes(),
        middleware=[Middleware(AccessLog), Middleware(SecurityHeaders), Middleware(BodyLimit)],
        exception_handlers=exception_handlers(),
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.templates = _templates()
    return app


def app_from_environment() -> Starlette:
    """The factory for ``uvicorn --factory``: configuration from the environment."""
    return create_app(Settings.from_environment())
