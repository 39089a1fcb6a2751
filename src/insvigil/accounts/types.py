"""The account and session records the store returns (plain, immutable)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from insvigil.accounts.roles import Role
from insvigil.accounts.scope import Scope

__all__ = ["Account", "SessionInfo"]


@dataclass(frozen=True, slots=True)
class Account:
    """One account, without its password hash."""

    login: str
    role: Role
    scope: Scope
    disabled: bool
    created_at: datetime
    locked_until: datetime | None = None

    @property
    def structures(self) -> list[str]:
        """The FINESS the account sees, sorted; empty: every structure."""
        return sorted(self.scope.structures)


@dataclass(frozen=True, slots=True)
class SessionInfo:
    """A signed-in session: who, what they may see, and the CSRF token of the session.

    ``token`` (the cookie's value) is only known when the session is opened; the store keeps
    a digest of it, never the token itself.
    """

    login: str
    role: Role
    scope: Scope
    csrf: str
    opened_at: datetime
    expires_at: datetime
    token: str = ""
