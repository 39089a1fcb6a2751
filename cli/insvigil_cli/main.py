"""Entry point of the ``insvigil`` console command."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

import insvigil
from insvigil_cli.audit_cmd import audit
from insvigil_cli.check_ins import check_ins
from insvigil_cli.errors import run_cli
from insvigil_cli.help import FrenchGroup
from insvigil_cli.lieu import lieu
from insvigil_cli.lookup_cmd import lookup
from insvigil_cli.qualify import qualify
from insvigil_cli.queue_cmd import queue
from insvigil_cli.report_cmd import report
from insvigil_cli.rules_cmd import rules
from insvigil_cli.synth import synth
from insvigil_cli.worklist_cmd import worklist


class InsvigilGroup(FrenchGroup):
    """The root command: click's own errors become the contract's exit codes (1, 2)."""

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


cli.add_command(check_ins)
cli.add_command(lieu)
cli.add_command(lookup)
cli.add_command(qualify)
cli.add_command(rules)
cli.add_command(synth)
cli.add_command(audit)
cli.add_command(queue)
cli.add_command(report)
cli.add_command(worklist)


def main() -> None:
    cli.main(prog_name="insvigil")
