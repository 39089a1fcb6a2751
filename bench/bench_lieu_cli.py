"""``insvigil lieu`` at the admission desk: the whole command, one new interpreter per call.

The budget is the same as ``lookup``'s: a median of 300 ms or less for the whole process,
start-up included. Each case (a typical query, a bad date, ``--json``, ``--cp``, an
approximate name) runs ``RUNS`` times after one warm-up; the wall time (``time.perf_counter``
around ``subprocess.run``) and the child's CPU time (``resource.getrusage``) are printed as
min / median / max, beside ``insvigil --version`` (the interpreter and click alone). The
sources are byte-compiled first, as an installed wheel is. The probe says which data files
and heavy modules each case loaded. No assertion: figures only; on a busy machine the wall
times grow, the CPU times much less.

Usage: ``python -m bench.bench_lieu_cli [RUNS]`` (default 15), or ``./scripts/bench.sh lieu``.
"""

from __future__ import annotations

import compileall
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_SCRIPT = Path(sys.executable).with_name("insvigil")
CLI = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "insvigil_cli"]
BUDGET_MS = 300.0

CASES: list[tuple[str, list[str]]] = [
    ("version (plancher)", ["--version"]),
    ("requête typique", ["lieu", "st etienne", "--ddn", "1980-05-12"]),
    ("date invalide", ["lieu", "st etienne", "--ddn", "1980-13-45"]),
    ("--json", ["lieu", "st etienne", "--ddn", "1980-05-12", "--json"]),
    ("--cp", ["lieu", "Saint-Denis", "--cp", "97400", "--ddn", "12/05/1983"]),
    ("nom approchant", ["lieu", "Bordaux", "--ddn", "1980-05-12"]),
]

_PROBE = """
import json, sys
opened = []
sys.addaudithook(lambda e, a: opened.append(str(a[0])) if e == "open" else None)
from insvigil_cli.main import cli
try:
    cli.main(sys.argv[1:], prog_name="insvigil")
except SystemExit:
    pass
data = sorted({p.rsplit("/", 1)[-1] for p in opened if "/reference/data/" in p})
heavy = sorted({m.split(".")[0] for m in sys.modules} & {"rapidfuzz", "unidecode", "sqlalchemy"})
print(json.dumps([data, heavy]), file=sys.stderr)
"""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _run(args: list[str]) -> tuple[float, float, int]:
    """Wall and CPU milliseconds of one call, and its exit code."""
    cpu0, wall0 = _children_cpu(), time.perf_counter()
    done = subprocess.run([*CLI, *args], capture_output=True, check=False)
    wall = (time.perf_counter() - wall0) * 1000
    return wall, (_children_cpu() - cpu0) * 1000, done.returncode


def _probe(args: list[str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, check=False
    )
    try:
        data, heavy = json.loads(done.stderr.strip().splitlines()[-1])
    except (IndexError, ValueError):
        return "sonde en échec"
    loaded = ", ".join(data) or "aucune"
    return f"données lues : {loaded} ; modules lourds : {', '.join(heavy) or 'aucun'}"


def _figures(values: list[float]) -> str:
    return f"{min(values):5.0f} / {statistics.median(values):5.0f} / {max(values):5.0f}"


def main(runs: int) -> None:
    compileall.compile_dir(ROOT / "src", quiet=1)
    compileall.compile_dir(ROOT / "cli", quiet=1)
    print(f"insvigil lieu, processus entier ({' '.join(CLI)}), {runs} appels par cas ;")
    print(f"budget : médiane du temps mur <= {BUDGET_MS:.0f} ms (comme lookup)")
    print(f"  {'cas':<20} {'mur ms min / méd / max':>24}   {'CPU ms min / méd / max':>24}  code")
    floor = 0.0
    for label, args in CASES:
        _run(args)  # warm-up: page cache, byte code
        walls, cpus, codes = [], [], set()
        for _ in range(runs):
            wall, cpu, code = _run(args)
            walls.append(wall)
            cpus.append(cpu)
            codes.add(code)
        floor = floor or statistics.median(walls)
        print(
            f"  {label:<20} {_figures(walls):>24}   {_figures(cpus):>24}  "
            f"{','.join(map(str, sorted(codes)))}"
        )
        if args[0] == "lieu":
            print(f"  {'':<20} {_probe(args)}")
    if floor > BUDGET_MS / 2:
        print(
            f"machine chargée : --version seul prend {floor:.0f} ms (médiane) ; "
            "les temps CPU sont plus parlants que les temps mur."
        )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15)
