"""Passwords: the policy (at least 12 characters) and Argon2id hashing.

Hashing is ``argon2-cffi``'s :class:`~argon2.PasswordHasher`, whose default is Argon2id with
RFC 9106's low-memory parameters; the parameters travel inside each hash, so a later change of
defaults still verifies old hashes (and :func:`needs_rehash` says when to re-hash).

An unknown login must cost the same time as a wrong password (no account enumeration by
timing): :func:`burn_verification` verifies against a fixed hash of a random password.
"""

from __future__ import annotations

import secrets
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

from insvigil.errors import InvalidValue

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "burn_verification",
    "check_password_policy",
    "hash_password",
    "needs_rehash",
    "verify_password",
]

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024  # hashing a megabyte would be a cheap denial of service

_HASHER = PasswordHasher()


def check_password_policy(password: str) -> None:
    """Raise :class:`InvalidValue` (French) when ``password`` may not be chosen.

    >>> check_password_policy("correct horse battery")
    >>> check_password_policy("court")
    Traceback (most recent call last):
    ...
    insvigil.errors.InvalidValue: mot de passe trop court : 12 caractères au moins (5 donnés)
    """
    if len(password) < MIN_PASSWORD_LENGTH:
        raise InvalidValue(
            f"mot de passe trop court : {MIN_PASSWORD_LENGTH} caractères au moins "
            f"({len(password)} donnés)",
            "MOT_DE_PASSE",
        )
    if len(password) > MAX_PASSWORD_LENGTH:
        raise InvalidValue(
            f"mot de passe trop long : {MAX_PASSWORD_LENGTH} caractères au plus", "MOT_DE_PASSE"
        )
    if password.strip() == "":
        raise InvalidValue("mot de passe fait uniquement d'espaces", "MOT_DE_PASSE")


def hash_password(password: str) -> str:
    """The Argon2id hash of ``password`` (policy checked first)."""
    check_password_policy(password)
    return _HASHER.hash(password)


def verify_password(stored_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``stored_hash``; a damaged hash never matches."""
    if len(password) > MAX_PASSWORD_LENGTH:
        return False
    try:
        return _HASHER.verify(stored_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def needs_rehash(stored_hash: str) -> bool:
    """Whether ``stored_hash`` was made with parameters older than today's defaults."""
    try:
        return _HASHER.check_needs_rehash(stored_hash)
    except InvalidHashError:
        return True


@cache
def _decoy_hash() -> str:
    return _HASHER.hash(secrets.token_urlsafe(24))


def burn_verification(password: str) -> None:
    """Spend the time of one verification, for a login that does not exist."""
    verify_password(_decoy_hash(), password)
