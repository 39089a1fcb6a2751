"""The written form of a matricule INS: compaction (MI01), grouping, masking, MI01 errors.

Split from :mod:`insvigil.identifiers.matricule`, which re-exports :data:`LENGTH`,
:func:`compact`, :func:`format` and :func:`mask`. :func:`structure_ok`, :func:`format_error` and
:func:`length_error` are the MI01 checks and errors :mod:`~insvigil.identifiers.matricule_validate`
builds on; like every error here, they show only :func:`mask`'s form of a value.
"""

from __future__ import annotations

from insvigil.errors import InvalidFormat, InvalidLength

__all__ = [
    "LENGTH",
    "OVERSEAS",
    "compact",
    "format",
    "format_error",
    "length_error",
    "mask",
    "require_str",
    "structure_ok",
]

LENGTH = 15
_CORSICA = frozenset({"2A", "2B"})
OVERSEAS = ("97", "98")  # 3-character department codes (98x: COG practice, not verified)
_SEPARATORS = (" ", ".", "\t", "\u00a0", "\u202f")  # space, dot, tab, (narrow) no-break space
_MASK_CAP = 32  # beyond this length, mask() shortens its stars so logs stay readable


def compact(raw: str) -> str:
    """MI01: drop spaces, dots, tabs and no-break spaces, upper-case.

    Anything but a ``str`` raises :class:`InvalidFormat` (code ``MI01``): bytes or numbers are
    never guessed at (a matricule held in an ``int`` has lost its ``2A``/``2B`` anyway).

    >>> compact(' 2 83 05 2a.004.123 07\\t')
    '283052A00412307'
    >>> compact(283052)
    Traceback (most recent call last):
        ...
    insvigil.errors.InvalidFormat: le matricule doit être une chaîne de caractères (reçu : int)
    """
    require_str(raw)
    for sep in _SEPARATORS:
        raw = raw.replace(sep, "")
    return raw.upper()


def require_str(value: object) -> None:
    """MI01: raise :class:`InvalidFormat` unless ``value`` is a ``str``."""
    if not isinstance(value, str):
        raise InvalidFormat(
            f"le matricule doit être une chaîne de caractères (reçu : {type(value).__name__})",
            code="MI01",
        )


def structure_ok(value: str) -> bool:
    """Digits everywhere except positions 6-7, which may also hold ``2A``/``2B``."""
    if not value.isascii():
        return False
    return value.isdigit() or (
        value[:5].isdigit() and value[5:7] in _CORSICA and value[7:].isdigit()
    )


def format_error(value: str) -> InvalidFormat:
    """The precise MI01 error for a value whose structure is wrong (positions only, no data)."""
    corsica = value[5:7] in _CORSICA
    for index, char in enumerate(value, start=1):
        if "0" <= char <= "9" or (corsica and index in (6, 7)):
            continue
        where = " (deux chiffres, « 2A » ou « 2B » en positions 6-7)" if index in (6, 7) else ""
        return InvalidFormat(
            f"caractère non numérique en position {index} du matricule {mask(value)}{where} (MI01)",
            code="MI01",
        )
    return InvalidFormat(f"format incorrect (MI01) : {mask(value)}", code="MI01")  # unreachable


def length_error(value: str) -> InvalidLength:
    shown = f" ({mask(value)})" if value else ""
    return InvalidLength(
        f"longueur incorrecte (MI01) : {len(value)} caractère(s) au lieu de {LENGTH}{shown}",
        code="MI01",
    )


def format(raw: str, separator: str = " ") -> str:  # shadows the builtin: stdnum verb
    """Group a matricule as ``2 83 05 2A 004 123 07`` (overseas: ``… 974 11 …``).

    Only the length is checked (the key is not), so that an INSi value with a wrong key can
    still be shown to a referent; raises :class:`InvalidLength` when the compact form is not
    15 characters long.

    >>> format('246012000411885', separator='.'), format('201079741101237')
    ('2.46.01.20.004.118.85', '2 01 07 974 11 012 37')
    """
    n = compact(raw)
    if len(n) != LENGTH:
        raise length_error(n)
    cut = 8 if n[5:7] in OVERSEAS else 7  # 974 11, as Parts.departement/commune
    return separator.join((n[:1], n[1:3], n[3:5], n[5:cut], n[cut:10], n[10:13], n[13:]))


def mask(raw: object) -> str:
    """A masked form for logs, errors and output files; never raises.

    The value is compacted first (MI01). Then, for ``n`` characters:

    * 15 characters (a matricule's length): first character, 12 stars, the 2-character key;
    * any other ``n >= 9``: first character, ``n - 3`` stars, last two characters;
    * ``3 <= n < 9``: first character, then stars; ``0 < n < 3``: stars only; ``""`` if empty;
    * beyond 32 characters the stars are cut to 12 and followed by ``…`` (log-friendly);
    * a revealed character that is not an ASCII letter or digit is shown as a star
      (no control characters or emoji reach a log line);
    * anything but a ``str`` (None, bytes, int…) gives ``"***"``.

    So at most the first character and the last two are shown, never more than a third.

    >>> mask('283052A00412345'), mask('2830'), mask('28'), mask(None), mask('')
    ('2************45', '2***', '**', '***', '')
    >>> mask('9' * 10_000)
    '9************…99'
    """
    if not isinstance(raw, str):
        return "***"
    value = compact(raw)
    n = len(value)
    if n == 0:
        return ""
    if n < 3:
        return "*" * n
    head = _shown(value[0])
    if n < 9:
        return head + "*" * (n - 1)
    tail = _shown(value[-2]) + _shown(value[-1])
    stars = "*" * (n - 3) if n <= _MASK_CAP else "*" * 12 + "…"
    return head + stars + tail


def _shown(char: str) -> str:
    return char if char.isascii() and char.isalnum() else "*"
