"""The workspace's roles (contract §6) and what each one may do.

Roles are not ranked: each holds a fixed set of permissions, and every endpoint or library
call checks the one permission it needs.

>>> allowed(Role.DIRECTION, Permission.DECIDE)
False
>>> allowed(Role.REFERENT, Permission.DECIDE)
True
>>> sorted(p.value for p in Permission if allowed(Role.ADMISSION, p))
['recherche']
"""

from __future__ import annotations

from enum import StrEnum

from insvigil.errors import InvalidValue

__all__ = ["HOME_PAGE", "ROLE_PERMISSIONS", "Permission", "Role", "allowed", "parse_role"]


class Role(StrEnum):
    """An account's role; the values are contract §6's."""

    ADMIN = "admin"
    REFERENT = "referent"
    DIRECTION = "direction"
    ADMISSION = "admission"


class Permission(StrEnum):
    """One thing an account may do."""

    QUEUE = "file"  # read the review queue and its items
    DECIDE = "decision"  # decide or reopen a queue item
    AUDIT = "audit"  # read and verify the audit trail
    INDICATORS = "indicateurs"
    WORKLIST = "travail"
    SEARCH = "recherche"  # the admission lookup
    ACCOUNTS = "comptes"  # manage accounts


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.REFERENT: frozenset(
        {
            Permission.QUEUE,
            Permission.DECIDE,
            Permission.AUDIT,
            Permission.INDICATORS,
            Permission.WORKLIST,
            Permission.SEARCH,
        }
    ),
    Role.DIRECTION: frozenset({Permission.INDICATORS, Permission.WORKLIST}),
    Role.ADMISSION: frozenset({Permission.SEARCH}),
}

#: The page each role lands on after signing in (contract §6).
HOME_PAGE: dict[Role, str] = {
    Role.ADMIN: "/file",
    Role.REFERENT: "/file",
    Role.DIRECTION: "/indicateurs",
    Role.ADMISSION: "/recherche",
}


def allowed(role: Role, permission: Permission) -> bool:
    """Whether ``role`` holds ``permission``."""
    return permission in ROLE_PERMISSIONS[role]


def parse_role(text: str) -> Role:
    """The role named ``text`` (case and surrounding spaces ignored).

    >>> parse_role(" Referent ")
    <Role.REFERENT: 'referent'>
    >>> parse_role("chef")
    Traceback (most recent call last):
    ...
    insvigil.errors.InvalidValue: rôle inconnu : « chef » (admin, referent, direction, admission)
    """
    try:
        return Role(text.strip().lower())
    except ValueError:
        expected = ", ".join(r.value for r in Role)
        raise InvalidValue(f"rôle inconnu : « {text} » ({expected})", "ROLE") from None
