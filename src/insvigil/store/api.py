"""The :class:`Store` object: one open database, migrated to the newest schema."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from types import TracebackType

from sqlalchemy.engine import Engine

from insvigil.model import Resident
from insvigil.store.db.checkpoint import Checkpointer
from insvigil.store.db.engine import make_store_engine, mask_url, upgrade_to_head
from insvigil.store.db.types import (
    ChunkItem,
    RecordChange,
    RunInfo,
    StoredDiscordance,
    StoredInsi,
    StoredResult,
)
from insvigil.store.records import chunks as records
from insvigil.store.records import reading, runs, stored_state

__all__ = ["Store", "open_store"]


def open_store(url: str | None = None) -> Store:
    """Open the store at ``url`` (SQLAlchemy URL; default ``sqlite:///insvigil.db`` in the
    current directory), creating its schema or upgrading it to the newest revision.

    Raises :class:`insvigil.errors.StoreError` (one French line, password masked) when the
    database cannot be opened.
    """
    engine = make_store_engine(url)
    try:
        upgrade_to_head(engine)
    except BaseException:
        engine.dispose()
        raise
    return Store(engine)


class Store:
    """Runs, records, results, discordances and INSi responses in one database.

    Every method is its own transaction; :meth:`save_chunk` writes a whole chunk or nothing.
    """

    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._checkpointer = Checkpointer(engine) if engine.dialect.name == "sqlite" else None

    # -- life cycle -------------------------------------------------------------------------

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine (for the store package's own modules and tests)."""
        return self._engine

    @property
    def url(self) -> str:
        """The database URL, password masked."""
        return mask_url(self._engine.url)

    @property
    def backend(self) -> str:
        """``sqlite`` or ``postgresql``."""
        return self._engine.dialect.name

    def close(self) -> None:
        if self._checkpointer is not None:
            self._checkpointer.close()
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- runs -------------------------------------------------------------------------------

    def begin_run(
        self, *, input_name: str, input_sha256: str, rules_sha256: str, started_at: datetime
    ) -> int:
        """Record a new run (``EN_COURS``) and return its id; runs left ``EN_COURS`` by a
        process that died become ``INTERROMPU``."""
        return runs.begin_run(
            self._engine,
            input_name=input_name,
            input_sha256=input_sha256,
            rules_sha256=rules_sha256,
            started_at=started_at,
        )

    def finish_run(self, run_id: int, *, counts: Mapping[str, int], finished_at: datetime) -> None:
        """Mark the run ``TERMINE`` with its counts (StoreError if it is not ``EN_COURS``)."""
        runs.finish_run(self._engine, run_id, counts=counts, finished_at=finished_at)

    def runs(self) -> list[RunInfo]:
        """Every run, oldest first."""
        return runs.list_runs(self._engine)

    # -- records ----------------------------------------------------------------------------

    def record_hashes(self) -> dict[tuple[str, str], tuple[int, str]]:
        """Every record's (structure, local_id) → (id, content_hash)."""
        return records.record_hashes(self._engine)

    def save_chunk(self, run_id: int, items: Sequence[ChunkItem]) -> None:
        """Insert/update the chunk's records and replace their results, in one transaction."""
        records.save_chunk(self._engine, run_id, items)
        if self._checkpointer is not None:
            self._checkpointer.poke()

    def stored_states(
        self, keys: Sequence[tuple[str, str]]
    ) -> dict[tuple[str, str], stored_state.StoredState]:
        """What the store holds of these records (row hash, inputs hash, result): the keys it
        does not hold are new records."""
        return stored_state.stored_states(self._engine, keys)

    def count_records(self) -> int:
        return reading.count_records(self._engine)

    def get_resident(self, structure: str, local_id: str) -> Resident | None:
        return reading.get_resident(self._engine, structure, local_id)

    def record_history(self, structure: str, local_id: str) -> list[RecordChange]:
        return reading.record_history(self._engine, structure, local_id)

    def insi_responses(self, structure: str, local_id: str) -> list[StoredInsi]:
        return reading.insi_responses_of(self._engine, structure, local_id)

    # -- results ----------------------------------------------------------------------------

    def iter_results(self, structure: str | None = None) -> Iterator[StoredResult]:
        """Current results by (structure, local_id), streamed."""
        return reading.iter_results(self._engine, structure)

    def iter_discordances(self, structure: str | None = None) -> Iterator[StoredDiscordance]:
        """Current discordances by (structure, local_id, rang), streamed."""
        return reading.iter_discordances(self._engine, structure)

    def counts_by_structure(
        self, active_only: bool = True, *, run_id: int | None = None
    ) -> dict[str, dict[str, int]]:
        """Per structure, status/attribute counts (keys: :data:`reading.COUNT_KEYS`)."""
        return reading.counts_by_structure(self._engine, active_only=active_only, run_id=run_id)
