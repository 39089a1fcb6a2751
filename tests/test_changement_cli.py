"""A change between exports (HI01) as a queue item, through the real command line."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

from click.testing import CliRunner

from insvigil.model import Statut
from insvigil.model.previous import previous_state
from insvigil.review.candidates import from_result
from insvigil.store import open_store
from insvigil.store.review import queue
from insvigil_cli.main import cli
from tests.rules.test_historique import ENGINE, RESIDENT, response
from tests.store.review_helpers import new_run


def test_queue_show_gives_the_values_before_and_after(tmp_path: Path) -> None:
    db = f"sqlite:///{tmp_path / 'store.db'}"
    then = dataclasses.replace(RESIDENT, nom_naissance="DURAND")
    result = ENGINE.evaluate(
        RESIDENT, [response(RESIDENT)], previous=previous_state(then, Statut.QUALIFIEE, ())
    )
    with open_store(db) as store:
        run_id = new_run(store)
        queue.sync_queue(store, run_id, from_result(result, content_hash="h"), {RESIDENT.key})
    runner = CliRunner()
    listed = runner.invoke(cli, ["queue", "list", "--db", db, "--type", "CHANGEMENT", "--json"])
    assert listed.exit_code == 0, listed.output
    (item,) = json.loads(listed.output)["items"]
    assert item["type"] == "CHANGEMENT"
    shown = runner.invoke(cli, ["queue", "show", str(item["id"]), "--db", db])
    assert shown.exit_code == 0, shown.output
    assert "Avant : DURAND ; après : DUPONT" in shown.output
    assert "valeur INSi" not in shown.output
    assert "CORRECTION_CONFIRMEE" in shown.output and "CHANGEMENT_ERRONE" in shown.output
