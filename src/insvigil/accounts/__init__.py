"""Accounts of the referents' workspace: roles and what they may do, passwords, sessions.

This package is pure (no store, no web framework): the rules that both adapters (the CLI's
``insvigil users`` and the web workspace) and the store's queries rely on.

- :mod:`.roles`: the four roles of contract §6 and the permissions each one holds;
- :mod:`.scope`: the structures an account may see (none listed: every structure);
- :mod:`.passwords`: the password policy and Argon2id hashing (``argon2-cffi``);
- :mod:`.policy`: session lifetimes and the login lock, as named constants;
- :mod:`.types`: the account and session records the store returns.
"""

from __future__ import annotations

from insvigil.accounts.passwords import (
    MIN_PASSWORD_LENGTH,
    check_password_policy,
    hash_password,
    verify_password,
)
from insvigil.accounts.policy import (
    LOCK_AFTER_FAILURES,
    LOCK_DURATION,
    SESSION_IDLE_TIMEOUT,
    SESSION_LIFETIME,
)
from insvigil.accounts.roles import HOME_PAGE, Permission, Role, allowed, parse_role
from insvigil.accounts.scope import Scope, normalise_login
from insvigil.accounts.types import Account, SessionInfo

__all__ = [
    "HOME_PAGE",
    "LOCK_AFTER_FAILURES",
    "LOCK_DURATION",
    "MIN_PASSWORD_LENGTH",
    "SESSION_IDLE_TIMEOUT",
    "SESSION_LIFETIME",
    "Account",
    "Permission",
    "Role",
    "Scope",
    "SessionInfo",
    "allowed",
    "check_password_policy",
    "hash_password",
    "normalise_login",
    "parse_role",
    "verify_password",
]
