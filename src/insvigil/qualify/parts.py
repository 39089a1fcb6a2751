"""A shard's part files: one per output file, rows keyed by their residents line."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from insvigil.io.output_csv import format_row
from insvigil.qualify.merge import part_line

__all__ = ["ORPHAN_LINE", "PARTS", "Parts"]

PARTS = ("identites", "discordances", "doublons", "rejets")
ORPHAN_LINE = 1 << 62  # sorts orphan INSi responses after every residents line


class Parts:
    """Part files of one shard, one row a line: the residents line number, a tab, then the
    output row already formatted (see :mod:`insvigil.qualify.merge`)."""

    FLUSH_EVERY = 4_096  # lines kept before one write (a write a line costs more than the line)

    def __init__(self, folder: Path, shard: int) -> None:
        self.files = {
            name: (folder / f"{name}.{shard}.part").open("w", newline="", encoding="utf-8")
            for name in PARTS
        }
        self.pending: dict[str, list[str]] = {name: [] for name in PARTS}

    def write(self, name: str, line: int, row: Iterable[object]) -> None:
        pending = self.pending[name]
        pending.append(part_line(line, format_row(tuple(row))))
        if len(pending) >= self.FLUSH_EVERY:
            self._flush(name)

    def _flush(self, name: str) -> None:
        self.files[name].write("".join(self.pending[name]))
        self.pending[name].clear()

    def finish(self) -> None:
        """Write what is pending (a failed shard's parts are thrown away: no need then)."""
        for name in PARTS:
            self._flush(name)

    def close(self) -> None:
        for handle in self.files.values():
            handle.close()


