"""Encoding detection for input CSV files: UTF-8 (BOM or not), else Windows-1252.

The whole file is scanned once, in binary chunks (a 1,000,000-row file is ~150 MB: the scan
costs a fraction of a second and keeps no text in memory), so that a byte that is not UTF-8 on
line 900,000 cannot break a run half-way. Files holding NUL bytes (spreadsheets, archives,
UTF-16 exports, executables) are refused as not being CSV text.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from insvigil.errors import InputFileError

UTF8_BOM = codecs.BOM_UTF8
_CHUNK = 1 << 20
# Bytes Windows-1252 leaves undefined (Python's cp1252 codec refuses them); single bytes, so
# that ``in`` runs at memchr speed.
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")


@dataclass(frozen=True, slots=True)
class Detected:
    """What :func:`detect` found: the Python codec name to read with and an optional warning.

    ``codec`` is ``"utf-8-sig"`` (UTF-8 with a BOM, which the codec drops), ``"utf-8"`` or
    ``"cp1252"``.
    """

    codec: str
    warning: str | None = None


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


def _not_text(path: Path, head: bytes) -> InputFileError:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        hint = "encodé en UTF-16 ; l'enregistrer en « CSV UTF-8 »"
    elif head.startswith(b"PK\x03\x04"):
        hint = "c'est une archive ou un classeur (xlsx, ods) ; l'enregistrer au format CSV"
    else:
        hint = "contenu binaire"
    return InputFileError(f"{path} : ce n'est pas un fichier texte CSV ({hint})")


def detect(path: Path) -> Detected:
    """Decide how to decode ``path``; raise :class:`InputFileError` when it is not CSV text."""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    is_utf8 = True
    is_cp1252 = True
    head = b""
    try:
        with path.open("rb") as f:
            while chunk := f.read(_CHUNK):
                if not head:
                    head = chunk[:8]
                if b"\x00" in chunk:
                    raise _not_text(path, head)
                if is_cp1252 and any(b in chunk for b in _CP1252_UNDEFINED):
                    is_cp1252 = False
                if is_utf8:
                    try:
                        utf8.decode(chunk)
                    except UnicodeDecodeError:
                        is_utf8 = False
                if not (is_utf8 or is_cp1252):
                    break
            if is_utf8:
                try:
                    utf8.decode(b"", final=True)
                except UnicodeDecodeError:  # truncated multi-byte sequence at the very end
                    is_utf8 = False
    except OSError as exc:
        raise open_error(path, exc) from None
    if is_utf8:
        return Detected("utf-8-sig" if head.startswith(UTF8_BOM) else "utf-8")
    if not is_cp1252:
        raise _not_text(path, head)
    return Detected(
        "cp1252",
        f"{path} : le fichier n'est pas en UTF-8 valide ; il est lu comme Windows-1252 "
        "(vérifier les accents, ou l'enregistrer en « CSV UTF-8 »)",
    )
