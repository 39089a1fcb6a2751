"""Text lines of an input file, decoded line by line when it is not clean UTF-8.

A clean file (:attr:`Detected.clean`) is read as text at full speed. Any other file is read in
binary chunks cut at line ends; a chunk that decodes at once in the file's codec (the common
case) is handed over whole, and only the lines that do not decode are looked at one by one:
a line that is not UTF-8 is read as Windows-1252 (and listed); a line that is neither, or that
holds a NUL byte, is decoded as Latin-1 (so that its CSV structure is kept) and listed as a
problem, which costs its record only. A BOM at the start of any line is dropped (two exports
put end to end). Lines end at ``\\n``, ``\\r\\n`` or ``\\r``, as with ``newline=""``.
"""

from __future__ import annotations

import codecs
import io
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, TextIO

from insvigil.io.encoding import Detected

_CHUNK = 1 << 20
#: A BOM (as UTF-8, or as Windows-1252 reads its bytes) at the start of a line.
_LINE_BOM = re.compile("(^|[\r\n])(?:\ufeff|\u00ef\u00bb\u00bf)+")
_BOM_BYTES = codecs.BOM_UTF8

#: Lines of text that must be closed after use: an open text file, or a generator.
Lines = TextIO | Generator[str]

UNREADABLE = "octets illisibles, ni UTF-8 ni Windows-1252"
NUL = "caractère NUL (octet 00), contenu binaire"


@dataclass
class LineReport:
    """What reading the lines found (filled as they are read)."""

    #: Lines read as Windows-1252 in a file whose other lines are UTF-8.
    cp1252: list[int] = field(default_factory=list)
    #: Whether a line beyond ASCII was read as UTF-8.
    utf8_text: bool = False
    #: Line number -> French reason why the line cannot be used.
    problems: dict[int, str] = field(default_factory=dict)


def _breaks(data: bytes, start: int, end: int) -> int:
    """Line breaks in ``data[start:end]`` (``\\r\\n`` counts once)."""
    return (
        data.count(b"\n", start, end)
        + data.count(b"\r", start, end)
        - data.count(b"\r\n", start, end)
    )


def _line_end(data: bytes, at: int) -> int:
    """Index just after the line break ending the line that holds ``data[at]``."""
    lf = data.find(b"\n", at)
    cr = data.find(b"\r", at)
    if cr >= 0 and (lf < 0 or cr < lf):
        return cr + 2 if data.startswith(b"\n", cr + 1) else cr + 1
    return len(data) if lf < 0 else lf + 1


def _line_start(data: bytes, at: int, floor: int) -> int:
    return max(data.rfind(b"\n", floor, at), data.rfind(b"\r", floor, at), floor - 1) + 1


class _Decoder:
    def __init__(self, codec: str, report: LineReport) -> None:
        self.codec = codec
        self.fallback = codec != "cp1252"  # a UTF-8 file's odd line may be Windows-1252
        self.report = report

    def part(self, data: bytes, first_line: int) -> str:
        """``data`` (whole lines) as text; lines that do not decode are reported."""
        report = self.report
        try:
            text = str(data, self.codec)
        except UnicodeDecodeError:
            text = self._line_by_line(data, first_line)
        else:
            if not report.utf8_text and self.fallback and not text.isascii():
                report.utf8_text = True
        if "\x00" in text:
            number, counted = first_line, 0
            at = data.find(b"\x00")
            while at >= 0:
                number += _breaks(data, counted, at)
                counted = at
                report.problems.setdefault(number, NUL)
                at = data.find(b"\x00", _line_end(data, at))
        return text

    def _line_by_line(self, data: bytes, first_line: int) -> str:
        report = self.report
        view = memoryview(data)
        pieces: list[str] = []
        pos = 0
        number = first_line  # the line that starts at ``pos``
        while pos < len(data):
            try:
                pieces.append(str(view[pos:], self.codec))
                break
            except UnicodeDecodeError as error:
                bad = pos + error.start
            start = _line_start(data, bad, pos)
            end = _line_end(data, bad)
            good = str(view[pos:start], self.codec)
            if self.fallback and not good.isascii():
                report.utf8_text = True
            pieces.append(good)
            number += _breaks(data, pos, start)
            line = data[start:end]
            decoded = None
            if self.fallback:
                try:
                    decoded = line.decode("cp1252")
                    report.cp1252.append(number)
                except UnicodeDecodeError:
                    pass
            if decoded is None:  # Latin-1 decodes anything: the line keeps its structure
                decoded = line.decode("latin-1")
                report.problems[number] = UNREADABLE
            pieces.append(decoded)
            number += 1
            pos = end
        return "".join(pieces)


def _parts(handle: BinaryIO) -> Iterator[bytes]:
    """The file in pieces of whole lines (the last one may lack its line break)."""
    carry = b""
    while block := handle.read(_CHUNK):
        block = carry + block
        # The last line break; a final ``\r`` waits, it may be the first half of ``\r\n``.
        cut = max(block.rfind(b"\n"), block.rfind(b"\r", 0, len(block) - 1))
        carry = block[cut + 1 :]
        if cut >= 0:
            yield block[: cut + 1]
    if carry:
        yield carry


def text_lines(path: Path, detected: Detected, report: LineReport) -> Lines:
    """The lines of ``path`` as text, line ends kept (see the module docstring); close it.

    A clean file is the open text file itself: its lines are read in C, without a Python step
    per line (1,000,000-row files).
    """
    if detected.clean:
        return path.open(encoding=detected.codec, newline="")
    return _decoded_lines(path, _Decoder(detected.codec.removesuffix("-sig"), report))


def _decoded_lines(path: Path, decoder: _Decoder) -> Generator[str]:
    number = 1
    with path.open("rb") as f:
        for data in _parts(f):
            text = decoder.part(data, number)
            if _BOM_BYTES in data or "\u00ef\u00bb\u00bf" in text:
                text = _LINE_BOM.sub(r"\1", text)
            number += _breaks(data, 0, len(data))
            yield from io.StringIO(text, newline="")
