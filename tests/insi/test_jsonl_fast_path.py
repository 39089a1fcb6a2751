"""parse_line's fast path (pydantic parses the JSON text) gives what the checked path gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from insvigil.insi.jsonl import _parse_checked, parse_line

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "insi.jsonl"
ODD = [
    '{"structure": " 750000001 ", "local_id": "A1", "operation": "recherche_traits", '
    '"date": "2026-10-02T10:41:00", "cr": "01"}',
    '{"structure": "750000001", "local_id": "A1", "operation": "VERIFICATION", '
    '"date": "2026-10-02T10:41:00", "cr": "00", "extra": NaN}',
    '{"structure": "750000001", "local_id": "A1", "local_id": "A2", "operation": "VERIFICATION", '
    '"date": "2026-10-02", "cr": "02"}',
    '{"structure": "750000001"}',
    '[1, 2]',
    "{oops",
    '{"structure": "", "local_id": "A1"}',
]


@pytest.mark.parametrize("text", ODD)
def test_odd_lines(text: str) -> None:
    assert parse_line(text, "r.jsonl:1") == _parse_checked(text, "r.jsonl:1")


def test_every_line_of_the_sample() -> None:
    lines = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(lines) > 1000
    for number, text in enumerate(lines, 1):
        source = f"insi.jsonl:{number}"
        assert parse_line(text, source) == _parse_checked(text, source)
