#!/usr/bin/env bash
# The main job on bundled data: bootstrap, then run insvigil on the synthetic sample in examples/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/bootstrap.sh
export PATH="$root/.venv/bin:$PATH"
out="${1:-insvigil-out}"
if [ -f examples/residents.csv ]; then
    insvigil qualify examples/residents.csv --insi examples/insi.jsonl --insi examples/insi_xml \
        --out "$out"
else
    echo "== Vérification de matricules INS (données synthétiques)"
    insvigil check-ins "2 83 05 2A 004 123 07" --oid 1.2.250.1.213.1.4.8 --sexe F --ddn 1983-05-12 --lieu 2A004
    insvigil check-ins "2 83 05 2A 004 123 45"
    insvigil check-ins "1 85 03 99 350 071 49" --sexe F --ddn 1985-03-02 --lieu 99350
fi
