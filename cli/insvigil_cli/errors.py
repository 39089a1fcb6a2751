"""Turn library errors and click usage errors into one French line and the contract's exit code.

Exit codes (contract §3): 0 success; 1 the input could not be processed at all (unreadable file,
bad option); 2 internal error.
"""

from __future__ import annotations

import os
import sys
import traceback
import warnings
from collections.abc import Callable
from typing import NoReturn, TextIO

import click

import insvigil
from insvigil_cli.masked_output import masked_streams

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_INTERNAL = 2


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    click.echo(f"insvigil : {insvigil.mask_matricules(message)}", err=True)
    sys.exit(code)


def _usage_message(error: click.UsageError) -> str:
    if isinstance(error, click.NoSuchOption):
        return f"option inconnue : {error.option_name}"
    if isinstance(error, click.MissingParameter):
        name = error.param.get_error_hint(error.ctx) if error.param and error.ctx else "?"
        return f"paramètre obligatoire manquant : {name.replace(chr(39), '')}"
    if isinstance(error, click.BadParameter):
        name = error.param.get_error_hint(error.ctx) if error.param and error.ctx else ""
        name = name.replace("'", "")
        return f"valeur invalide pour {name} : {error.message}"
    if isinstance(error, click.BadOptionUsage):
        return f"usage incorrect de {error.option_name} : {error.message}"
    return f"usage incorrect : {error.message}"


def run_cli(entry: Callable[[], object]) -> NoReturn:
    """Run a click entry point (called with ``standalone_mode=False``) with the contract's
    error handling: one French line on stderr and the documented exit code. Whatever the
    command prints goes through :func:`insvigil.mask_matricules` (see ``masked_output``)."""
    with masked_streams(), warnings.catch_warnings():
        warnings.showwarning = _show_warning
        _run(entry)


def _show_warning(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: TextIO | None = None,
    line: str | None = None,
) -> None:
    """The library's own warnings (a store file made owner-only…) as one French line;
    any other warning as Python shows it."""
    if category.__module__.startswith("insvigil."):
        click.echo(f"insvigil : attention : {insvigil.mask_matricules(str(message))}", err=True)
        return
    (file or sys.stderr).write(warnings.formatwarning(message, category, filename, lineno, line))


def _run(entry: Callable[[], object]) -> NoReturn:
    try:
        result = entry()
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.Abort:
        fail("interrompu", EXIT_INPUT)
    except click.UsageError as error:
        command = error.ctx.command_path if error.ctx else "insvigil"
        click.echo(f"insvigil : {_usage_message(error)} (voir « {command} --help »)", err=True)
        sys.exit(EXIT_INPUT)
    except insvigil.InsvigilError as error:
        fail(error.message, EXIT_INPUT)
    except KeyboardInterrupt:
        fail("interrompu par l'utilisateur", EXIT_INPUT)
    except BrokenPipeError:
        sys.exit(EXIT_OK)
    except Exception as error:
        if os.environ.get("INSVIGIL_DEBUG"):
            traceback.print_exc()
        fail(
            f"erreur interne ({type(error).__name__}) ; "
            "relancer avec INSVIGIL_DEBUG=1 pour le détail",
            EXIT_INTERNAL,
        )
    sys.exit(result if isinstance(result, int) else EXIT_OK)
