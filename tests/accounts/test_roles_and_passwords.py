"""Roles against contract §6's endpoint table; the password policy and hashing."""

from __future__ import annotations

import pytest

from insvigil.accounts import Permission, Role, allowed, hash_password, verify_password
from insvigil.accounts.passwords import needs_rehash
from insvigil.errors import InvalidValue

# Contract §6: who may call what (admin may call everything).
CONTRACT = {
    Permission.QUEUE: {"admin", "referent"},
    Permission.DECIDE: {"admin", "referent"},
    Permission.AUDIT: {"admin", "referent"},
    Permission.INDICATORS: {"admin", "referent", "direction"},
    Permission.WORKLIST: {"admin", "referent", "direction"},
    Permission.SEARCH: {"admin", "referent", "admission"},
    Permission.ACCOUNTS: {"admin"},
}


@pytest.mark.parametrize("permission", list(Permission))
def test_roles_follow_the_contract(permission: Permission) -> None:
    assert {r.value for r in Role if allowed(r, permission)} == CONTRACT[permission]


def test_hash_verifies_only_its_password() -> None:
    hashed = hash_password("une phrase de passe")
    assert hashed.startswith("$argon2id$")
    assert verify_password(hashed, "une phrase de passe")
    assert not verify_password(hashed, "une phrase de passE")
    assert not verify_password("pas un hachage", "une phrase de passe")
    assert not needs_rehash(hashed)


@pytest.mark.parametrize("bad", ["", "onze carac.", " " * 20, "x" * 2000])
def test_password_policy(bad: str) -> None:
    with pytest.raises(InvalidValue):
        hash_password(bad)
