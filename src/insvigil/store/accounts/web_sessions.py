"""Server-side sessions of the web workspace.

A session is opened after :func:`insvigil.store.accounts.accounts.authenticate`; its token (the
cookie's value, 256 random bits) is given once and only its SHA-256 is stored. A session ends
8 hours after it opened or 30 minutes after its last request (contract §6), when the account
is disabled or its password changed, or at sign-out. Each session has its own CSRF token.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime

from sqlalchemy import delete, select, update

from insvigil.accounts.errors import SessionInvalid
from insvigil.accounts.policy import SESSION_IDLE_TIMEOUT, SESSION_LIFETIME
from insvigil.accounts.roles import Role
from insvigil.accounts.scope import Scope
from insvigil.accounts.types import Account, SessionInfo
from insvigil.store.db.engine import db_errors, write_tx
from insvigil.store.db.queue_rows import Target, engine_of, now_utc
from insvigil.store.schema.accounts import accounts, web_sessions

__all__ = ["close_session", "csrf_matches", "open_session", "resume_session"]


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def open_session(target: Target, account: Account, now: datetime | None = None) -> SessionInfo:
    """A new session for ``account`` (already authenticated); also drops its expired ones."""
    when = now or now_utc()
    token = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    expires = when + SESSION_LIFETIME
    with db_errors("ouverture de session impossible"), write_tx(engine_of(target)) as conn:
        conn.execute(
            delete(web_sessions).where(
                web_sessions.c.login == account.login,
                (web_sessions.c.expires_at <= when)
                | (web_sessions.c.last_seen <= when - SESSION_IDLE_TIMEOUT),
            )
        )
        conn.execute(
            web_sessions.insert().values(
                token_hash=_digest(token),
                login=account.login,
                csrf=csrf,
                opened_at=when,
                last_seen=when,
                expires_at=expires,
            )
        )
    return SessionInfo(account.login, account.role, account.scope, csrf, when, expires, token)


def resume_session(target: Target, token: str, now: datetime | None = None) -> SessionInfo:
    """The session of ``token``, its idle clock reset; :class:`SessionInvalid` when there is
    none, it has expired (and is then deleted), or its account is disabled."""
    when = now or now_utc()
    if not token or len(token) > 128:
        raise SessionInvalid()
    key = _digest(token)
    s, a = web_sessions.c, accounts.c
    stmt = (
        select(s.login, s.csrf, s.opened_at, s.last_seen, s.expires_at, a.role, a.structures)
        .select_from(web_sessions.join(accounts, accounts.c.login == s.login))
        .where(s.token_hash == key, a.disabled.is_(False))
    )
    with db_errors("lecture de la session impossible"), write_tx(engine_of(target)) as conn:
        row = conn.execute(stmt).first()
        if row is None:
            raise SessionInvalid()
        if row.expires_at <= when or row.last_seen <= when - SESSION_IDLE_TIMEOUT:
            conn.execute(delete(web_sessions).where(s.token_hash == key))
            raise SessionInvalid()
        if row.last_seen != when:
            conn.execute(update(web_sessions).where(s.token_hash == key).values(last_seen=when))
    scope = Scope.of(row.structures.split("|") if row.structures else [])
    return SessionInfo(row.login, Role(row.role), scope, row.csrf, row.opened_at, row.expires_at)


def close_session(target: Target, token: str) -> None:
    """Sign out: the session of ``token`` no longer exists (no error if it did not)."""
    if not token or len(token) > 128:
        return
    with db_errors("fermeture de session impossible"), write_tx(engine_of(target)) as conn:
        conn.execute(delete(web_sessions).where(web_sessions.c.token_hash == _digest(token)))


def csrf_matches(session: SessionInfo, presented: str | None) -> bool:
    """Whether ``presented`` is this session's CSRF token (constant-time comparison)."""
    return bool(presented) and hmac.compare_digest(
        session.csrf.encode(), (presented or "").encode("utf-8", "surrogatepass")
    )
