#!/usr/bin/env bash
# Benchmarks, printing figures: ./scripts/bench.sh [core|qualify|lieu|lookup|doublons|workspace|all] [N]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/bootstrap.sh
export PATH="$root/.venv/bin:$PATH"
what="${1:-all}"
n="${2:-}"
case "$what" in
core) python -m bench.bench_core ${n:+"$n"} ;;
qualify) python -m bench.bench_qualify ${n:+"$n"} ;;
lieu) python -m bench.bench_lieu ${n:+"$n"} ;;
lookup) python -m bench.bench_lookup ${n:+"$n"} ;;
doublons) python -m bench.bench_duplicates ${n:+"$n"} ;;
workspace) python -m bench.bench_workspace ${n:+--records "$n"} ;;
all)
    python -m bench.bench_core ${n:+"$n"}
    python -m bench.bench_qualify ${n:+"$n"}
    python -m bench.bench_lieu
    ;;
*) echo "usage: $0 [core|qualify|lieu|lookup|doublons|workspace|all] [N]" >&2; exit 1 ;;
esac
