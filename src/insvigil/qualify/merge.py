"""Merge the shards' part files back into the residents file's order."""

from __future__ import annotations

import csv
import heapq
from collections.abc import Iterator
from pathlib import Path

from insvigil.io.output_csv import AtomicCsv


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    with path.open(newline="", encoding="utf-8") as handle:
        for row in csv.reader(handle):
            yield int(row[0]), row[1:]


def merge_parts(parts_dir: Path, name: str, shards: int, out: AtomicCsv) -> None:
    """Write the rows of ``name.<k>.part`` for every shard into ``out``, by line number.

    Each part is already in line order; rows of one line stay in their shard's order.
    """
    streams = [_rows(parts_dir / f"{name}.{k}.part") for k in range(shards)]
    for _, row in heapq.merge(*streams, key=lambda item: item[0]):
        out.writerow(row)
