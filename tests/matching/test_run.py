"""find_pairs: deterministic, each pair once, distinct decisions honoured, identity domains."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest

from insvigil.matching import MatchRecord, find_pairs
from insvigil.matching import run as run_module
from insvigil.policy import DoublonsPolicy

from .helpers import POLICY, nir, rec


def population() -> list[MatchRecord]:
    return [
        rec("1", "MARTIN", "PAUL", "1950-03-05"),
        rec("2", "MARTIN", "PAUL", "1950-05-03", lieu=None),  # day and month swapped
        rec("3", "DUPONT", "LEA", "1980-01-02", "F"),
        rec("4", "DUPOND", "LEA", "1980-01-02", "F", structure="750000002"),  # typo, elsewhere
        rec("5", "ROY", "JEAN", "2010-04-04", structure="750000002"),
        rec("6", "ROY", "LUC", "2010-04-04", structure="750000002"),  # twins: no pair
        rec("7", "ROY", "PAUL", "1965-03-20", matricule=nir("1650375115123")),
        rec("8", "ROY", "LEA", "2015-07-02", "F", matricule=nir("1650375115123")),  # collision
    ]


def summary(records: list[MatchRecord], policy: DoublonsPolicy = POLICY,
            **kwargs: object) -> list[tuple[str, str, str, str, str]]:  # fmt: skip
    report = find_pairs(records, policy, **kwargs)  # type: ignore[arg-type]
    return [(p.local_id_a, p.local_id_b, p.type.value, f"{p.score:.4f}", p.raisons)
            for p in report.pairs]  # fmt: skip


def test_pairs() -> None:
    found = summary(population(), workers=1)
    assert [(a, b, t) for a, b, t, _, _ in found] == [
        ("1", "2", "DOUBLON"),
        ("3", "4", "DOUBLON"),
        ("7", "8", "COLLISION"),
    ]
    report = find_pairs(population(), POLICY, workers=1)
    assert [(h.local_id_a, h.local_id_b) for h in report.homonymes] == [("5", "6")]
    assert report.comparisons >= 3 and report.blocks > 0 and report.giant_blocks == []
    assert all(POLICY.seuil_revue <= p.score <= 1 for p in report.pairs)


def test_deterministic_whatever_the_order_and_the_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    records = population() * 1  # same records
    shuffled = records[:]
    random.Random(3).shuffle(shuffled)
    expected = summary(records, workers=1)
    assert summary(shuffled, workers=1) == expected
    monkeypatch.setattr(run_module, "PARALLEL_MIN", 2)
    assert summary(shuffled, workers=2) == expected


def test_each_unordered_pair_once() -> None:
    # shares a matricule, a name and date, a first name and date, a date: one pair
    m = nir("1500375115123")
    found = summary([rec("1", matricule=m), rec("2", insi=m)], workers=1)
    assert [(a, b) for a, b, *_ in found] == [("1", "2")]


def test_distinct_pairs_are_skipped_until_a_record_changes() -> None:
    records = population()
    decided = {("750000001", "1", "h-1", "750000001", "2", "h-2")}
    ids = [(a, b) for a, b, *_ in summary(records, distinct=decided, workers=1)]
    assert ("1", "2") not in ids and ("3", "4") in ids
    backwards = {("750000001", "2", "h-2", "750000001", "1", "h-1")}
    assert ("1", "2") not in [(a, b) for a, b, *_ in summary(records, distinct=backwards,
                                                               workers=1)]  # fmt: skip
    changed = [replace(r, content_hash="h-2bis") if r.local_id == "2" else r for r in records]
    assert ("1", "2") in [(a, b) for a, b, *_ in summary(changed, distinct=decided, workers=1)]


def test_identity_domains_split_duplicates_not_collisions() -> None:
    split = POLICY.model_copy(update={"domaines": (("750000001",), ("750000002",))})
    records = population()
    records[7] = replace(records[7], structure="750000002")
    found = [(a, b, t) for a, b, t, _, _ in summary(records, split, workers=1)]
    assert ("3", "4", "DOUBLON") not in found  # two identity bases
    assert ("1", "2", "DOUBLON") in found
    assert ("7", "8", "COLLISION") in found  # an INS names one person everywhere


def test_giant_blocks_are_reported() -> None:
    small = POLICY.model_copy(update={"taille_bloc_max": 10})
    records = [rec(str(i), f"N{chr(65 + i % 20)}X", f"P{i}", "1900-01-01") for i in range(40)]
    report = find_pairs(records, small, workers=1)
    assert any(line.startswith("date de naissance « 1900-01-01 » : 40 dossiers")
               for line in report.giant_blocks)  # fmt: skip


def test_empty_and_single_inputs() -> None:
    for records in ([], [rec("1")]):
        report = find_pairs(records, POLICY, workers=2)
        assert (report.pairs, report.comparisons, report.blocks) == ([], 0, 0)
