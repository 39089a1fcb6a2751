"""Fixtures of the lookup's ``sqlite3`` path tests: a store file, and one filled with the
people of ``lookup_people`` (every identity made up)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from insvigil.store import Store

from .common import filled_store


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'store.db'}"


@pytest.fixture
def filled(url: str) -> Iterator[Store]:
    """The people of ``lookup_people``; B-2 has no result (a record never qualified)."""
    with filled_store(url) as store:
        yield store
