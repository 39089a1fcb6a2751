"""Click command classes whose help screens are in French."""

from __future__ import annotations

from typing import Any

import click

from insvigil_cli.masked_output import help_screen

HELP_TEXT = "Afficher cette aide et quitter."


class FrenchFormatter(click.HelpFormatter):
    """Headings with French punctuation: ``Options :``."""

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading} :\n")


class FrenchContext(click.Context):
    formatter_class = FrenchFormatter


class _French(click.Command):
    """Usage line, options heading and help option in French (shared by commands and groups)."""

    context_class = FrenchContext

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = HELP_TEXT
        return option

    def get_help(self, ctx: click.Context) -> str:
        # The program's own text: its example matricules are not masked (masked_output).
        return help_screen(super().get_help(ctx))

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix="Utilisation : ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [
            r
            for p in self.get_params(ctx)
            if isinstance(p, click.Option) and (r := p.get_help_record(ctx)) is not None
        ]
        if rows:
            with formatter.section("Options"):
                formatter.write_dl(rows)


class FrenchCommand(_French):
    """A command whose usage, headings and help option are written in French."""


class FrenchGroup(_French, click.Group):
    """A group of sub-commands with French help; its sub-commands are French too."""

    command_class = FrenchCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("subcommand_metavar", "COMMANDE [ARGUMENTS]...")
        super().__init__(*args, **kwargs)

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        super().format_options(ctx, formatter)
        commands = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                commands.append((name, command.get_short_help_str(limit=70)))
        if commands:
            with formatter.section("Commandes"):
                formatter.write_dl(commands)


FrenchGroup.group_class = FrenchGroup
