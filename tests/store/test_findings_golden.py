"""Findings stored as codes and values (issue 17): every message a referent reads is the same
as before, and a store written before (findings JSON with the message in full) still reads.

The golden files hold, per record, the ``results.findings`` text a store built by the code of
before this change wrote (``structure|local_id|json``), for the bundled sample ``examples/``
and ``synth.generate(2000, 17)``, both qualified with the run date 2026-06-01 (the sample with
duplicate detection, the synthetic population without).
"""

from __future__ import annotations

import gzip
import json
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from insvigil.findings import Finding
from insvigil.qualify.options import QualifyOptions
from insvigil.qualify.run import qualify
from insvigil.store.db.codec import findings_from_json
from insvigil.synth.population import generate

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
TODAY = date(2026, 6, 1)
FIELDS = ("code", "gravite", "trait", "valeur_locale", "valeur_insi", "message")

Row = tuple[str, str, tuple[tuple[Any, ...], ...]]


def _golden(name: str) -> list[tuple[str, str, str]]:
    with gzip.open(GOLDEN / name, "rt", encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    out = []
    for line in lines:
        structure, local_id, text = line.split("|", 2)
        out.append((structure, local_id, text))
    return out


def _old_fields(text: str) -> tuple[tuple[Any, ...], ...]:
    return tuple(tuple(item.get(k) for k in FIELDS) for item in json.loads(text))


def _fields(findings: tuple[Finding, ...]) -> tuple[tuple[Any, ...], ...]:
    return tuple(
        (f.code, f.gravite.value, f.trait, f.valeur_locale, f.valeur_insi, f.message)
        for f in findings
    )


def _stored(db: Path) -> list[tuple[str, str, str]]:
    with sqlite3.connect(db) as con:
        rows = con.execute(
            "select r.structure, r.local_id, s.findings from results s"
            " join records r on r.id = s.record_id order by 1, 2"
        ).fetchall()
    return [(str(a), str(b), str(c)) for a, b, c in rows]


def _qualify(tmp_path: Path, folder: Path, *, doublons: bool) -> Path:
    db = tmp_path / "store.db"
    qualify(
        QualifyOptions(
            residents=folder / "residents.csv",
            insi=(folder / "insi.jsonl", folder / "insi_xml"),
            out=tmp_path / "out",
            db_url=f"sqlite:///{db}",
            today=TODAY,
            doublons=doublons,
            workers=1,
        )
    )
    return db


@pytest.mark.parametrize("name", ["findings_examples.tsv.gz", "findings_synth2000_seed17.tsv.gz"])
def test_a_store_written_before_reads_the_same_findings(name: str) -> None:
    """The old JSON (objects with the message in full) decodes to the same findings."""
    for _structure, _local_id, text in _golden(name):
        assert _fields(findings_from_json(text)) == _old_fields(text)


def _check_same(stored: list[tuple[str, str, str]], golden: list[tuple[str, str, str]]) -> None:
    assert [(s, i) for s, i, _ in stored] == [(s, i) for s, i, _ in golden]
    for (structure, local_id, text), (_s, _i, before) in zip(stored, golden, strict=True):
        got = _fields(findings_from_json(text))
        assert got == _old_fields(before), (structure, local_id)


def test_every_message_of_the_sample_reads_as_before(tmp_path: Path) -> None:
    db = _qualify(tmp_path, ROOT / "examples", doublons=True)
    _check_same(_stored(db), _golden("findings_examples.tsv.gz"))


def test_every_message_of_a_synthetic_population_reads_as_before(tmp_path: Path) -> None:
    folder = tmp_path / "synth"
    generate(2000, 17, folder)
    db = _qualify(tmp_path, folder, doublons=False)
    stored = _stored(db)
    _check_same(stored, _golden("findings_synth2000_seed17.tsv.gz"))
    # Stored as codes and values: no message in full, and a fraction of the bytes (the code
    # of before wrote 752 characters a record here; this one about 168).
    assert not [text for _, _, text in stored if '"message"' in text]
    assert sum(len(text) for _, _, text in stored) / len(stored) < 200
