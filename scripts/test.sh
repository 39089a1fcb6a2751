#!/usr/bin/env bash
# The whole test suite: quality gates (ruff, mypy --strict, import contracts) then pytest with
# doctests, on SQLite and on a throw-away PostgreSQL server. Extra arguments go to pytest.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
bash scripts/bootstrap.sh
export PATH="$root/.venv/bin:$PATH"

echo "== ruff" >&2
ruff check src cli web tests bench reference/insee_communes
echo "== mypy --strict" >&2
mypy
echo "== import-linter" >&2
lint-imports

pgdir=""
cleanup() { [ -n "$pgdir" ] && bash scripts/pg.sh stop "$pgdir" || true; }
trap cleanup EXIT
if [ -z "${INSVIGIL_TEST_PG_URL:-}" ]; then
    read -r url pgdir < <(bash scripts/pg.sh start)
    export INSVIGIL_TEST_PG_URL="$url"
fi

if ! command -v chromium >/dev/null 2>&1; then
    echo "insvigil : installation de Chromium (paquet Debian, test du rapport HTML)" >&2
    if [ "$(id -u)" = 0 ]; then
        apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
    else
        sudo apt-get update -qq >&2 && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
    fi
fi

echo "== pytest" >&2
python -m pytest "$@"
