"""The workspace in a real browser (Playwright driving Debian's Chromium) against a real
``insvigil serve``: a referent signs in, filters the queue, opens an item, decides, lands on
the next item, reopens the first, signs out; another structure's item stays out of reach."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

import insvigil
from tests.web.server import CHROMIUM, browser, served
from tests.web.workspace_fixture import PW, Workspace, build_workspace

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="chromium absent : apt-get install -y chromium"
)


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    built = build_workspace(tmp_path_factory.mktemp("navigateur"))
    copy = built.db.parent / "copie.db"
    shutil.copyfile(built.db, copy)
    copy.chmod(0o600)
    return Workspace(copy, built.mine, built.other)


def test_a_referent_works_through_the_queue(ws: Workspace, tmp_path: Path) -> None:
    with served(f"sqlite:///{ws.db}", tmp_path / "serve.log") as base, browser() as chromium:
        page = chromium.new_page(viewport={"width": 1400, "height": 900})
        errors: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(f"{base}/file")
        assert page.url.endswith("/connexion")
        page.fill("#identifiant", "ref.a")
        page.fill("#mot_de_passe", PW)
        page.click("button[type=submit]")
        page.wait_for_url(re.compile(r"/file$"))
        assert page.locator("h1").inner_text() == "File de revue"

        page.select_option("#f-gravite", "BLOQUANTE")
        page.click("form.filtres button[type=submit]")
        page.wait_for_url(re.compile(r"gravite=BLOQUANTE"))
        rows = page.locator("table.file tbody tr[data-href]")
        assert rows.count() >= 2
        assert all("bloquante" in t for t in rows.locator("td:nth-child(3)").all_inner_texts())

        page.keyboard.press("j")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/file/\d+\?"))
        first_id = int(re.search(r"/file/(\d+)", page.url).group(1))  # type: ignore[union-attr]
        assert page.locator("table.cote-a-cote tbody tr").count() >= 3
        page.locator("form.decisions input[type=radio]").first.check()
        page.fill("#commentaire", "vérifié sur la CNI")
        page.click("form.decisions button[type=submit]")
        page.wait_for_url(re.compile(r"/file/\d+\?.*fait="))
        second_id = int(re.search(r"/file/(\d+)", page.url).group(1))  # type: ignore[union-attr]
        assert second_id != first_id
        assert "Élément n°" in page.locator("h1").inner_text()

        page.goto(f"{base}/file/{first_id}")
        assert "résolu" in page.locator("h1").inner_text()
        page.fill("#motif", "décision prise trop vite")
        page.click("form.decisions button[type=submit]")
        page.wait_for_url(re.compile(rf"/file/{first_id}"))
        assert "ouvert" in page.locator("h1").inner_text()

        with insvigil.open_store(f"sqlite:///{ws.db}") as store:
            trail = [(e.actor, e.action) for e in insvigil.iter_audit(store, first_id)]
            theirs = insvigil.list_queue(
                store, insvigil.QueueFilter(structure=ws.other, limite=1)
            ).items[0]
        assert trail[-2:] == [("ref.a", "DECISION"), ("ref.a", "REOUVERTURE")]

        answer = page.goto(f"{base}/file/{theirs.id}")
        assert answer is not None and answer.status == 404
        assert "introuvable" in page.content()

        page.goto(f"{base}/file")
        page.click("form.sortie button[type=submit]")
        page.wait_for_url(re.compile(r"/connexion$"))
        page.goto(f"{base}/file")
        assert page.url.endswith("/connexion")
        assert not [e for e in errors if "Content Security Policy" in e], errors
