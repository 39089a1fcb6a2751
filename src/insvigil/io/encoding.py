"""Encoding detection for input CSV files: UTF-8 (BOM or not), Windows-1252, or both, line by line.

The whole file is scanned once, in binary chunks (a 1,000,000-row file is ~150 MB: the scan
costs a fraction of a second and keeps no text in memory), so that a byte that is not UTF-8 on
line 900,000 cannot break a run half-way. What the scan finds decides how the file is read
(:mod:`insvigil.io._lines`):

- valid UTF-8 throughout, no NUL byte, no BOM after the start: read as text at full speed;
- otherwise it is read in binary chunks and the encoding is decided LINE BY LINE: a line that is
  valid UTF-8 is UTF-8, another one is Windows-1252 (reported); a line that is neither, or holds
  a NUL byte, costs that line only (a reject), never the file.

A file that is not CSV text at all is refused as a whole. "Binary" is decided on the head of
the file only (:func:`binary_hint`): a known magic number (zip/xlsx/ods, old xls, PDF, images,
gzip, executables), a UTF-16/UTF-32 byte order mark, or more than 10 % of NUL and control bytes
in the first KiB (UTF-16 without BOM has one NUL every other byte; a CSV file has none, and a
stray NUL or two in a cell stays far below). A few bad bytes further on are a line's problem.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from insvigil.errors import InputFileError

UTF8_BOM = codecs.BOM_UTF8
_CHUNK = 1 << 20
# Bytes Windows-1252 leaves undefined (Python's cp1252 codec refuses them); single bytes, so
# that ``in`` runs at memchr speed.
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")
#: A multi-byte UTF-8 sequence (lead byte then continuation bytes). A file that is not valid
#: UTF-8 but holds none of these is Windows-1252 throughout: no line can be UTF-8 text beyond
#: ASCII, so it is read as a whole, at full speed, as it always was.
_UTF8_SEQUENCE = re.compile(rb"[\xc2-\xf4][\x80-\xbf]")
#: How much of the head the binary heuristic looks at, and the share of NUL/control bytes in it
#: from which the file is binary.
HEAD_SIZE = 1024
_BINARY_SHARE = 0.10
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "c'est une archive ou un classeur (xlsx, ods) ; l'enregistrer au format CSV"),
    (b"\xd0\xcf\x11\xe0", "c'est un classeur Excel (xls) ; l'enregistrer au format CSV"),
    (b"%PDF", "c'est un document PDF"),
    (b"\x89PNG", "c'est une image"),
    (b"\xff\xd8\xff", "c'est une image"),
    (b"GIF8", "c'est une image"),
    (b"\x1f\x8b", "c'est une archive compressée (gzip)"),
    (b"7z\xbc\xaf", "c'est une archive compressée (7z)"),
    (b"Rar!", "c'est une archive compressée (rar)"),
    (b"\x7fELF", "c'est un programme"),
    (b"MZ", "c'est un programme"),
)
_UTF16_HINT = "encodé en UTF-16 ; l'enregistrer en « CSV UTF-8 »"
# Control bytes that text files do hold (tab, line feed, form feed, carriage return).
_TEXT_CONTROLS = frozenset(b"\t\n\x0c\r")


@dataclass(frozen=True, slots=True)
class Detected:
    """What :func:`detect` found.

    ``codec`` is ``"utf-8-sig"`` (UTF-8 with a BOM, which the codec drops), ``"utf-8"`` or
    ``"cp1252"``: the encoding of the file as a whole, and the first one tried on each line.
    ``clean`` True: the file can be read as text with ``codec`` at once (no NUL byte, no BOM
    but at the start, every line in ``codec``); False: it is read line by line
    (:func:`insvigil.io._lines.text_lines`), ``codec`` first and Windows-1252 for a line that
    is not UTF-8. ``warning`` is set when the file is Windows-1252 throughout.
    """

    codec: str
    warning: str | None = None
    clean: bool = True


def open_error(path: Path, exc: OSError) -> InputFileError:
    """Turn an :class:`OSError` on ``path`` into one French line."""
    if isinstance(exc, FileNotFoundError):
        why = "fichier introuvable"
    elif isinstance(exc, IsADirectoryError):
        why = "c'est un dossier, un fichier CSV est attendu"
    elif isinstance(exc, PermissionError):
        why = "lecture refusée (droits insuffisants)"
    else:
        why = f"fichier illisible ({exc.strerror or type(exc).__name__})"
    return InputFileError(f"{path} : {why}")


def binary_hint(head: bytes) -> str | None:
    """Why the file whose first bytes are ``head`` is not CSV text, or None when it may be.

    >>> binary_hint(b"PK\\x03\\x04\\x14\\x00")[:25]
    "c'est une archive ou un c"
    >>> binary_hint("structure;local_id".encode("utf-16-le"))
    "encodé en UTF-16 ; l'enregistrer en « CSV UTF-8 »"
    >>> binary_hint(b"structure;local_id\\nA;B\\x00\\n") is None
    True
    """
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "encodé en UTF-32 ; l'enregistrer en « CSV UTF-8 »"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _UTF16_HINT
    for magic, hint in _MAGIC:
        if head.startswith(magic):
            return hint
    sample = head[:HEAD_SIZE]
    if not sample:
        return None
    nuls = sample.count(0)
    controls = sum(1 for byte in sample if (byte < 0x20 or byte == 0x7F)) - sum(
        sample.count(byte) for byte in _TEXT_CONTROLS
    )
    if controls <= len(sample) * _BINARY_SHARE:
        return None
    if nuls >= len(sample) * 0.3 and min(sample[0::2].count(0), sample[1::2].count(0)) < 2:
        return _UTF16_HINT  # ASCII text in UTF-16: a NUL every other byte, on one side only
    return "contenu binaire"


def _not_text(path: Path, hint: str) -> InputFileError:
    return InputFileError(f"{path} : ce n'est pas un fichier texte CSV ({hint})")


def cp1252_warning(path: Path) -> str:
    """The warning of a file read as Windows-1252 throughout (contract §1)."""
    return (
        f"{path} : le fichier n'est pas en UTF-8 valide ; il est lu comme Windows-1252 "
        "(vérifier les accents, ou l'enregistrer en « CSV UTF-8 »)"
    )


def detect(path: Path) -> Detected:
    """Decide how to decode ``path``; raise :class:`InputFileError` when it is not CSV text."""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    is_utf8 = True
    cp1252_only = True  # no byte Windows-1252 leaves undefined
    has_sequence = False  # a multi-byte UTF-8 sequence somewhere (see _UTF8_SEQUENCE)
    special = False  # a NUL byte, or a BOM after the start
    head = b""
    tail = b""
    try:
        with path.open("rb") as f:
            while chunk := f.read(_CHUNK):
                body = chunk  # the chunk without the file's own BOM
                if not head:
                    head = chunk[:HEAD_SIZE]
                    hint = binary_hint(head)
                    if hint is not None:
                        raise _not_text(path, hint)
                    body = chunk.removeprefix(UTF8_BOM)
                if not special and (
                    b"\x00" in chunk
                    or (b"\xef" in body and UTF8_BOM in body)  # memchr first: 20 times faster
                    or UTF8_BOM in tail + chunk[:2]
                ):
                    special = True
                if cp1252_only and any(b in chunk for b in _CP1252_UNDEFINED):
                    cp1252_only = False
                if is_utf8:
                    try:
                        utf8.decode(chunk)
                    except UnicodeDecodeError:
                        is_utf8 = False
                if not has_sequence:  # valid UTF-8 beyond ASCII is made of sequences
                    has_sequence = (
                        not body.isascii()
                        if is_utf8
                        else bool(_UTF8_SEQUENCE.search(tail + body))
                    )
                tail = chunk[-2:]
            if is_utf8:
                try:
                    utf8.decode(b"", final=True)
                except UnicodeDecodeError:  # truncated multi-byte sequence at the very end
                    is_utf8 = False
    except OSError as exc:
        raise open_error(path, exc) from None
    if is_utf8:
        return Detected("utf-8-sig" if head.startswith(UTF8_BOM) else "utf-8", clean=not special)
    if has_sequence:  # UTF-8 lines and others: decided line by line, reported then
        return Detected("utf-8", clean=False)
    return Detected("cp1252", cp1252_warning(path), clean=cp1252_only and not special)
