#!/usr/bin/env bash
# Create (once) the project's virtual environment in .venv and install the pinned packages.
# Idempotent: re-installs only when pyproject.toml or constraints.txt changed since the last run.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

find_python() {
    # INSVIGIL_PYTHON picks the interpreter (e.g. an optimised PGO/LTO build such as Debian's
    # /usr/bin/python3.11: about 9 % faster on qualify than a plain source build).
    if [ -n "${INSVIGIL_PYTHON:-}" ]; then
        if "$INSVIGIL_PYTHON" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
            command -v "$INSVIGIL_PYTHON"
            return 0
        fi
        echo "insvigil : INSVIGIL_PYTHON=$INSVIGIL_PYTHON n'est pas un Python 3.11 ou plus récent." >&2
        return 1
    fi
    for candidate in python3.11 python3.12 python3.13 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
            command -v "$candidate"
            return 0
        fi
    done
    echo "insvigil : Python 3.11 ou plus récent est nécessaire (introuvable dans le PATH)." >&2
    return 1
}

real_python() { "$1" -c 'import os, sys; print(os.path.realpath(getattr(sys, "_base_executable", sys.executable)))' 2>/dev/null; }
if [ -n "${INSVIGIL_PYTHON:-}" ] && [ -x .venv/bin/python ] &&
    [ "$(real_python .venv/bin/python)" != "$(real_python "$INSVIGIL_PYTHON")" ]; then
    echo "insvigil : .venv existe déjà avec un autre interpréteur ; INSVIGIL_PYTHON n'est pris en compte qu'à sa création (supprimer .venv pour changer)." >&2
fi
if [ ! -x .venv/bin/python ]; then
    py="$(find_python)"
    echo "insvigil : création de l'environnement virtuel .venv ($("$py" --version))" >&2
    "$py" -m venv .venv
fi

stamp=.venv/.insvigil-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ] || [ constraints.txt -nt "$stamp" ]; then
    echo "insvigil : installation des dépendances (versions figées dans constraints.txt)" >&2
    .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
    .venv/bin/python -m pip install --quiet --disable-pip-version-check \
        -c constraints.txt -e ".[dev]"
    touch "$stamp"
fi
