"""Entry point of the ``insvigil`` console command."""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

import click

import insvigil
from insvigil_cli.errors import run_cli
from insvigil_cli.help import FrenchGroup

#: Sub-command name -> (module, attribute): each module is imported only when its command runs
#: (or for the list in ``--help``), so ``insvigil lookup`` does not pay for ``qualify``.
COMMANDS: dict[str, tuple[str, str]] = {
    "audit": ("insvigil_cli.audit_cmd", "audit"),
    "check-ins": ("insvigil_cli.check_ins", "check_ins"),
    "lieu": ("insvigil_cli.lieu", "lieu"),
    "lookup": ("insvigil_cli.lookup_cmd", "lookup"),
    "qualify": ("insvigil_cli.qualify", "qualify"),
    "queue": ("insvigil_cli.queue_cmd", "queue"),
    "report": ("insvigil_cli.report_cmd", "report"),
    "rules": ("insvigil_cli.rules_cmd", "rules"),
    "serve": ("insvigil_cli.serve_cmd", "serve"),
    "synth": ("insvigil_cli.synth", "synth"),
    "users": ("insvigil_cli.users_cmd", "users"),
    "worklist": ("insvigil_cli.worklist_cmd", "worklist"),
}


class InsvigilGroup(FrenchGroup):
    """The root command: click's own errors become the contract's exit codes (1, 2), and the
    sub-commands are loaded lazily."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(set(COMMANDS) | set(self.commands))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            module, attribute = COMMANDS[cmd_name]
            command = getattr(importlib.import_module(module), attribute)
            self.add_command(command, cmd_name)
        return self.commands.get(cmd_name)

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        def entry() -> object:
            return super(InsvigilGroup, self).main(
                args, prog_name, complete_var, standalone_mode=False, **extra
            )

        if not standalone_mode:
            return entry()
        run_cli(entry)


@click.group(
    cls=InsvigilGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    subcommand_metavar="COMMANDE [ARGUMENTS]...",
)
@click.version_option(
    insvigil.__version__,
    prog_name="insvigil",
    message="%(prog)s %(version)s",
    help="Afficher la version et quitter.",
)
def cli() -> None:
    """insvigil : identitovigilance et qualification de l'INS selon le RNIV.

    \b
    Exemples :
      insvigil check-ins "2 83 05 2A 004 123 07" --sexe F --ddn 1983-05-12
      insvigil qualify residents.csv --insi insi.jsonl --out resultats/
    """



def main() -> None:
    cli.main(prog_name="insvigil")
