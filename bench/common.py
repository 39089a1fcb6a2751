"""Shared by the benchmarks: synthetic populations cached under bench/out/, timing helpers."""

from __future__ import annotations

import os
import resource
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

OUT = Path(__file__).resolve().parent / "out"


def population(n: int, seed: int = 20261124) -> Path:
    """A synthetic population of ``n`` records (generated once, then reused)."""
    from insvigil.synth import generate

    folder = OUT / f"synth-{n}-{seed}"
    if not (folder / "residents.csv").exists():
        folder.mkdir(parents=True, exist_ok=True)
        started = time.perf_counter()
        generate(n, seed, folder)
        print(f"  population synthétique de {n} dossiers générée en "
              f"{time.perf_counter() - started:.1f} s ({folder})")
    return folder


@contextmanager
def timed(label: str) -> Iterator[dict[str, float]]:
    figures: dict[str, float] = {}
    cpu0 = time.process_time()
    wall0 = time.perf_counter()
    yield figures
    figures["wall"] = time.perf_counter() - wall0
    figures["cpu"] = time.process_time() - cpu0
    print(f"  {label} : {figures['wall']:.2f} s (CPU {figures['cpu']:.2f} s)")


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def yardstick() -> float:
    """Milliseconds of a fixed pure-Python workload (the same in every run): printed beside a
    benchmark's figures, since this machine's speed drifts by 10-40 %."""
    t0 = time.perf_counter()
    total = 0
    for i in range(2_000_000):
        total += i % 7
    return (time.perf_counter() - t0) * 1000


def each_backend(sizes: list[int], one: Callable[[int, str, str], None]) -> None:
    """``one(n, url, label)`` for each size on SQLite (``url`` empty), then on PostgreSQL when
    ``INSVIGIL_BENCH_PG_URL`` names a server."""
    pg = os.environ.get("INSVIGIL_BENCH_PG_URL", "")
    for n in sizes:
        one(n, "", "SQLite")
        if pg:
            one(n, pg, "PostgreSQL")
