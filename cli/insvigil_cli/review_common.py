"""What the review commands share: ``--db``, opening the store, JSON output, error lines."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import click

import insvigil
from insvigil_cli.errors import fail

F = TypeVar("F", bound=Callable[..., Any])

DB_HELP = "Base (URL SQLAlchemy) ; défaut : insvigil.db dans le dossier courant."


def db_option(func: F) -> F:
    """The ``--db URL`` option, as in ``qualify``."""
    return click.option("--db", "db_url", metavar="URL", help=DB_HELP)(func)


def out_option(func: F) -> F:
    """The ``--out FICHIER`` option of commands that write a file (default: standard output)."""
    return click.option(
        "--out",
        type=click.Path(path_type=Path, dir_okay=False),
        metavar="FICHIER",
        help="Fichier à écrire (mode 0600) ; défaut : la sortie standard.",
    )(func)


def json_option(func: F) -> F:
    return click.option(
        "--json", "as_json", is_flag=True, help="Sortie JSON (un document sur la sortie standard)."
    )(func)


class Choix(click.Choice[str]):
    """``click.Choice`` (case ignored) with a French message."""

    def __init__(self, choices: list[str]) -> None:
        super().__init__(choices, case_sensitive=False)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter:
            allowed = ", ".join(str(c) for c in self.choices)
            self.fail(f"« {value} » non permis (valeurs permises : {allowed})", param, ctx)


class Entier(click.ParamType[int, Any]):
    """An integer (``>= minimum``, ``<= maximum`` when given) with a French message."""

    name = "entier"

    def __init__(self, minimum: int | None = None, maximum: int | None = None) -> None:
        self.minimum, self.maximum = minimum, maximum

    def get_metavar(self, param: click.Parameter, ctx: click.Context) -> str:
        return "N"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> int:
        try:
            number = int(value)
        except (TypeError, ValueError):
            self.fail(f"« {value} » n'est pas un nombre entier", param, ctx)
        low = self.minimum is not None and number < self.minimum
        if low or (self.maximum is not None and number > self.maximum):
            bounds = [f"au moins {self.minimum}"] if self.minimum is not None else []
            bounds += [f"au plus {self.maximum}"] if self.maximum is not None else []
            self.fail(f"{number} : attendu {' et '.join(bounds)}", param, ctx)
        return number


def _sqlite_file(url: str | None) -> Path | None:
    """The file of a SQLite URL (``None`` for other backends or an in-memory database)."""
    raw = url or "sqlite:///insvigil.db"
    if not raw.startswith("sqlite:///"):
        return None
    name = raw[len("sqlite:///") :].split("?", 1)[0]
    return None if name in ("", ":memory:") else Path(name)


@contextmanager
def opened_store(url: str | None) -> Iterator[insvigil.Store]:
    """The store, with library errors turned into one French line (exit 1). A SQLite file that
    does not exist is refused rather than created empty."""
    path = _sqlite_file(url)
    if path is not None and not path.exists():
        fail(
            f"base de données introuvable : {path} (lancer d'abord « insvigil qualify », "
            "ou indiquer la base avec --db URL)"
        )
    with guarded(), insvigil.open_store(url) as store:
        yield store


def require_known_structure(store: insvigil.Store, structure: str | None) -> None:
    """A ``--structure`` the store has no record of ends the command: one French line, exit 1
    (an empty answer would read as "nothing to do" for a mistyped FINESS)."""
    if structure is None or insvigil.is_known_structure(store, structure):
        return
    known = insvigil.count_structures(store)
    if known == 0:
        hint = "la base ne connaît encore aucune structure : lancer d'abord « insvigil qualify »"
    else:
        hint = f"la base en connaît {known} ; vérifier le numéro FINESS"
    fail(f"structure inconnue dans la base : {insvigil.mask_matricules(structure)} ({hint})")


@contextmanager
def guarded() -> Iterator[None]:
    """Library errors become one French line on stderr and exit code 1."""
    try:
        yield
    except insvigil.InsvigilError as error:
        fail(error.message)


def echo_json(document: object) -> None:
    click.echo(json.dumps(document, ensure_ascii=False, indent=2, default=_default))


def _default(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def when(value: datetime | None) -> str:
    """``02/11/2026 14:03 UTC`` (empty for None)."""
    return "" if value is None else f"{value:%d/%m/%Y %H:%M} UTC"
