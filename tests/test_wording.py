"""The plural helper of the commands' summaries (French: 0 and 1 take the singular)."""

from __future__ import annotations

import pytest

from insvigil_cli.wording import plural


@pytest.mark.parametrize(
    ("count", "expected"),
    [(0, "structure"), (1, "structure"), (2, "structures"), (10, "structures")],
)
def test_plural_agrees_with_the_count(count: int, expected: str) -> None:
    assert plural(count, "structure") == expected


def test_irregular_plural() -> None:
    assert plural(1, "dossier synthétique", "dossiers synthétiques") == "dossier synthétique"
    assert plural(3, "dossier synthétique", "dossiers synthétiques") == "dossiers synthétiques"
