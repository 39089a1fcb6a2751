"""The lookup's pure part imports neither the store, SQLAlchemy, click nor the CLI (static
check of the import statements, wherever they are, as import-linter would do)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import insvigil.lookup

FORBIDDEN = ("sqlalchemy", "alembic", "click", "insvigil_cli", "insvigil.store")
MODULES = sorted(Path(insvigil.lookup.__file__).parent.glob("*.py"))


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_pure_modules_import_no_database_nor_cli(path: Path) -> None:
    bad = {
        name
        for name in imported(path)
        for forbidden in FORBIDDEN
        if name == forbidden or name.startswith(forbidden + ".")
    }
    assert not bad, f"{path.name} imports {sorted(bad)}"


def test_every_module_is_checked() -> None:
    assert {p.stem for p in MODULES} >= {"phonetic", "keys", "query", "rank", "alerts", "result"}
