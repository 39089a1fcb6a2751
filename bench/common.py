"""Shared by the benchmarks: synthetic populations cached under bench/out/, timing helpers."""

from __future__ import annotations

import resource
import time
from collections.abc import Iterator
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
