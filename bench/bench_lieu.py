"""``insvigil lieu`` benchmark: latency of ``find_place`` over names typed the way people do.

The names are drawn (seeded) from the COG itself: communes, arrondissements and countries,
each with a birth date inside one of its versions, then typed as people type them: lower or
upper case, accents dropped, ``ST``/``STE``, the article moved behind (« Havre (Le) »), hyphens
as spaces, and one name in ten with a typo (a letter dropped, doubled or swapped), which
sends the search to the approximate (rapidfuzz) stages. The first call reads the name index
and the COG: it is timed and reported apart. Then the whole command is timed, one new
interpreter per call (:mod:`bench.bench_lieu_cli`: a typical query, a bad date, ``--json``,
``--cp``). Usage: ``python -m bench.bench_lieu [N]`` (default 5,000), or
``python -m bench.bench_lieu --cli`` for the command alone.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import date, timedelta

from bench.common import peak_rss_mib

_SEED = 20261124


def _typed(name: str, rng: random.Random) -> str:
    """One way of typing ``name``."""
    from insvigil.reference.names_index import fold

    text = name
    if rng.random() < 0.5:
        text = fold(text)  # upper case, no accents, no punctuation
    if rng.random() < 0.3:
        text = text.replace("Saint-", "St-").replace("SAINT ", "ST ")
        text = text.replace("Sainte-", "Ste-").replace("SAINTE ", "STE ")
    for article in ("Le ", "La ", "Les ", "LE ", "LA ", "LES "):
        if text.startswith(article) and rng.random() < 0.5:
            text = f"{text[len(article) :]} ({article.strip()})"
    if rng.random() < 0.3:
        text = text.replace("-", " ")
    if rng.random() < 0.3:
        text = text.lower()
    if rng.random() < 0.1 and len(text) > 4:  # a typo
        i = rng.randrange(1, len(text) - 1)
        kind = rng.randrange(3)
        if kind == 0:
            text = text[:i] + text[i + 1 :]
        elif kind == 1:
            text = text[:i] + text[i] + text[i:]
        else:
            text = text[: i - 1] + text[i] + text[i - 1] + text[i + 1 :]
    return text


def _queries(n: int) -> list[tuple[str, date | None]]:
    from insvigil.reference import load

    cog = load()
    rng = random.Random(_SEED)
    codes = [c for c in cog.codes() if cog.periods(c)[0].nature in ("COM", "ARM", "PAYS")]
    queries: list[tuple[str, date | None]] = []
    while len(queries) < n:
        period = rng.choice(cog.periods(rng.choice(codes)))
        name = period.nom if period.nature == "PAYS" else period.libelle
        start = max(period.debut, date(1920, 1, 1))
        stop = min(period.fin or date(2025, 12, 31), date(2025, 12, 31))
        if stop <= start:
            continue
        born = start + timedelta(days=rng.randrange((stop - start).days))
        queries.append((_typed(name, rng), None if rng.random() < 0.1 else born))
    return queries


def _percentiles(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=100, method="inclusive")
    return (
        f"p50 {cuts[49] * 1000:.3f} ms, p95 {cuts[94] * 1000:.3f} ms, "
        f"p99 {cuts[98] * 1000:.3f} ms, max {max(values) * 1000:.1f} ms"
    )


def main(n: int) -> None:
    started = time.perf_counter()
    from insvigil.reference import load
    from insvigil.reference.finder import search_place

    load().codes()
    print(f"Chargement du COG (import compris) : {time.perf_counter() - started:.2f} s")
    queries = _queries(n)
    first = time.perf_counter()
    search_place("Saint-Étienne", on=date(1980, 1, 1))
    print(f"Premier appel (lecture de l'index des noms) : {time.perf_counter() - first:.2f} s")
    search_place("x", cp="75015")  # postal table loaded outside the timings too
    exact: list[float] = []
    approx: list[float] = []
    empty = 0
    for typed, born in queries:
        t0 = time.perf_counter()
        result = search_place(typed, on=born)
        elapsed = time.perf_counter() - t0
        if not result.candidats:
            empty += 1
        target = approx if any("noms approchants" in r for r in result.remarques) else exact
        target.append(elapsed)
    everything = exact + approx
    print(f"find_place sur {len(everything)} noms saisis (graine {_SEED}) :")
    print(f"  tous          : {_percentiles(everything)}")
    if len(exact) > 1:
        print(f"  noms exacts   : {_percentiles(exact)} ({len(exact)})")
    if len(approx) > 1:
        print(f"  noms approchés: {_percentiles(approx)} ({len(approx)})")
    print(f"  sans candidat : {empty} ; débit {len(everything) / sum(everything):.0f} noms/s")
    print(f"  mémoire max (RSS) : {peak_rss_mib():.0f} Mio")
    from bench import bench_lieu_cli

    bench_lieu_cli.main(15)


if __name__ == "__main__":
    if "--cli" in sys.argv[1:]:
        from bench import bench_lieu_cli

        bench_lieu_cli.main(15)
    else:
        main(int(sys.argv[1]) if len(sys.argv) > 1 else 5000)
