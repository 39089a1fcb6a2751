"""Matricule INS: the NIR, or the NIA that shares its format (domain.md §2.1, MI01-MI03).

Fifteen characters: sex (1), year (2), month (2), place (5, ``2A``/``2B`` allowed at positions
6-7 for Corsica), order number (3), then a two-digit key, 97 − (N mod 97) with ``2A``→19 and
``2B``→18. The key is computed by :func:`stdnum.fr.nir.calc_check_digits`; this module adds what
INS needs: precise French errors with their rule code, masking, parts and synthetic values.
Only the OID tells a NIR from a NIA (see :mod:`insvigil.identifiers.oid`).

Errors never carry the full matricule, only :func:`mask`'s form. Checks run in this order, the
first failure wins: length and characters (MI01), first digit (MI03), key (MI02).

All values below are synthetic.

>>> validate('2 83 05 2A 004 123 45')
Traceback (most recent call last):
    ...
insvigil.errors.InvalidChecksum: clé de contrôle incorrecte (MI02) : 2************45
>>> format('283052a00412307'), mask('2 83 05 2A 004 123 07')
('2 83 05 2A 004 123 07', '2************07')
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from stdnum.fr.nir import calc_check_digits

from insvigil.errors import InvalidChecksum, InvalidComponent, InvalidFormat, InvalidLength

__all__ = [
    "LENGTH",
    "Parts",
    "calc_key",
    "compact",
    "format",
    "is_valid",
    "make",
    "mask",
    "parts",
    "random_matricule",
    "validate",
]

LENGTH = 15
_CORSICA = frozenset({"2A", "2B"})
_OVERSEAS = ("97", "98")  # 3-character department codes (98x: COG practice, not verified)
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
    _require_str(raw)
    for sep in _SEPARATORS:
        raw = raw.replace(sep, "")
    return raw.upper()


def _require_str(value: object) -> None:
    if not isinstance(value, str):
        raise InvalidFormat(
            f"le matricule doit être une chaîne de caractères (reçu : {type(value).__name__})",
            code="MI01",
        )


def calc_key(body: str) -> str:
    """MI02: the two-digit key of the first 13 characters (wraps ``stdnum.fr.nir``).

    >>> calc_key('283052A004123')
    '07'
    >>> calc_key('2830')
    Traceback (most recent call last):
        ...
    insvigil.errors.InvalidLength: il faut au moins 13 caractères pour calculer la clé (reçu : 4)
    """
    _require_str(body)
    if len(body) < LENGTH - 2:
        raise InvalidLength(
            f"il faut au moins 13 caractères pour calculer la clé (reçu : {len(body)})", code="MI01"
        )
    body = body[: LENGTH - 2]
    if not _structure_ok(body):
        raise _format_error(body)
    return str(calc_check_digits(body))


def _structure_ok(value: str) -> bool:
    """Digits everywhere except positions 6-7, which may also hold ``2A``/``2B``."""
    if not value.isascii():
        return False
    return value.isdigit() or (
        value[:5].isdigit() and value[5:7] in _CORSICA and value[7:].isdigit()
    )


def _format_error(value: str) -> InvalidFormat:
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


def _length_error(value: str) -> InvalidLength:
    shown = f" ({mask(value)})" if value else ""
    return InvalidLength(
        f"longueur incorrecte (MI01) : {len(value)} caractère(s) au lieu de {LENGTH}{shown}",
        code="MI01",
    )


def validate(raw: str) -> str:
    """Return the canonical 15-character matricule or raise an :class:`InvalidValue`.

    Months 00 and 13-99 are accepted here (unknown month, domain.md §2.1); only the coherence
    check with the traits (MI04) interprets them.

    >>> validate('1 85 03 99 350 071 49')
    '185039935007149'
    >>> validate('2830')
    Traceback (most recent call last):
        ...
    insvigil.errors.InvalidLength: longueur incorrecte (MI01) : 4 caractère(s) au lieu de 15 (2***)
    >>> validate('783052A00412307')
    Traceback (most recent call last):
        ...
    insvigil.errors.InvalidComponent: premier chiffre 7 (numéro provisoire de sécurité sociale) : \
1 ou 2 attendu (MI03) : 7************07
    >>> validate('2830X2A00412307')
    Traceback (most recent call last):
        ...
    insvigil.errors.InvalidFormat: caractère non numérique en position 5 du matricule \
2************07 (MI01)
    """
    if type(raw) is str and len(raw) == LENGTH and raw.isdigit() and raw.isascii():
        number = raw  # fast path: already compact, 15 ASCII digits
    else:
        number = compact(raw)
        if len(number) != LENGTH:
            raise _length_error(number)
        if not _structure_ok(number):
            raise _format_error(number)
    first = number[0]
    if first != "1" and first != "2":
        why = " (numéro provisoire de sécurité sociale)" if first in "78" else ""
        raise InvalidComponent(
            f"premier chiffre {first}{why} : 1 ou 2 attendu (MI03) : {mask(number)}",
            code="MI03",
        )
    if calc_check_digits(number) != number[13:]:
        raise InvalidChecksum(f"clé de contrôle incorrecte (MI02) : {mask(number)}", code="MI02")
    return number


def is_valid(raw: object) -> bool:
    """Whether ``raw`` is a valid matricule; never raises, whatever it is given.

    >>> is_valid('2 46 01 20 004 118 85'), is_valid(b'246012000411885'), is_valid('2A' * 10)
    (True, False, False)
    """
    if not isinstance(raw, str):
        return False
    try:
        validate(raw)
    except ValueError:  # every InvalidValue is a ValueError
        return False
    return True


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
        raise _length_error(n)
    cut = 8 if n[5:7] in _OVERSEAS else 7  # 974 11, as Parts.departement/commune
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


@dataclass(frozen=True, slots=True)
class Parts:
    """The raw components of a canonical matricule (no interpretation).

    ``lieu`` keeps positions 6-10 as written. :attr:`departement` and :attr:`commune` split it:
    2 + 3 characters (``2A004`` → ``2A`` + ``004``; ``99350`` → ``99`` + country code ``350``),
    except overseas codes starting with ``97``/``98``, split 3 + 2 (``97411`` → ``974`` + ``11``).
    """

    sexe: str
    annee: str
    mois: str
    lieu: str
    ordre: str
    cle: str

    @property
    def departement(self) -> str:
        return self.lieu[:3] if self.lieu[:2] in _OVERSEAS else self.lieu[:2]

    @property
    def commune(self) -> str:
        return self.lieu[len(self.departement) :]


def parts(canonical: str) -> Parts:
    """Split a matricule (validated first: raises :class:`InvalidValue` if it is not valid).

    >>> parts('2 83 05 2A 004 123 07')
    Parts(sexe='2', annee='83', mois='05', lieu='2A004', ordre='123', cle='07')
    """
    n = validate(canonical)
    return Parts(n[0], n[1:3], n[3:5], n[5:10], n[10:13], n[13:])


_WIDTHS = (("sexe", 1), ("annee", 2), ("mois", 2), ("lieu", 5), ("ordre", 3))


def make(sexe: str, annee: str, mois: str, lieu: str, ordre: str) -> str:
    """Build a synthetic matricule with its key, then validate it (tests, synthetic data).

    >>> make('2', '83', '05', '2A004', '123')
    '283052A00412307'
    """
    given = (sexe, annee, mois, lieu, ordre)
    for value, (name, width) in zip(given, _WIDTHS, strict=True):
        if not isinstance(value, str) or len(value) != width:
            raise InvalidLength(f"« {name} » doit avoir {width} caractère(s) (MI01)", code="MI01")
    body = compact("".join(given))
    return validate(body + calc_key(body))


def random_matricule(
    rng: random.Random,
    *,
    sexe: str | None = None,
    year: int | None = None,
    month: int | None = None,
    lieu: str | None = None,
) -> str:
    """A random valid synthetic matricule (tests and synthetic populations only).

    ``year`` may be a full year (1983) or its last two digits; ``month`` is written on two
    digits as given (so 0 or 20-99 give an "unknown month" code). Without ``lieu``: a
    metropolitan department (``2A``/``2B`` included), an overseas ``97x`` or abroad ``99xxx``.

    >>> m = random_matricule(random.Random(1), sexe='1', year=1985, month=3, lieu='99350')
    >>> m[:10], is_valid(m)
    ('1850399350', True)
    """
    s = sexe if sexe is not None else rng.choice("12")
    y = (year if year is not None else rng.randrange(100)) % 100
    m = month if month is not None else rng.randint(1, 12)
    place = lieu if lieu is not None else _random_lieu(rng)
    return make(s, f"{y:02d}", f"{m:02d}", place, f"{rng.randint(1, 999):03d}")


_METRO = tuple([f"{d:02d}" for d in range(1, 96) if d != 20] + ["2A", "2B"])


def _random_lieu(rng: random.Random) -> str:
    draw = rng.random()
    if draw < 0.8:
        return f"{rng.choice(_METRO)}{rng.randint(1, 999):03d}"
    if draw < 0.9:
        return f"97{rng.choice('123456')}{rng.randint(1, 99):02d}"
    return f"99{rng.randint(100, 999):03d}"
