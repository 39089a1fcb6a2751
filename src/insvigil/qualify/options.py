"""What a qualification run is asked to do (``insvigil qualify``'s options)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

__all__ = ["QualifyOptions"]


@dataclass(frozen=True)
class QualifyOptions:
    residents: Path
    insi: Sequence[Path] = ()
    out: Path = Path("insvigil-out")
    db_url: str | None = None
    rules: Path | None = None
    today: date | None = None
    #: Records saved per transaction. Bigger chunks dirty each index page fewer times: at 1M
    #: records, 20,000 instead of 5,000 cut the store's share of the run by about a sixth
    #: (the lookup and record indexes grow past what one chunk touches page by page).
    chunk_size: int = 20_000
    workers: int | None = None  # None: 2 for large inputs, else 1
    doublons: bool = True  # duplicate and collision detection across records
    #: True (``--complet``): every record evaluated again, none keeps its stored result
    #: (contract §7); the outputs are the same as an incremental run's.
    complet: bool = False
