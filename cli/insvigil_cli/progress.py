"""The progress line of a long run on a terminal's stderr: the step, a bar, a count, an estimate.

One line rewritten in place (``\\r``), at most a few times a second; nothing at all when stderr
is not a terminal (a redirected log gets only the final summary). A step without a count shows
its name and the time spent in it so far.

>>> import io
>>> out, now = io.StringIO(), [0.0]
>>> line = ProgressLine(out, enabled=True, clock=lambda: now[0], width=10)
>>> line.step("évaluation et enregistrement", 200_000)
>>> now[0] = 30.0
>>> line.advance(50_000)
>>> out.getvalue().split("\\r")[-1].rstrip()
'évaluation et enregistrement [##--------]  25 % 50 000/200 000 dossiers, reste ~1 min 30 s'
>>> line.close()
>>> out.getvalue().endswith("\\r")
True
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TextIO

from insvigil_cli.wording import plural

__all__ = ["ProgressLine", "remaining_text"]

#: Seconds between two redraws (a redraw a record would cost more than the record).
REDRAW_EVERY = 0.25
#: A time estimate is shown once this share of the count is done (earlier ones are noise).
ESTIMATE_FROM = 0.02


def _count(value: int) -> str:
    """``1 234 567``: French thousands separator (a plain space, for every terminal)."""
    return f"{value:,}".replace(",", " ")


def remaining_text(seconds: float) -> str:
    """``~45 s``, ``~3 min 10 s``, ``~1 h 05 min``: a rounded estimate of the time left.

    >>> remaining_text(44.2), remaining_text(190), remaining_text(3900)
    ('~45 s', '~3 min 10 s', '~1 h 05 min')
    """
    total = int(seconds + 0.999)
    if total < 60:
        return f"~{(total + 4) // 5 * 5} s"
    if total < 3600:
        minutes, rest = divmod(total, 60)
        rest = rest // 10 * 10
        return f"~{minutes} min {rest} s" if rest else f"~{minutes} min"
    hours, rest = divmod(total, 3600)
    return f"~{hours} h {rest // 60:02d} min"


class ProgressLine:
    """What ``insvigil qualify`` passes to the library as ``progress`` and ``steps``."""

    def __init__(
        self,
        stream: TextIO,
        *,
        enabled: bool,
        clock: Callable[[], float] = time.monotonic,
        width: int = 24,
    ) -> None:
        self._stream = stream
        self._enabled = enabled
        self._clock = clock
        self._width = width
        self._name = ""
        self._total = 0
        self._started = 0.0
        self._drawn_at = float("-inf")
        self._shown = 0  # length of the line on screen, to blank it out

    def step(self, name: str, total: int) -> None:
        """A step starts: ``total`` rows to go through, or 0 when it has no count."""
        self._name = name
        self._total = total
        self._started = self._clock()
        self._draw(self._name + "…")

    def advance(self, done: int) -> None:
        """``done`` of the current step's rows are through (redrawn now and then)."""
        now = self._clock()
        if now - self._drawn_at < REDRAW_EVERY or not self._total:
            return
        share = min(done / self._total, 1.0)
        filled = int(share * self._width)
        text = (
            f"{self._name} [{'#' * filled}{'-' * (self._width - filled)}] "
            f"{int(share * 100):3d} % {_count(done)}/{_count(self._total)} "
            f"{plural(self._total, 'dossier')}"
        )
        spent = now - self._started
        if share >= ESTIMATE_FROM and share < 1.0:
            text += f", reste {remaining_text(spent * (1 - share) / share)}"
        self._draw(text, now)

    def close(self) -> None:
        """Blank the line (the summary that follows starts at the left margin)."""
        if self._enabled and self._shown:
            self._stream.write("\r" + " " * self._shown + "\r")
            self._stream.flush()
            self._shown = 0

    def _draw(self, text: str, now: float | None = None) -> None:
        self._drawn_at = self._clock() if now is None else now
        if not self._enabled:
            return
        padding = " " * max(0, self._shown - len(text))
        self._stream.write("\r" + text + padding)
        self._stream.flush()
        self._shown = len(text)
