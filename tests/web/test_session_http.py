"""Signing in and out over HTTP (contract §6): statuses, cookies, lock, CSRF, headers."""

from __future__ import annotations

import re

import pytest

from insvigil_web.headers import CSP
from tests.web.conftest import PW, Web


def test_api_sign_in_returns_csrf_role_structures_and_a_strict_cookie(web: Web) -> None:
    answer = web.client.post("/api/session", json={"identifiant": "ref.a", "mot_de_passe": PW})
    assert answer.status_code == 200
    body = answer.json()
    assert body["role"] == "referent" and body["structures"] == ["750000001"]
    assert len(body["csrf"]) >= 32
    cookie = answer.headers["set-cookie"]
    assert cookie.startswith("insvigil_session=")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert "Secure" not in cookie  # plain HTTP in the test; Secure behind HTTPS
    admin = web.client.post("/api/session", json={"identifiant": "admin", "mot_de_passe": PW})
    assert admin.json()["structures"] == []


def test_secure_cookie_behind_https(web: Web) -> None:
    answer = web.client.post(
        "https://testserver/api/session", json={"identifiant": "ref.a", "mot_de_passe": PW}
    )
    assert "Secure" in answer.headers["set-cookie"]


def test_same_401_for_unknown_login_and_wrong_password(web: Web) -> None:
    wrong = web.client.post("/api/session", json={"identifiant": "ref.a", "mot_de_passe": "x" * 12})
    unknown = web.client.post("/api/session", json={"identifiant": "nul", "mot_de_passe": PW})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert "set-cookie" not in wrong.headers


def test_five_failures_lock_with_429(web: Web) -> None:
    for _ in range(5):
        assert (
            web.client.post(
                "/api/session", json={"identifiant": "ref.a", "mot_de_passe": "mauvais mdp 1"}
            ).status_code
            == 401
        )
    locked = web.client.post("/api/session", json={"identifiant": "ref.a", "mot_de_passe": PW})
    assert locked.status_code == 429
    assert "verrouillé" in locked.json()["message"]


@pytest.mark.parametrize("body", [b"pas du json", b"[1, 2]", b'{"identifiant": 3}'])
def test_bad_bodies_are_400(web: Web, body: bytes) -> None:
    answer = web.client.post(
        "/api/session", content=body, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 400


def test_sign_out_needs_the_csrf_token(web: Web) -> None:
    csrf = web.sign_in("ref.a")
    refused = web.client.delete("/api/session")
    assert refused.status_code == 403
    other = web.client.delete("/api/session", headers={"X-CSRF-Token": "x" + csrf})
    assert other.status_code == 403
    done = web.client.delete("/api/session", headers={"X-CSRF-Token": csrf})
    assert done.status_code == 200
    assert web.client.delete("/api/session", headers={"X-CSRF-Token": csrf}).status_code == 401


def test_security_headers_on_every_answer(web: Web) -> None:
    for answer in (
        web.client.get("/connexion"),
        web.client.get("/nulle-part"),
        web.client.post("/api/session", json={}),
        web.client.get("/static/app.css"),
    ):
        assert answer.headers["content-security-policy"] == CSP
        assert "'unsafe-inline'" not in CSP and "frame-ancestors 'none'" in CSP
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "no-referrer"


def _form_token(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, html
    return found.group(1)


def test_login_page_form_signs_in_and_redirects_home(web: Web) -> None:
    page = web.client.get("/connexion")
    assert page.status_code == 200 and "<form" in page.text
    token = _form_token(page.text)
    answer = web.client.post(
        "/connexion", data={"identifiant": "dir", "mot_de_passe": PW, "csrf": token}
    )
    assert answer.status_code == 303
    assert answer.headers["location"] == "/indicateurs"
    assert "insvigil_session=" in answer.headers["set-cookie"]
    again = web.client.get("/connexion")
    assert again.status_code == 303 and again.headers["location"] == "/indicateurs"


@pytest.mark.parametrize(
    ("login", "home"), [("admin", "/file"), ("ref.a", "/file"), ("adm", "/recherche")]
)
def test_each_role_lands_on_its_home(web: Web, login: str, home: str) -> None:
    token = _form_token(web.client.get("/connexion").text)
    answer = web.client.post(
        "/connexion", data={"identifiant": login, "mot_de_passe": PW, "csrf": token}
    )
    assert answer.headers["location"] == home


def test_login_form_without_its_prelogin_token_is_refused(web: Web) -> None:
    web.client.get("/connexion")
    answer = web.client.post(
        "/connexion", data={"identifiant": "dir", "mot_de_passe": PW, "csrf": "autre"}
    )
    assert answer.status_code == 403
    assert "insvigil_session" not in answer.headers.get("set-cookie", "")


def test_login_form_wrong_password_shows_the_form_again(web: Web) -> None:
    token = _form_token(web.client.get("/connexion").text)
    answer = web.client.post(
        "/connexion", data={"identifiant": "dir", "mot_de_passe": "faux faux faux", "csrf": token}
    )
    assert answer.status_code == 401
    assert "identifiant ou mot de passe incorrect" in answer.text


def test_logout_form(web: Web) -> None:
    csrf = web.sign_in("ref.a")
    refused = web.client.post("/deconnexion", data={"csrf": "faux"})
    assert refused.status_code == 403
    done = web.client.post("/deconnexion", data={"csrf": csrf})
    assert done.status_code == 303 and done.headers["location"] == "/connexion"
    assert web.client.get("/").headers["location"] == "/connexion"


def test_a_huge_body_is_refused_before_it_is_read(web: Web) -> None:
    answer = web.client.post(
        "/api/session",
        content=b"{" + b" " * (2 << 20) + b"}",
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 413
    assert "trop volumineux" in answer.text
    assert answer.headers["x-content-type-options"] == "nosniff"

    def chunks():  # type: ignore[no-untyped-def]
        for _ in range(3):
            yield b" " * (1 << 20)

    streamed = web.client.post(
        "/api/session", content=chunks(), headers={"content-type": "application/json"}
    )
    assert streamed.status_code == 413
