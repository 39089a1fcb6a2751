"""Queue items kept in fewer bytes (revision 0009): digests as bytes, texts deflated, and every
reader sees the values it was given."""

from __future__ import annotations

from dataclasses import replace

import pytest

from insvigil.errors import StoreError
from insvigil.store import Store
from insvigil.store.db.packing import pack, unpack
from insvigil.store.review import queue
from tests.store.review_helpers import disc, new_run, pair, seen


def test_items_are_stored_small_and_read_back_as_given(store: Store) -> None:
    long_resume = "Discordance bloquante (DI04) — nom de naissance : local « DUPONT », INSi « X »."
    candidates = [replace(disc("A1"), resume=long_resume), pair("A1", "A3")]
    queue.sync_queue(store, new_run(store), candidates, seen("A1", "A3"))
    with store.engine.connect() as conn:
        stored = conn.exec_driver_sql(
            "SELECT fingerprint, digest, resume, details FROM queue_items ORDER BY id"
        ).all()
    for (fingerprint, digest, resume, details), candidate in zip(stored, candidates, strict=True):
        assert (len(bytes(fingerprint)), len(bytes(digest))) == (32, 16)
        assert bytes(fingerprint).hex() == candidate.fingerprint
        assert unpack(bytes(resume)) == candidate.resume
        assert len(bytes(resume)) < len(candidate.resume.encode())
        assert unpack(bytes(details)).startswith("{")
    items = {item.local_id_b: item for item in (queue.get_item(store, 1), queue.get_item(store, 2))}
    assert items[None].resume == long_resume
    assert items["A3"].details == candidates[1].details
    again = queue.sync_queue(store, new_run(store), candidates, seen("A1", "A3"))
    assert (again.nouveaux, again.maintenus) == (0, 2)  # found again by their fingerprint


def test_a_stored_text_of_an_unknown_format_is_a_store_error() -> None:
    assert unpack(pack("é")) == "é"
    with pytest.raises(StoreError, match="texte enregistré illisible"):
        unpack(b"\x09abc")
