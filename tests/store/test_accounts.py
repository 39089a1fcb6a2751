"""Accounts and sessions of the workspace, in the store (SQLite and PostgreSQL), without HTTP."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from insvigil.accounts import LOCK_AFTER_FAILURES, LOCK_DURATION, Role, Scope
from insvigil.accounts.errors import (
    AccountExists,
    AccountLocked,
    AuthenticationFailed,
    SessionInvalid,
    UnknownAccount,
)
from insvigil.errors import InvalidValue
from insvigil.store import Store
from insvigil.store.accounts.accounts import (
    authenticate,
    create_account,
    disable_account,
    get_account,
    list_accounts,
    set_password,
)
from insvigil.store.accounts.web_sessions import (
    close_session,
    csrf_matches,
    open_session,
    resume_session,
)
from insvigil.store.schema.accounts import accounts, web_sessions

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PW = "cheval agrafe batterie"


def _referent(store: Store, login: str = "m.durand") -> None:
    create_account(store, login, Role.REFERENT, PW, ["750000001"], now=T0)


def test_create_and_read_back(store: Store) -> None:
    _referent(store, " M.Durand ")
    got = get_account(store, "m.durand")
    assert got.login == "m.durand"
    assert got.role is Role.REFERENT
    assert got.scope == Scope(frozenset({"750000001"}))
    assert not got.disabled
    assert [a.login for a in list_accounts(store)] == ["m.durand"]


def test_password_is_stored_as_argon2id_never_in_clear(store: Store) -> None:
    _referent(store)
    with store.engine.connect() as conn:
        stored = conn.execute(select(accounts.c.password_hash)).scalar_one()
    assert stored.startswith("$argon2id$")
    assert PW not in stored


def test_duplicate_login_bad_password_bad_structure(store: Store) -> None:
    _referent(store)
    with pytest.raises(AccountExists, match="existe déjà"):
        _referent(store, "M.DURAND")
    with pytest.raises(InvalidValue, match="trop court"):
        create_account(store, "x.y", Role.ADMIN, "court")
    with pytest.raises(InvalidValue, match="structure invalide"):
        create_account(store, "x.y", Role.ADMIN, PW, ["7500"])
    assert [a.login for a in list_accounts(store)] == ["m.durand"]


def test_authenticate_right_and_wrong(store: Store) -> None:
    _referent(store)
    assert authenticate(store, "M.Durand", PW, now=T0).login == "m.durand"
    with pytest.raises(AuthenticationFailed) as wrong:
        authenticate(store, "m.durand", PW + "x", now=T0)
    with pytest.raises(AuthenticationFailed) as unknown:
        authenticate(store, "personne", PW, now=T0)
    # The same answer for an unknown login and a wrong password: no enumeration.
    assert type(wrong.value) is type(unknown.value) is AuthenticationFailed
    assert wrong.value.message == unknown.value.message


def test_five_failures_lock_for_fifteen_minutes_even_the_right_password(store: Store) -> None:
    _referent(store)
    for i in range(LOCK_AFTER_FAILURES):
        with pytest.raises(AuthenticationFailed) as failed:
            authenticate(store, "m.durand", "mauvais mot de passe", now=T0 + timedelta(seconds=i))
        assert not isinstance(failed.value, AccountLocked)
    during = T0 + LOCK_DURATION - timedelta(seconds=1)
    with pytest.raises(AccountLocked) as locked:
        authenticate(store, "m.durand", PW, now=during)
    assert locked.value.until > during
    after = T0 + timedelta(seconds=LOCK_AFTER_FAILURES) + LOCK_DURATION
    assert authenticate(store, "m.durand", PW, now=after).login == "m.durand"


def test_a_success_resets_the_failure_count(store: Store) -> None:
    _referent(store)
    for _ in range(LOCK_AFTER_FAILURES - 1):
        with pytest.raises(AuthenticationFailed):
            authenticate(store, "m.durand", "mauvais mot de passe", now=T0)
    authenticate(store, "m.durand", PW, now=T0)
    for _ in range(LOCK_AFTER_FAILURES - 1):
        with pytest.raises(AuthenticationFailed):
            authenticate(store, "m.durand", "mauvais mot de passe", now=T0)
    assert authenticate(store, "m.durand", PW, now=T0).login == "m.durand"


def test_disabled_account_cannot_sign_in_and_loses_its_sessions(store: Store) -> None:
    _referent(store)
    session = open_session(store, authenticate(store, "m.durand", PW, now=T0), now=T0)
    disable_account(store, "m.durand", now=T0)
    with pytest.raises(AuthenticationFailed) as failed:
        authenticate(store, "m.durand", PW, now=T0)
    assert failed.value.message == AuthenticationFailed().message
    with pytest.raises(SessionInvalid):
        resume_session(store, session.token, now=T0)


def test_password_change_closes_sessions_and_lifts_the_lock(store: Store) -> None:
    _referent(store)
    session = open_session(store, authenticate(store, "m.durand", PW, now=T0), now=T0)
    for _ in range(LOCK_AFTER_FAILURES + 1):
        with pytest.raises(AuthenticationFailed):
            authenticate(store, "m.durand", "mauvais mot de passe", now=T0)
    set_password(store, "m.durand", "nouveau mot de passe long", now=T0)
    with pytest.raises(SessionInvalid):
        resume_session(store, session.token, now=T0)
    assert authenticate(store, "m.durand", "nouveau mot de passe long", now=T0)
    with pytest.raises(UnknownAccount):
        set_password(store, "personne", "nouveau mot de passe long")


def test_session_token_is_stored_hashed_and_resumes(store: Store) -> None:
    _referent(store)
    session = open_session(store, authenticate(store, "m.durand", PW, now=T0), now=T0)
    with store.engine.connect() as conn:
        row = conn.execute(select(web_sessions)).one()
    assert session.token and session.token != row.token_hash
    again = resume_session(store, session.token, now=T0 + timedelta(minutes=5))
    assert (again.login, again.role, again.csrf) == ("m.durand", Role.REFERENT, session.csrf)
    assert again.scope.structures == {"750000001"}
    with pytest.raises(SessionInvalid):
        resume_session(store, session.token + "x", now=T0)


def test_idle_timeout_and_lifetime(store: Store) -> None:
    _referent(store)
    account = authenticate(store, "m.durand", PW, now=T0)
    idle = open_session(store, account, now=T0)
    with pytest.raises(SessionInvalid):
        resume_session(store, idle.token, now=T0 + timedelta(minutes=30))
    busy = open_session(store, account, now=T0)
    when = T0
    for _ in range(16):  # a request every 29 minutes keeps it alive… for 8 hours at most
        when += timedelta(minutes=29)
        if when >= T0 + timedelta(hours=8):
            break
        resume_session(store, busy.token, now=when)
    with pytest.raises(SessionInvalid):
        resume_session(store, busy.token, now=T0 + timedelta(hours=8))


def test_sign_out_and_csrf(store: Store) -> None:
    _referent(store)
    session = open_session(store, authenticate(store, "m.durand", PW, now=T0), now=T0)
    other = open_session(store, authenticate(store, "m.durand", PW, now=T0), now=T0)
    assert csrf_matches(session, session.csrf)
    assert not csrf_matches(session, other.csrf)
    assert not csrf_matches(session, None)
    assert not csrf_matches(session, "")
    close_session(store, session.token)
    with pytest.raises(SessionInvalid):
        resume_session(store, session.token, now=T0)
    assert resume_session(store, other.token, now=T0).login == "m.durand"


def test_a_new_role_or_scope_closes_the_sessions(store: Store) -> None:
    from insvigil.store.accounts.accounts import update_account

    _referent(store)
    session = open_session(store, authenticate(store, "m.durand", PW, now=T0), now=T0)
    changed = update_account(store, "m.durand", Role.DIRECTION, ["590000002", "750000001"])
    assert changed.role is Role.DIRECTION
    assert changed.scope.structures == {"590000002", "750000001"}
    with pytest.raises(SessionInvalid):
        resume_session(store, session.token, now=T0)
    with pytest.raises(UnknownAccount):
        update_account(store, "personne", Role.ADMIN, [])
