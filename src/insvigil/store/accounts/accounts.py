"""Accounts of the web workspace: create, list, disable, change a password, sign in.

Every function takes a :class:`~insvigil.store.Store` (or its engine) and is one transaction.
Sign-in (:func:`authenticate`) applies contract §6's lock: five failures in a row lock the
account for 15 minutes; an unknown login, a wrong password and a disabled account all raise
the same :class:`~insvigil.accounts.errors.AuthenticationFailed` after the same work (one
Argon2 verification), so neither the answer nor its time tells whether a login exists.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from sqlalchemy import select, update

from insvigil.accounts.errors import (
    AccountExists,
    AccountLocked,
    AuthenticationFailed,
    UnknownAccount,
)
from insvigil.accounts.passwords import (
    burn_verification,
    hash_password,
    needs_rehash,
    verify_password,
)
from insvigil.accounts.policy import LOCK_AFTER_FAILURES, LOCK_DURATION
from insvigil.accounts.roles import Role
from insvigil.accounts.scope import Scope, check_structure, normalise_login
from insvigil.accounts.types import Account
from insvigil.store.audit import chain as audit
from insvigil.store.db.engine import db_errors, read_tx, write_tx
from insvigil.store.db.queue_rows import Target, engine_of, now_utc
from insvigil.store.schema.accounts import accounts, web_sessions

__all__ = [
    "authenticate",
    "count_accounts",
    "create_account",
    "disable_account",
    "get_account",
    "list_accounts",
    "set_password",
    "update_account",
]


def _account(row: Any) -> Account:
    structures = row.structures.split("|") if row.structures else []
    return Account(
        login=row.login,
        role=Role(row.role),
        scope=Scope.of(structures),
        disabled=bool(row.disabled),
        created_at=row.created_at,
        locked_until=row.locked_until,
    )


def _audit(conn: Any, by: str, action: str, login: str, when: datetime, **state: object) -> None:
    """An account change in the audit trail, in the change's transaction (no password, no
    hash: only who changed which account, and the role and structures it now has)."""
    audit.append(
        conn,
        actor=by,
        action=action,
        item_id=None,
        records=[],
        decision=None,
        commentaire=f"compte {login}",
        avant={},
        apres={"compte": login, **state},
        at=when,
    )


def create_account(
    target: Target,
    login: str,
    role: Role,
    password: str,
    structures: Iterable[str] = (),
    now: datetime | None = None,
    *,
    by: str = "système",
) -> Account:
    """Create an account (audited under ``by``); raise :class:`AccountExists` when the login
    is taken and :class:`~insvigil.errors.InvalidValue` for a bad login, structure or
    password."""
    name = normalise_login(login)
    scope = Scope.of(check_structure(s) for s in structures)
    hashed = hash_password(password)
    when = now or now_utc()
    engine = engine_of(target)
    with db_errors("création du compte impossible"), write_tx(engine) as conn:
        if conn.execute(select(accounts.c.login).where(accounts.c.login == name)).first():
            raise AccountExists(f"l'identifiant « {name} » existe déjà")
        conn.execute(
            accounts.insert().values(
                login=name,
                role=role.value,
                structures="|".join(sorted(scope.structures)),
                password_hash=hashed,
                disabled=False,
                failures=0,
                locked_until=None,
                created_at=when,
                updated_at=when,
            )
        )
        _audit(
            conn,
            by,
            "COMPTE_CREATION",
            name,
            when,
            role=role.value,
            structures=sorted(scope.structures),
        )
    return Account(name, role, scope, False, when)


def get_account(target: Target, login: str) -> Account:
    """The account ``login``; :class:`UnknownAccount` when there is none."""
    name = login.strip().lower()
    with db_errors("lecture des comptes impossible"), read_tx(engine_of(target)) as conn:
        row = conn.execute(select(accounts).where(accounts.c.login == name)).first()
    if row is None:
        raise UnknownAccount(f"compte inconnu : « {name} »")
    return _account(row)


def list_accounts(target: Target) -> list[Account]:
    """Every account, by login."""
    with db_errors("lecture des comptes impossible"), read_tx(engine_of(target)) as conn:
        rows = conn.execute(select(accounts).order_by(accounts.c.login)).all()
    return [_account(r) for r in rows]


def count_accounts(target: Target) -> int:
    """How many accounts exist (the workspace refuses to start with none)."""
    return len(list_accounts(target))


def disable_account(
    target: Target, login: str, now: datetime | None = None, *, by: str = "système"
) -> Account:
    """Disable ``login`` and close its sessions (audited under ``by``); it can no longer sign
    in."""
    name = login.strip().lower()
    when = now or now_utc()
    with db_errors("désactivation du compte impossible"), write_tx(engine_of(target)) as conn:
        done = conn.execute(
            update(accounts).where(accounts.c.login == name).values(disabled=True, updated_at=when)
        )
        if done.rowcount == 0:
            raise UnknownAccount(f"compte inconnu : « {name} »")
        conn.execute(web_sessions.delete().where(web_sessions.c.login == name))
        _audit(conn, by, "COMPTE_DESACTIVATION", name, when)
    return get_account(target, name)


def update_account(
    target: Target,
    login: str,
    role: Role,
    structures: Iterable[str],
    now: datetime | None = None,
    *,
    by: str = "système",
) -> Account:
    """Give ``login`` a new role and list of structures (empty: every structure); its open
    sessions are closed, so that the new rights apply at once. Audited under ``by``."""
    name = login.strip().lower()
    scope = Scope.of(check_structure(s) for s in structures)
    when = now or now_utc()
    with db_errors("modification du compte impossible"), write_tx(engine_of(target)) as conn:
        done = conn.execute(
            update(accounts)
            .where(accounts.c.login == name)
            .values(
                role=role.value,
                structures="|".join(sorted(scope.structures)),
                updated_at=when,
            )
        )
        if done.rowcount == 0:
            raise UnknownAccount(f"compte inconnu : « {name} »")
        conn.execute(web_sessions.delete().where(web_sessions.c.login == name))
        _audit(
            conn,
            by,
            "COMPTE_MODIFICATION",
            name,
            when,
            role=role.value,
            structures=sorted(scope.structures),
        )
    return get_account(target, name)


def set_password(
    target: Target,
    login: str,
    password: str,
    now: datetime | None = None,
    *,
    by: str = "système",
) -> Account:
    """Give ``login`` a new password (policy checked), lift its lock and close its sessions
    (audited under ``by``, without the password)."""
    name = login.strip().lower()
    hashed = hash_password(password)
    when = now or now_utc()
    with db_errors("changement du mot de passe impossible"), write_tx(engine_of(target)) as conn:
        done = conn.execute(
            update(accounts)
            .where(accounts.c.login == name)
            .values(password_hash=hashed, failures=0, locked_until=None, updated_at=when)
        )
        if done.rowcount == 0:
            raise UnknownAccount(f"compte inconnu : « {name} »")
        conn.execute(web_sessions.delete().where(web_sessions.c.login == name))
        _audit(conn, by, "COMPTE_MOT_DE_PASSE", name, when)
    return get_account(target, name)


def authenticate(target: Target, login: str, password: str, now: datetime | None = None) -> Account:
    """The account when ``password`` is right for ``login``.

    Raises :class:`AccountLocked` while the account is locked (even with the right password:
    a lock cannot be used to test passwords), :class:`AuthenticationFailed` otherwise.
    """
    when = now or now_utc()
    name = login.strip().lower()
    engine = engine_of(target)
    # The failure count must be written even though the call then raises: the transaction
    # ends first, the exception comes after it.
    failure: AuthenticationFailed | None = None
    with db_errors("connexion impossible"), write_tx(engine) as conn:
        row = conn.execute(select(accounts).where(accounts.c.login == name)).first()
        if row is None:
            burn_verification(password)
            failure = AuthenticationFailed()
        elif row.locked_until is not None and row.locked_until > when:
            burn_verification(password)
            failure = AccountLocked(row.locked_until)
        elif not verify_password(row.password_hash, password) or row.disabled:
            # The failure that reaches the limit still answers "wrong login or password";
            # the attempts after it answer "locked" until the lock ends.
            failures = (0 if row.locked_until is not None else row.failures) + 1
            locked = when + LOCK_DURATION if failures >= LOCK_AFTER_FAILURES else None
            conn.execute(
                update(accounts)
                .where(accounts.c.login == name)
                .values(failures=0 if locked else failures, locked_until=locked)
            )
            failure = AuthenticationFailed()
        else:
            values: dict[str, Any] = {"failures": 0, "locked_until": None}
            if needs_rehash(row.password_hash):
                values["password_hash"] = hash_password(password)
            conn.execute(update(accounts).where(accounts.c.login == name).values(**values))
    if failure is not None:
        raise failure
    return _account(row)
