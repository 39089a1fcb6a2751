"""The workspace's accounts and sessions (Alembic revision ``0006_accounts``).

``accounts``
    One row per person who signs in to the workspace. ``password_hash`` is Argon2id
    (:mod:`insvigil.accounts.passwords`); ``structures`` the FINESS the account sees,
    ``|``-joined, empty for every structure; ``failures`` the failed sign-ins in a row and
    ``locked_until`` the end of the lock they caused.

``web_sessions``
    Server-side sessions. ``token_hash`` is the SHA-256 of the cookie's random token: a copy of
    the database does not give a usable session. ``csrf`` is the session's CSRF token.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Table, Text

from insvigil.store.schema.core import IsoDateTime, metadata

__all__ = ["accounts", "web_sessions"]

accounts = Table(
    "accounts",
    metadata,
    Column("login", String(64), primary_key=True),
    Column("role", String(16), nullable=False),  # accounts.Role
    Column("structures", Text, nullable=False),  # "|"-joined FINESS, "" = every structure
    Column("password_hash", String(256), nullable=False),
    Column("disabled", Boolean, nullable=False),
    Column("failures", Integer, nullable=False),
    Column("locked_until", IsoDateTime, nullable=True),
    Column("created_at", IsoDateTime, nullable=False),
    Column("updated_at", IsoDateTime, nullable=False),
)

web_sessions = Table(
    "web_sessions",
    metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("login", String(64), ForeignKey("accounts.login"), nullable=False),
    Column("csrf", String(64), nullable=False),
    Column("opened_at", IsoDateTime, nullable=False),
    Column("last_seen", IsoDateTime, nullable=False),
    Column("expires_at", IsoDateTime, nullable=False),
    Index(None, "login"),
)
