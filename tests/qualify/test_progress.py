"""A run announces its steps in order and reports its records, with one worker or two."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from insvigil import QualifyOptions, qualify


def _options(population: Path, tmp_path: Path, workers: int) -> QualifyOptions:
    return QualifyOptions(
        residents=population / "residents.csv",
        insi=(population / "insi.jsonl",),
        out=tmp_path / "out",
        db_url=f"sqlite:///{tmp_path}/db",
        today=date(2026, 11, 1),
        workers=workers,
        chunk_size=500,
        doublons=False,
    )


@pytest.mark.parametrize("workers", [1, 2])
def test_steps_in_order_then_progress(population: Path, tmp_path: Path, workers: int) -> None:
    steps: list[tuple[str, int]] = []
    done: list[tuple[int, int]] = []  # (how many steps announced then, records done)

    def step(name: str, total: int) -> None:
        steps.append((name, total))

    def progress(count: int) -> None:
        done.append((len(steps), count))

    summary = qualify(_options(population, tmp_path, workers), progress=progress, steps=step)
    names = [name for name, _ in steps]
    assert names == [
        "préparation",
        "lecture des réponses INSi",
        "évaluation et enregistrement",
        "fichiers de sortie",
        "index de recherche",  # a first load builds the lookup indexes at its end
        "file de revue",
        "indicateurs",
    ]
    totals = dict(steps)
    assert totals["évaluation et enregistrement"] == 3000  # the residents rows
    assert totals["préparation"] == totals["fichiers de sortie"] == 0
    # Records are reported only once the evaluation step is announced, never going back.
    working = names.index("évaluation et enregistrement") + 1
    assert done and all(announced >= working for announced, _ in done)
    counts = [count for _, count in done]
    assert counts == sorted(counts)
    assert counts[-1] == summary.dossiers
    # Every step the summary timed was announced (the summary's names are the same words).
    assert set(summary.durees) <= set(names)


def test_no_record_count_while_the_workers_read(
    population: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Forked workers that take their time reading INSi: the parent says so, counts nothing."""
    import time

    from insvigil.qualify import insi_index

    real_load = insi_index.load

    def slow_load(*args: object, **kwargs: object) -> insi_index.InsiIndex:
        time.sleep(1.6)  # the parent polls its workers every 0.5 s
        return real_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(insi_index, "load", slow_load)
    events: list[tuple[str, object]] = []
    qualify(
        _options(population, tmp_path, workers=2),
        progress=lambda count: events.append(("progress", count)),
        steps=lambda name, total: events.append(("step", name)),
    )
    reading = events.index(("step", "lecture des réponses INSi"))
    working = events.index(("step", "évaluation et enregistrement"))
    assert not [e for e in events[reading:working] if e[0] == "progress"]
    assert all(count >= 0 for kind, count in events if kind == "progress")  # type: ignore[operator]
