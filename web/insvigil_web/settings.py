"""The workspace's configuration: which store, and whether cookies are marked ``Secure``."""

from __future__ import annotations

import os
from dataclasses import dataclass

__all__ = ["ENV_DB", "ENV_HTTPS", "Settings"]

ENV_DB = "INSVIGIL_DB"
ENV_HTTPS = "INSVIGIL_HTTPS"


@dataclass(frozen=True, slots=True)
class Settings:
    """``db_url``: the store (SQLAlchemy URL; ``None``: ``insvigil.db`` in the current folder).
    ``https``: the workspace is reached through HTTPS (a TLS-terminating proxy), so cookies are
    ``Secure`` even when the proxy speaks plain HTTP to it."""

    db_url: str | None = None
    https: bool = False

    @classmethod
    def from_environment(cls) -> Settings:
        return cls(
            db_url=os.environ.get(ENV_DB) or None,
            https=os.environ.get(ENV_HTTPS, "") in {"1", "oui", "true"},
        )
