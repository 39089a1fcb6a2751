"""The review's errors (all :class:`insvigil.errors.InsvigilError`: one French line, exit 1).

::

    InsvigilError
     └── ReviewError
          ├── ItemNotFound          no queue item with that id
          ├── InvalidDecision       the decision is not one of the item's possible decisions
          └── DecisionConflict      someone else decided first, or the item changed since read
"""

from __future__ import annotations

from insvigil.errors import InsvigilError

__all__ = ["DecisionConflict", "InvalidDecision", "ItemNotFound", "ReviewError"]


class ReviewError(InsvigilError):
    """A review command cannot be carried out."""

    default_message = "opération de revue impossible"


class ItemNotFound(ReviewError):
    """No queue item has the given id."""

    default_message = "élément de la file de revue introuvable"


class InvalidDecision(ReviewError):
    """The decision code is not allowed for this item (the message lists the allowed ones)."""

    default_message = "décision non permise"


class DecisionConflict(ReviewError):
    """The item was resolved (or changed) by someone else first; the message says who and when."""

    default_message = "élément déjà traité par ailleurs"
