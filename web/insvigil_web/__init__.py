"""The referents' web workspace (contract §6): the second adapter beside the CLI.

An ASGI application (Starlette, Jinja2 templates, served by uvicorn) over the library's public
API only (``import insvigil``); nothing imports this package. Start it with ``insvigil serve``
or any ASGI server: ``uvicorn --factory insvigil_web.app:app_from_environment`` with
``INSVIGIL_DB`` naming the store.

Modules: :mod:`.app` builds the application; :mod:`.settings` its configuration;
:mod:`.headers` the security headers; :mod:`.access_log` the access log without personal data;
:mod:`.auth` sessions, roles and CSRF; :mod:`.responses` the error answers; the ``routes_*``
modules one part of the workspace each; ``templates/`` and ``static/`` the pages.
"""

from __future__ import annotations

__all__: list[str] = []
