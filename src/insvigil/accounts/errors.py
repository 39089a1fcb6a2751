"""The accounts' errors (all :class:`insvigil.errors.InsvigilError`: one French line).

::

    InsvigilError
     └── AccountError                  an account operation cannot be carried out (CLI: exit 1)
          ├── UnknownAccount           no account with that login
          ├── AccountExists            the login is already taken
          ├── AuthenticationFailed     wrong login or password, or disabled account (web: 401)
          │    └── AccountLocked       too many failures: locked until ``until`` (web: 429)
          ├── SessionInvalid           no session, or an expired one (web: 401)
          └── AccessDenied             the role may not do this (web: 403)

``AuthenticationFailed`` says the same thing for an unknown login, a wrong password and a
disabled account, so that an answer never tells whether a login exists.
"""

from __future__ import annotations

from datetime import datetime

from insvigil.errors import InsvigilError

__all__ = [
    "AccessDenied",
    "AccountError",
    "AccountExists",
    "AccountLocked",
    "AuthenticationFailed",
    "SessionInvalid",
    "UnknownAccount",
]


class AccountError(InsvigilError):
    """An account operation cannot be carried out."""

    default_message = "opération sur les comptes impossible"


class UnknownAccount(AccountError):
    default_message = "compte inconnu"


class AccountExists(AccountError):
    default_message = "cet identifiant existe déjà"


class AuthenticationFailed(AccountError):
    default_message = "identifiant ou mot de passe incorrect"


class AccountLocked(AuthenticationFailed):
    """Too many failed attempts in a row; ``until`` is when the lock ends."""

    default_message = "compte verrouillé après trop d'échecs : réessayer plus tard"

    def __init__(self, until: datetime, message: str | None = None) -> None:
        super().__init__(message)
        self.until = until


class SessionInvalid(AccountError):
    default_message = "session absente ou expirée : se reconnecter"


class AccessDenied(AccountError):
    default_message = "accès refusé pour ce rôle"
