"""Web workspace fixtures: a store with accounts, the application under Starlette's test
client (a real ASGI app, its lifespan run), helpers to sign in."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from starlette.testclient import TestClient

import insvigil
from insvigil_web.app import create_app
from insvigil_web.settings import Settings

PW = "une phrase de passe"


@dataclass
class Web:
    db_url: str
    client: TestClient

    def sign_in(self, login: str, password: str = PW) -> str:
        """Sign in through the API; returns the session's CSRF token."""
        answer = self.client.post(
            "/api/session", json={"identifiant": login, "mot_de_passe": password}
        )
        assert answer.status_code == 200, answer.text
        return str(answer.json()["csrf"])


def make_accounts(db_url: str) -> None:
    with insvigil.open_store(db_url) as store:
        insvigil.create_account(store, "admin", insvigil.Role.ADMIN, PW)
        insvigil.create_account(store, "ref.a", insvigil.Role.REFERENT, PW, ["750000001"])
        insvigil.create_account(store, "dir", insvigil.Role.DIRECTION, PW)
        insvigil.create_account(store, "adm", insvigil.Role.ADMISSION, PW)


@pytest.fixture
def web(tmp_path: Path) -> Iterator[Web]:
    db_url = f"sqlite:///{tmp_path / 'store.db'}"
    make_accounts(db_url)
    app = create_app(Settings(db_url=db_url))
    with TestClient(app, base_url="http://testserver", follow_redirects=False) as client:
        yield Web(db_url, client)
