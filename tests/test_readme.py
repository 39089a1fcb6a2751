"""The README's command table lists every command of ``insvigil`` (and nothing else)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from insvigil_cli.main import cli

README = Path(__file__).resolve().parent.parent / "README.md"


def table_commands() -> set[str]:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Commandes", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `insvigil ")]
    return {name for row in rows for name in re.findall(r"`insvigil ([a-z-]+)", row)}


def test_the_command_table_lists_every_command() -> None:
    assert table_commands() == set(cli.list_commands(click.Context(cli)))
