"""No matricule in clear on the terminal: stdout and stderr pass through the library's masking.

While a command runs (:func:`insvigil_cli.errors.run_cli`), ``sys.stdout`` and ``sys.stderr``
are wrapped: every text written to them, by ``click.echo`` or the progress line, goes through
:func:`insvigil.mask_matricules` first. One place for every summary, warning, error, listing,
JSON document or report printed, whatever the command and whatever column a matricule was
typed in (domain.md §11).

The one exception is the contract's (§5): ``queue show`` shows one item to a referent, with
its records' full matricules; that command calls :func:`allow_full_matricules` before it
prints. Error lines stay masked even then (:func:`insvigil_cli.errors.fail` masks its own).
A help screen is the program's own text, never data: its synthetic example matricules
(``insvigil check-ins "2 83 05 2A 004 123 07"``) are shown as written
(:func:`help_screen`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

import insvigil

__all__ = ["MaskingStream", "allow_full_matricules", "help_screen", "masked_streams"]


class MaskingStream:
    """A text stream that masks matricules in what it writes, then hands it to ``inner``."""

    def __init__(self, inner: TextIO) -> None:
        self._inner = inner
        self.masking = True

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # click probes for a binary stream with write(b"")
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        mask = self.masking and text.rstrip("\n") not in _HELP_SCREENS
        self._inner.write(insvigil.mask_matricules(text) if mask else text)
        return len(text)

    def writelines(self, lines: Iterator[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self._inner.flush()

    def isatty(self) -> bool:
        return self._inner.isatty()

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:
        return getattr(self._inner, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str:
        return getattr(self._inner, "errors", None) or "strict"

    def __getattr__(self, name: str) -> Any:
        if name == "buffer":  # no way around the masking through the binary stream
            raise AttributeError(name)
        return getattr(self._inner, name)


_ACTIVE: list[MaskingStream] = []
_HELP_SCREENS: set[str] = set()


@contextmanager
def masked_streams() -> Iterator[None]:
    """Wrap ``sys.stdout`` and ``sys.stderr`` for the duration of the block."""
    out, err = sys.stdout, sys.stderr
    wrapped = [MaskingStream(out), MaskingStream(err)]
    _ACTIVE.extend(wrapped)
    sys.stdout, sys.stderr = wrapped
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
        for stream in wrapped:
            _ACTIVE.remove(stream)


def allow_full_matricules() -> None:
    """Let the current command print full matricules on stdout (``queue show`` only)."""
    for stream in _ACTIVE:
        if stream is sys.stdout:
            stream.masking = False


def help_screen(text: str) -> str:
    """Mark ``text``, a help screen built by click from the program's own docstrings, as
    printable as it is (written whole, it is not masked); returns it."""
    _HELP_SCREENS.add(text.rstrip("\n"))
    return text
