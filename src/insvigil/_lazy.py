"""Names of a module imported on first access (module ``__getattr__``, PEP 562).

``import insvigil`` and the store package stay cheap this way: a command pays only for the
modules it uses (``lookup`` never loads SQLAlchemy on a SQLite store).

>>> import types
>>> module = types.ModuleType("demo")
>>> getter, lister = lazy_names(vars(module), {"sqrt": ("math", "sqrt")})
>>> getter("sqrt")(9.0), "sqrt" in lister(), "sqrt" in vars(module)
(3.0, True, True)
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, MutableMapping
from typing import Any

__all__ = ["lazy_names"]


def lazy_names(
    namespace: MutableMapping[str, Any], names: Mapping[str, tuple[str, str]]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for the module whose globals are ``namespace``:
    ``names`` maps a public name to ``(module, attribute)``, imported on first access and then
    kept in ``namespace`` (the next access is a plain lookup)."""

    def getter(name: str) -> Any:
        try:
            module, attribute = names[name]
        except KeyError:
            raise AttributeError(
                f"module {namespace['__name__']!r} has no attribute {name!r}"
            ) from None
        value = getattr(importlib.import_module(module), attribute)
        namespace[name] = value
        return value

    def lister() -> list[str]:
        return sorted({*namespace, *names})

    return getter, lister
