"""The SQLite WAL is checkpointed in the background and the thread stops with the store."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from insvigil.store import open_store

from .helpers import begin, items


def _checkpoint_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name == "insvigil-wal-checkpoint"]


def test_wal_is_checkpointed_and_thread_stops(tmp_path: Path) -> None:
    path = tmp_path / "wal.db"
    before = len(_checkpoint_threads())
    with open_store(f"sqlite:///{path}") as store:
        run_id = begin(store)
        for k in range(3):
            store.save_chunk(run_id, items(500, start=500 * k))
        assert len(_checkpoint_threads()) == before + 1
    assert len(_checkpoint_threads()) == before
    with open_store(f"sqlite:///{path}") as again:
        assert again.count_records() == 1_500
        with again.engine.connect() as conn:
            busy, log, done = conn.exec_driver_sql("PRAGMA wal_checkpoint(PASSIVE)").one()
        assert busy == 0 and log == done


def test_ctrl_c_while_the_thread_starts_leaves_a_store_that_closes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C inside ``Thread.start()`` (the thread may never run): closing the store must not
    fail, or an interrupted run would end as an internal error instead of « interrompu »."""

    def interrupted(self: threading.Thread) -> None:
        raise KeyboardInterrupt

    store = open_store(f"sqlite:///{tmp_path / 'wal.db'}")
    run_id = begin(store)
    with monkeypatch.context() as patch:
        patch.setattr(threading.Thread, "start", interrupted)
        with pytest.raises(KeyboardInterrupt):
            store.save_chunk(run_id, items(10))
    store.close()  # raised RuntimeError: cannot join thread before it is started
    with open_store(f"sqlite:///{tmp_path / 'wal.db'}") as again:
        assert again.count_records() == 10  # the chunk was committed before the checkpoint
