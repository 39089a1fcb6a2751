"""Entry point of the ``insvigil`` console command."""

from __future__ import annotations

import click

import insvigil


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(insvigil.__version__, prog_name="insvigil", message="%(prog)s %(version)s")
def cli() -> None:
    """insvigil : identitovigilance et qualification de l'INS selon le RNIV."""


def main() -> None:
    cli()
