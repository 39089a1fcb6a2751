"""Turn library errors and click usage errors into one French line and the contract's exit code.

Exit codes (contract §3): 0 success; 1 the input could not be processed at all (unreadable file,
bad option); 2 internal error.
"""

from __future__ import annotations

import difflib
import os
import sys
import traceback
import warnings
from collections.abc import Callable, Iterable
from typing import NoReturn, TextIO

import click
from click.exceptions import NoArgsIsHelpError, NoSuchCommand

import insvigil
from insvigil_cli import click_fr
from insvigil_cli.masked_output import masked_streams

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_INTERNAL = 2


def fail(message: str, code: int = EXIT_INPUT) -> NoReturn:
    click.echo(f"insvigil : {insvigil.mask_matricules(message)}", err=True)
    sys.exit(code)


def _suggestion(word: str, candidates: Iterable[str]) -> str:
    """`` Vouliez-vous dire « qualify » ?`` for the closest candidate, if one is close."""
    close = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.6)
    return f". Vouliez-vous dire « {close[0]} » ?" if close else ""


def _subcommands(ctx: click.Context | None) -> list[str]:
    group = ctx.command if ctx is not None else None
    return group.list_commands(ctx) if isinstance(group, click.Group) and ctx else []


def _option_names(ctx: click.Context | None) -> list[str]:
    if ctx is None:
        return []
    return [name for p in ctx.command.get_params(ctx) for name in (*p.opts, *p.secondary_opts)]


def _hint(error: click.ClickException) -> str:
    param = getattr(error, "param", None)
    ctx = getattr(error, "ctx", None)
    hint = param.get_error_hint(ctx) if param is not None and ctx is not None else "?"
    return hint.replace("'", "").replace('"', "")


def _date_formats(param: click.Parameter | None) -> str | None:
    """``AAAA-MM-JJ`` for a click.DateTime parameter (its formats in French letters)."""
    if param is None or not isinstance(param.type, click.DateTime):
        return None
    letters = {"%Y": "AAAA", "%m": "MM", "%d": "JJ", "%H": "HH", "%M": "MM", "%S": "SS"}
    shown = []
    for fmt in param.type.formats:
        for code, word in letters.items():
            fmt = fmt.replace(code, word)
        shown.append(fmt)
    return " ou ".join(shown)


def _usage_message(error: click.UsageError) -> tuple[str, bool]:
    """The French line for a usage error, and whether to point to ``--help``."""
    if isinstance(error, NoSuchCommand):
        name = error.command_name
        advice = _suggestion(name, _subcommands(error.ctx))
        return f"commande inconnue : {name}{advice}", not advice
    if isinstance(error, NoArgsIsHelpError) or (
        error.ctx is not None
        and isinstance(error.ctx.command, click.Group)
        and error.message == click_fr.gettext("Missing command.")
    ):
        names = ", ".join(_subcommands(error.ctx))
        return f"commande manquante : choisir parmi {names}", True
    if isinstance(error, click.NoSuchOption):
        name = error.option_name
        advice = _suggestion(name, [*(error.possibilities or ()), *_option_names(error.ctx)])
        return f"option inconnue : {name}{advice}", not advice
    if isinstance(error, click.MissingParameter):
        kind = error.param_type or (error.param.param_type_name if error.param else "")
        what = (
            "option obligatoire manquante" if kind == "option" else "argument obligatoire manquant"
        )
        return f"{what} : {_hint(error)}", True
    if isinstance(error, click.BadParameter):
        formats = _date_formats(error.param)
        message = f"date attendue au format {formats}" if formats else error.message
        return f"valeur invalide pour {_hint(error)} : {message.rstrip('.')}", True
    return error.message.rstrip("."), True


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
        message, point_to_help = _usage_message(error)
        command = error.ctx.command_path if error.ctx else None
        more = f" (voir « {command} --help »)" if point_to_help and command else ""
        click.echo(f"insvigil : {message}{more}", err=True)
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
