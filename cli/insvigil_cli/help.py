"""Click command classes whose help screens are in French."""

from __future__ import annotations

from typing import Any

import click

HELP_TEXT = "Afficher cette aide et quitter."


def _help_option(command: click.Command, ctx: click.Context) -> click.Option | None:
    option = click.Command.get_help_option(command, ctx)
    if option is not None:
        option.help = HELP_TEXT
    return option


class FrenchCommand(click.Command):
    """A command whose usage, headings and help option are written in French."""

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _help_option(self, ctx)

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


class FrenchGroup(click.Group):
    """A group of sub-commands with French help; its sub-commands are French too."""

    command_class = FrenchCommand

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx: click.Context) -> click.Option | None:
        return _help_option(self, ctx)

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
        commands = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                commands.append((name, command.get_short_help_str(limit=70)))
        if commands:
            with formatter.section("Commandes"):
                formatter.write_dl(commands)


FrenchGroup.group_class = FrenchGroup
