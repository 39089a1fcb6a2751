"""Part files merge back into the residents file's order, whatever the cells hold."""

from __future__ import annotations

from pathlib import Path

from insvigil.io.output_csv import AtomicCsv, format_row
from insvigil.qualify.merge import merge_parts, part_line

ROWS = {
    0: [(2, ("A", "simple")), (5, ("B", 'guillemet " et ;')), (5, ("B2", "même ligne"))],
    1: [(1, ("C", "retour\nà la ligne")), (3, ("D", "chariot\r\nici")), (9, ("E", "=1+1"))],
}


def test_merge_keeps_line_order_and_every_cell(tmp_path: Path) -> None:
    for shard, rows in ROWS.items():
        with (tmp_path / f"x.{shard}.part").open("w", newline="", encoding="utf-8") as handle:
            for line, row in rows:
                handle.write(part_line(line, format_row(row)))
    merged = tmp_path / "merged.csv"
    expected = tmp_path / "expected.csv"
    with AtomicCsv(merged, ("a", "b")) as out:
        merge_parts(tmp_path, "x", 2, out)
        out.commit()
    ordered = sorted(
        (line, shard, k, row) for shard, rows in ROWS.items() for k, (line, row) in enumerate(rows)
    )
    with AtomicCsv(expected, ("a", "b")) as out:
        for *_, row in ordered:
            out.writerow(row)
        out.commit()
    assert merged.read_bytes() == expected.read_bytes()
    assert "retour\nà la ligne" in merged.read_text(encoding="utf-8-sig")  # quoted by csv
