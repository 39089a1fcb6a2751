"""Merge the shards' part files back into the residents file's order.

A part file holds one output row a line: the residents line number, a tab, a flag and the row
as the output file will hold it (formatted by the worker, so that the merge only copies text).
Flag ``R``: the text follows as it is; flag ``J``: the text is a JSON string, for the rare row
whose cells hold a line break (a quoted cell may), so that a part line is always one line.

>>> part_line(12, "A;B\\n")
'12\\tRA;B\\n'
>>> _unpack(part_line(3, 'A;"x\\ny"\\n'))
(3, 'A;"x\\ny"\\n')
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterator
from pathlib import Path

from insvigil.io.output_csv import AtomicCsv


def part_line(line: int, text: str) -> str:
    """One part-file line for the output ``text`` (ending with ``\\n``) of residents ``line``."""
    if "\n" in text[:-1] or "\r" in text:
        return f"{line}\tJ{json.dumps(text)}\n"
    return f"{line}\tR{text}"


def _unpack(raw: str) -> tuple[int, str]:
    line, _, rest = raw.partition("\t")
    if rest[0] == "J":
        return int(line), str(json.loads(rest[1:]))
    return int(line), rest[1:]


def _rows(path: Path) -> Iterator[tuple[int, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        for raw in handle:
            yield _unpack(raw)


def merge_parts(parts_dir: Path, name: str, shards: int, out: AtomicCsv) -> None:
    """Write the rows of ``name.<k>.part`` for every shard into ``out``, by line number.

    Each part is already in line order; rows of one line stay in their shard's order.
    """
    streams = [_rows(parts_dir / f"{name}.{k}.part") for k in range(shards)]
    write = out.write_formatted
    for _, text in heapq.merge(*streams, key=lambda item: item[0]):
        write(text)
