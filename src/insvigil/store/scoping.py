"""What an account may see, as SQL conditions (contract §6: scoping in the library's queries).

An account limited to some structures (:class:`insvigil.accounts.Scope`) sees a record of one
of them, and a queue item only when EVERY record it concerns belongs to one of them: a
duplicate pair across structures A and B shows both records side by side, so a referent of A
alone must not see it (it would show B's record). Such a pair goes to an account that sees
both (the organisme gestionnaire's referent, or an unrestricted one). SAFE reading of "an
account never sees anything of a structure outside its list".

``None`` or an unlimited scope adds no condition. An item outside the scope is answered
exactly as an item that does not exist (:class:`~insvigil.review.errors.ItemNotFound`, same
message).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, RowMapping, and_, or_
from sqlalchemy.sql.elements import ColumnClause

from insvigil.accounts.scope import Scope
from insvigil.store.schema_review import queue_items

__all__ = ["item_visible", "items_condition", "structure_condition", "structures_of"]


def structures_of(scope: Scope | None) -> list[str] | None:
    """The structures ``scope`` is limited to, sorted; ``None`` when it sees everything."""
    if scope is None or scope.unlimited:
        return None
    return sorted(scope.structures)


def items_condition(scope: Scope | None) -> ColumnElement[bool] | None:
    """The queue items ``scope`` sees (``None``: no condition)."""
    allowed = structures_of(scope)
    if allowed is None:
        return None
    c = queue_items.c
    return and_(
        c.structure.in_(allowed), or_(c.structure_b.is_(None), c.structure_b.in_(allowed))
    )


def structure_condition(
    column: ColumnClause[Any] | Any, scope: Scope | None
) -> ColumnElement[bool] | None:
    """Rows whose ``column`` (a structure) ``scope`` sees (``None``: no condition)."""
    allowed = structures_of(scope)
    return None if allowed is None else column.in_(allowed)


def item_visible(row: Mapping[str, Any] | RowMapping, scope: Scope | None) -> bool:
    """Whether the queue item ``row`` is visible to ``scope`` (same rule as the SQL above)."""
    if scope is None or scope.unlimited:
        return True
    second = row.get("structure_b")
    return row["structure"] in scope.structures and (
        second is None or second in scope.structures
    )
