"""The fast "store is current" check compares with a constant: it must be Alembic's head."""

from insvigil.store.db.engine import HEAD_REVISION, head_revision


def test_head_revision_constant_matches_alembic() -> None:
    assert head_revision() == HEAD_REVISION
