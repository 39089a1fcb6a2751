"""Meta-test: every command and sub-command has French help with at least one example."""

from __future__ import annotations

from collections.abc import Iterator

import click
import pytest
from click.testing import CliRunner

from insvigil_cli.main import cli


def commands(group: click.Group, path: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    ctx = click.Context(group)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        assert command is not None, name
        yield (*path, name)
        if isinstance(command, click.Group):
            yield from commands(command, (*path, name))


ALL = list(commands(cli))


def test_there_are_commands() -> None:
    assert {"qualify", "check-ins", "lookup", "lieu", "queue", "report", "audit"} <= {
        path[0] for path in ALL
    }


@pytest.mark.parametrize("path", ALL, ids=" ".join)
def test_help_is_french_with_an_example(path: tuple[str, ...]) -> None:
    result = CliRunner().invoke(cli, [*path, "--help"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Utilisation : ")
    assert "Exemple" in result.output, f"{' '.join(path)} : pas d'exemple dans l'aide"
    assert "Show this message" not in result.output and "Usage:" not in result.output
