"""SQLite: copy the write-ahead log into the database file in a background thread.

In WAL mode a commit only appends pages to ``insvigil.db-wal``; now and then a *checkpoint*
copies them into the database file and syncs it. Left to SQLite, that happens inside a commit,
every few chunks, and makes that commit several times slower. Here a daemon thread runs a
``PASSIVE`` checkpoint (which never blocks the writer nor readers) after each saved chunk, on
its own connection; SQLite releases the GIL for the whole checkpoint, so it runs on another
core while the next chunk is prepared and written. The writers' own automatic checkpoint stays
on as a safety net (:data:`insvigil.store.db.engine.SQLITE_WAL_CHECKPOINT_PAGES`).

Durability is unchanged: a chunk is durable once committed to the WAL (``synchronous=NORMAL``);
the checkpoint only moves committed pages.
"""

from __future__ import annotations

import threading

from sqlalchemy.engine import Engine

__all__ = ["Checkpointer"]


class Checkpointer:
    """A background thread that checkpoints the WAL when :meth:`poke`\\ d (SQLite only)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._wanted = threading.Event()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def poke(self) -> None:
        """Ask for a checkpoint soon (returns at once)."""
        with self._lock:
            if self._stopping:
                return
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="insvigil-wal-checkpoint", daemon=True
                )
                self._thread.start()
        self._wanted.set()

    def close(self) -> None:
        """Stop the thread after the checkpoint under way, if any."""
        with self._lock:
            self._stopping = True
            thread = self._thread
        self._wanted.set()
        # Not alive: never started, or still starting when Ctrl-C interrupted Thread.start()
        # (join would raise); such a thread sees _stopping as soon as it runs, and returns.
        if thread is not None and thread.is_alive():
            thread.join()

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            self._wanted.clear()
            if self._stopping:
                return
            try:
                raw = self._engine.raw_connection()
                try:
                    cursor = raw.cursor()
                    cursor.execute("PRAGMA wal_checkpoint(PASSIVE)")
                    cursor.fetchall()
                    cursor.close()
                finally:
                    raw.close()
            except Exception:  # best effort: SQLite still checkpoints on its own
                continue
