"""Every endpoint of contract §6 over HTTP (Starlette's test client on the real app): who may
call it, what a scoped account sees, CSRF, decisions and their conflicts, and no full
matricule in any answer but a referent's view of one item (an audited one)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from starlette.testclient import TestClient

import insvigil
from insvigil_web.app import create_app
from insvigil_web.settings import Settings
from tests.web.workspace_fixture import PW, Workspace, build_workspace

GET_ENDPOINTS = {
    "/api/file": {"admin", "ref.a"},
    "/api/indicateurs": {"admin", "ref.a", "dir.a"},
    "/api/travail": {"admin", "ref.a", "dir.a"},
    "/api/recherche?nom=MARTIN": {"admin", "ref.a", "accueil.a"},
    "/api/audit/verification": {"admin", "ref.a"},
    "/file": {"admin", "ref.a"},
    "/indicateurs": {"admin", "ref.a", "dir.a"},
    "/travail": {"admin", "ref.a", "dir.a"},
    "/recherche": {"admin", "ref.a", "accueil.a"},
    "/audit": {"admin", "ref.a"},
    "/utilisateurs": {"admin"},
}
LOGINS = ("admin", "ref.a", "dir.a", "accueil.a")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return build_workspace(tmp_path_factory.mktemp("espace"))


@pytest.fixture
def ws(built: Workspace, tmp_path: Path) -> Workspace:
    copy = tmp_path / "store.db"
    shutil.copyfile(built.db, copy)
    copy.chmod(0o600)
    return Workspace(copy, built.mine, built.other)


@pytest.fixture
def client(ws: Workspace) -> Iterator[TestClient]:
    app = create_app(Settings(db_url=f"sqlite:///{ws.db}"))
    with TestClient(app, follow_redirects=False) as c:
        yield c


def sign_in(client: TestClient, login: str) -> str:
    answer = client.post("/api/session", json={"identifiant": login, "mot_de_passe": PW})
    assert answer.status_code == 200, answer.text
    return str(answer.json()["csrf"])


def items_of(ws: Workspace, structure: str) -> list[insvigil.QueueItem]:
    with insvigil.open_store(f"sqlite:///{ws.db}") as store:
        flt = insvigil.QueueFilter(structure=structure, limite=10_000)
        return list(insvigil.list_queue(store, flt).items)


def full_matricules(ws: Workspace) -> set[str]:
    engine = create_engine(f"sqlite:///{ws.db}")
    with engine.connect() as conn:
        found = {
            re.sub(r"\s", "", m)
            for (m,) in conn.execute(text("SELECT matricule_ins FROM records"))
            if m
        }
    engine.dispose()
    return {m for m in found if len(m) == 15}


# -- who may call what --------------------------------------------------------------------


@pytest.mark.parametrize("path", sorted(GET_ENDPOINTS))
def test_without_a_session(client: TestClient, path: str) -> None:
    answer = client.get(path)
    if path.startswith("/api/"):
        assert answer.status_code == 401
    else:
        assert answer.status_code == 303 and answer.headers["location"] == "/connexion"


@pytest.mark.parametrize("login", LOGINS)
def test_each_role_reaches_exactly_its_endpoints(client: TestClient, login: str) -> None:
    sign_in(client, login)
    for path, allowed in GET_ENDPOINTS.items():
        answer = client.get(path)
        expected = 200 if login in allowed else 403
        assert answer.status_code == expected, (login, path, answer.status_code)


def test_direction_cannot_decide(client: TestClient, ws: Workspace) -> None:
    csrf = sign_in(client, "dir.a")
    item = items_of(ws, ws.mine)[0]
    answer = client.post(
        f"/api/file/{item.id}/decision",
        json={"decision": insvigil.decisions_for(item.kind)[0].code},
        headers={"X-CSRF-Token": csrf},
    )
    assert answer.status_code == 403
    assert items_of(ws, ws.mine)[0].etat is insvigil.QueueEtat.OUVERT


# -- scoping ------------------------------------------------------------------------------


def test_a_scoped_referent_lists_only_its_structure(client: TestClient, ws: Workspace) -> None:
    sign_in(client, "ref.a")
    body = client.get("/api/file?etat=TOUS&page=1").json()
    assert body["total"] > 0
    assert all(d["structure"] == ws.mine for i in body["items"] for d in i["dossiers"])
    assert client.get(f"/api/file?structure={ws.other}").json()["total"] == 0
    indicators = client.get("/api/indicateurs").json()["structures"]
    assert [s["structure"] for s in indicators] == [ws.mine]
    worklist = client.get("/api/travail").json()["dossiers"]
    assert worklist and {d["structure"] for d in worklist} == {ws.mine}
    assert client.get(f"/api/travail?structure={ws.other}").status_code == 404
    assert client.get(f"/travail?structure={ws.other}").status_code == 404


def test_another_structures_item_is_404_by_every_route(client: TestClient, ws: Workspace) -> None:
    csrf = sign_in(client, "ref.a")
    theirs = items_of(ws, ws.other)[0]
    missing = 99_999_999
    headers = {"X-CSRF-Token": csrf}
    code = insvigil.decisions_for(theirs.kind)[0].code
    for item_id in (theirs.id, missing):
        answers = [
            client.get(f"/api/file/{item_id}"),
            client.get(f"/file/{item_id}"),
            client.post(f"/api/file/{item_id}/decision", json={"decision": code}, headers=headers),
            client.post(
                f"/api/file/{item_id}/reouverture", json={"commentaire": "x"}, headers=headers
            ),
            client.post(f"/file/{item_id}/decision", data={"csrf": csrf, "decision": code}),
            client.post(f"/file/{item_id}/reouverture", data={"csrf": csrf, "commentaire": "x"}),
            client.post(f"/file/{item_id}/matricule", data={"csrf": csrf}),
        ]
        assert [a.status_code for a in answers] == [404] * len(answers), item_id
        if item_id == theirs.id:
            unseen = [a.text for a in answers]
        else:
            assert [a.text for a in answers] == unseen  # the same body: nothing to tell apart
    assert items_of(ws, ws.other)[0].etat is insvigil.QueueEtat.OUVERT


def test_lookup_is_scoped(client: TestClient, ws: Workspace) -> None:
    sign_in(client, "accueil.a")
    for name in ("MARTIN", "DUPONT", "BERNARD", "PETIT", "ROBERT"):
        found = client.get(f"/api/recherche?nom={name}").json()["candidats"]
        assert all(c["structure"] == ws.mine for c in found)


# -- CSRF, decisions, conflicts, reopening --------------------------------------------------


def test_a_change_without_the_csrf_token_is_403(client: TestClient, ws: Workspace) -> None:
    other_client = TestClient(client.app)
    other_csrf = sign_in(other_client, "ref.tous")
    sign_in(client, "ref.a")
    item = items_of(ws, ws.mine)[0]
    code = insvigil.decisions_for(item.kind)[0].code
    for headers in ({}, {"X-CSRF-Token": other_csrf}, {"X-CSRF-Token": ""}):
        answer = client.post(
            f"/api/file/{item.id}/decision", json={"decision": code}, headers=headers
        )
        assert answer.status_code == 403
    form = client.post(f"/file/{item.id}/decision", data={"decision": code})
    assert form.status_code == 403
    assert items_of(ws, ws.mine)[0].etat is insvigil.QueueEtat.OUVERT


def test_decide_conflict_reopen_all_audited(client: TestClient, ws: Workspace) -> None:
    csrf = sign_in(client, "ref.a")
    item = items_of(ws, ws.mine)[0]
    code = insvigil.decisions_for(item.kind)[0].code
    headers = {"X-CSRF-Token": csrf}
    done = client.post(
        f"/api/file/{item.id}/decision",
        json={"decision": code, "commentaire": "vu la CNI"},
        headers=headers,
    )
    assert done.status_code == 200
    assert done.json()["etat"] == "RESOLU" and done.json()["par"] == "ref.a"
    second = TestClient(client.app)
    csrf2 = sign_in(second, "ref.tous")
    late = second.post(
        f"/api/file/{item.id}/decision", json={"decision": code}, headers={"X-CSRF-Token": csrf2}
    )
    assert late.status_code == 409
    assert "déjà résolu par ref.a le " in late.json()["message"]
    bad = client.post(f"/api/file/{item.id}/reouverture", json={}, headers=headers)
    assert bad.status_code == 400
    reopened = client.post(
        f"/api/file/{item.id}/reouverture", json={"commentaire": "erreur"}, headers=headers
    )
    assert reopened.status_code == 200 and reopened.json()["etat"] == "OUVERT"
    with insvigil.open_store(f"sqlite:///{ws.db}") as store:
        trail = [(e.actor, e.action) for e in insvigil.iter_audit(store, item.id)]
        assert trail[-2:] == [("ref.a", "DECISION"), ("ref.a", "REOUVERTURE")]
        assert insvigil.verify_audit(store).intact
    assert client.get("/api/audit/verification").json()["intact"] is True


def test_the_decision_form_opens_the_next_item(client: TestClient, ws: Workspace) -> None:
    csrf = sign_in(client, "ref.a")
    listing = client.get("/api/file?page=1").json()["items"]
    first, second = listing[0], listing[1]
    code = insvigil.decisions_for(insvigil.QueueKind(first["type"]))[0].code
    answer = client.post(
        f"/file/{first['id']}/decision", data={"csrf": csrf, "decision": code, "commentaire": ""}
    )
    assert answer.status_code == 303
    assert answer.headers["location"].startswith(f"/file/{second['id']}")
    conflict = client.post(f"/file/{first['id']}/decision", data={"csrf": csrf, "decision": code})
    assert conflict.status_code == 409 and "déjà résolu par ref.a" in conflict.text


# -- matricules -----------------------------------------------------------------------------


def test_no_full_matricule_but_in_the_audited_view_of_one_item(
    client: TestClient, ws: Workspace
) -> None:
    matricules = full_matricules(ws)
    assert matricules
    csrf = sign_in(client, "admin")
    with_matricule = next(
        i
        for i in items_of(ws, ws.mine) + items_of(ws, ws.other)
        if any(
            (d.get("traits") or {}).get("matricule_ins")
            for d in client.get(f"/api/file/{i.id}").json()["dossiers"]
        )
    )
    pages = [
        client.get("/api/file?etat=TOUS"),
        client.get("/file?etat=TOUS"),
        client.get(f"/file/{with_matricule.id}"),
        client.get("/api/indicateurs"),
        client.get("/indicateurs"),
        client.get("/api/travail"),
        client.get("/travail?tout=1"),
        client.get("/audit"),
    ]
    for name in ("MARTIN", "DUPONT", "BERNARD"):
        pages.append(client.get(f"/api/recherche?nom={name}"))
        pages.append(client.get(f"/recherche?nom={name}"))
    for answer in pages:
        assert answer.status_code == 200
        squeezed = re.sub(r"[\s.]", "", answer.text)
        assert not any(m in squeezed for m in matricules), answer.url
    with insvigil.open_store(f"sqlite:///{ws.db}") as store:
        before = [e.action for e in insvigil.iter_audit(store, with_matricule.id)]
    full = client.get(f"/api/file/{with_matricule.id}")
    assert any(m in re.sub(r"\s", "", full.text) for m in matricules)
    shown = client.post(f"/file/{with_matricule.id}/matricule", data={"csrf": csrf})
    assert any(m in re.sub(r"[\s.]", "", shown.text) for m in matricules)
    with insvigil.open_store(f"sqlite:///{ws.db}") as store:
        after = [(e.actor, e.action) for e in insvigil.iter_audit(store, with_matricule.id)]
    assert len(after) >= len(before) + 2
    assert after[-2:] == [("admin", "CONSULTATION"), ("admin", "CONSULTATION")]


def test_security_headers_and_cookie_on_pages(client: TestClient) -> None:
    answer = client.post("/api/session", json={"identifiant": "ref.a", "mot_de_passe": PW})
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "samesite=strict" in cookie.lower()
    for path in ("/file", "/api/file", "/indicateurs", "/nulle-part"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "'unsafe-inline'" not in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"


def test_admin_manages_accounts_in_the_browser_forms(client: TestClient, ws: Workspace) -> None:
    csrf = sign_in(client, "admin")
    made = client.post(
        "/utilisateurs/creation",
        data={
            "csrf": csrf,
            "identifiant": "nouveau",
            "role": "direction",
            "structures": ws.mine,
            "mot_de_passe": "un mot de passe long",
        },
    )
    assert made.status_code == 303
    refused = client.post(
        "/utilisateurs/creation",
        data={"csrf": csrf, "identifiant": "x.y", "role": "admin", "mot_de_passe": "court"},
    )
    assert refused.status_code == 400 and "trop court" in refused.text
    assert (
        client.post(
            "/utilisateurs/desactivation", data={"csrf": csrf, "identifiant": "nouveau"}
        ).status_code
        == 303
    )
    with insvigil.open_store(f"sqlite:///{ws.db}") as store:
        assert insvigil.get_account(store, "nouveau").disabled
        actions = [(e.actor, e.action) for e in insvigil.iter_audit(store)][-2:]
    assert actions == [("admin", "COMPTE_CREATION"), ("admin", "COMPTE_DESACTIVATION")]
    sign_in(client, "ref.a")
    assert client.get("/utilisateurs").status_code == 403


def test_the_search_form_posts_so_names_stay_out_of_urls(client: TestClient, ws: Workspace) -> None:
    csrf = sign_in(client, "accueil.a")
    form = client.get("/recherche")
    assert 'method="post" action="/recherche"' in form.text
    found = client.post("/recherche", data={"csrf": csrf, "nom": "MARTIN", "ddn": ""})
    assert found.status_code == 200 and "MARTIN" in found.text
    assert client.post("/recherche", data={"nom": "MARTIN"}).status_code == 403
    empty = client.post("/recherche", data={"csrf": csrf, "nom": ""})
    assert empty.status_code == 400 and "indiquer au moins le nom" in empty.text
