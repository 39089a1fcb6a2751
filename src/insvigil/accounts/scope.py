"""Which structures an account sees, and how logins are written.

An account lists the FINESS it may see; an empty list means every structure (contract §6).
The store's queries take a :class:`Scope` and filter in SQL; nothing outside the scope is
ever read, so an id outside it answers exactly as an id that does not exist.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from insvigil.errors import InvalidValue
from insvigil.io.finess import compact

__all__ = ["Scope", "check_structure", "normalise_login"]

_LOGIN = re.compile(r"[a-z0-9][a-z0-9._@-]{1,63}")
_FINESS_SHAPE = re.compile(r"(?:\d\d|2[AB])\d{7}")


@dataclass(frozen=True, slots=True)
class Scope:
    """The structures an account may see; ``structures`` empty: all of them.

    >>> Scope(frozenset({"750000001"})).sees("750000001"), Scope(frozenset()).sees("x")
    (True, True)
    >>> Scope(frozenset({"750000001"})).sees("590000002")
    False
    """

    structures: frozenset[str]

    @classmethod
    def of(cls, structures: Iterable[str]) -> Scope:
        return cls(frozenset(s.strip() for s in structures if s.strip()))

    @classmethod
    def everything(cls) -> Scope:
        return cls(frozenset())

    @property
    def unlimited(self) -> bool:
        return not self.structures

    def sees(self, structure: str | None) -> bool:
        """Whether a record of ``structure`` is visible."""
        return self.unlimited or structure in self.structures

    def sees_any(self, *structures: str | None) -> bool:
        """Whether a queue item concerning these structures is visible: one of them suffices
        (a pair across two structures belongs to both)."""
        return self.unlimited or any(s in self.structures for s in structures if s)


def check_structure(text: str) -> str:
    """The FINESS ``text`` in compact form, for an account's scope.

    The shape is checked, not the Luhn key: a residents file may carry a structure whose key
    is wrong (kept with a warning, contract §1), and an account must be able to see it.

    >>> check_structure(" 2b0000020 ")
    '2B0000020'
    >>> check_structure("75000")
    Traceback (most recent call last):
    ...
    insvigil.errors.InvalidValue: structure invalide : « 75000 » (FINESS de 9 caractères attendu)
    """
    value = compact(text)
    if not _FINESS_SHAPE.fullmatch(value):
        raise InvalidValue(
            f"structure invalide : « {text.strip()} » (FINESS de 9 caractères attendu)",
            "STRUCTURE",
        )
    return value


def normalise_login(text: str) -> str:
    """The login as stored: lower case, 2-64 characters of ``a-z 0-9 . _ @ -``.

    >>> normalise_login("  M.Durand ")
    'm.durand'
    >>> normalise_login("x y")
    Traceback (most recent call last):
    ...
    insvigil.errors.InvalidValue: identifiant invalide : 2 à 64 caractères a-z 0-9 . _ @ -
    """
    login = text.strip().lower()
    if not _LOGIN.fullmatch(login):
        raise InvalidValue(
            "identifiant invalide : 2 à 64 caractères a-z 0-9 . _ @ -",
            "IDENTIFIANT",
        )
    return login
