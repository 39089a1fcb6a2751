"""``insvigil serve`` as a real process (uvicorn): it answers, logs no personal data, refuses
to start without accounts, and warns when it listens beyond loopback."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from insvigil_cli.main import cli
from tests.web.conftest import make_accounts
from tests.web.server import served


def test_real_server_answers_with_headers_and_logs_no_query_string(tmp_path: Path) -> None:
    db_url = f"sqlite:///{tmp_path / 'store.db'}"
    make_accounts(db_url)
    log = tmp_path / "serve.log"
    with served(db_url, log) as base:
        with urllib.request.urlopen(f"{base}/connexion") as page:
            assert page.status == 200
            assert "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
            assert page.headers.get("Server") is None
        try:
            urllib.request.urlopen(f"{base}/api/recherche?nom=DUPONTEL&prenom=MARIETTE")
        except urllib.error.HTTPError as refused:
            assert refused.code == 401
    text = log.read_text()
    assert "GET /connexion 200" in text
    assert "DUPONTEL" not in text and "MARIETTE" not in text and "nom=" not in text


def test_serve_refuses_a_store_without_accounts(tmp_path: Path) -> None:
    db = tmp_path / "vide.db"
    CliRunner().invoke(cli, ["users", "list", "--db", f"sqlite:///{db}"])
    import insvigil

    with insvigil.open_store(f"sqlite:///{db}"):
        pass
    result = CliRunner().invoke(cli, ["serve", "--db", f"sqlite:///{db}"])
    assert result.exit_code == 1
    assert "aucun compte" in result.stderr


def test_serve_warns_beyond_loopback(tmp_path: Path, monkeypatch: object) -> None:
    import uvicorn

    db_url = f"sqlite:///{tmp_path / 'store.db'}"
    make_accounts(db_url)
    calls: list[dict[str, object]] = []

    def fake_run(app: str, **kwargs: object) -> None:
        calls.append({"app": app, **kwargs})

    monkeypatch.setattr(uvicorn, "run", fake_run)  # type: ignore[attr-defined]
    result = CliRunner().invoke(cli, ["serve", "--db", db_url, "--host", "0.0.0.0"])
    assert result.exit_code == 0, result.output
    assert "mandataire qui termine TLS" in result.stderr
    assert calls and calls[0]["access_log"] is False and calls[0]["host"] == "0.0.0.0"
    quiet = CliRunner().invoke(cli, ["serve", "--db", db_url])
    assert "TLS" not in quiet.stderr
