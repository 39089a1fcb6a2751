"""Typing defects of the matricule and its OID (``MATRICULE_CLE_INVALIDE``, ``OID_*``).

Each function changes the :class:`~insvigil.synth.draft.Draft` of its
:class:`~insvigil.synth.draft.Context` when it applies to the person and returns whether it did;
:mod:`insvigil.synth.defects` draws among them.
"""

from __future__ import annotations

from collections.abc import Callable

from insvigil.synth.draft import Context

__all__ = ["matricule_cle", "oid_changed_to"]


def matricule_cle(c: Context) -> bool:
    m = c.draft.matricule
    if not m:
        return False
    if c.rng.random() < 0.5:
        key = (int(m[13:]) + c.rng.randint(1, 96)) % 100
        c.draft.matricule = f"{m[:13]}{key:02d}"
    else:  # one digit of the order number mistyped: the key no longer matches
        i = c.rng.randrange(10, 13)
        c.draft.matricule = m[:i] + str((int(m[i]) + c.rng.randint(1, 9)) % 10) + m[i + 1 :]
    return True


def oid_changed_to(value: str) -> Callable[[Context], bool]:
    def apply(c: Context) -> bool:
        if not c.draft.matricule or c.draft.oid != "1.2.250.1.213.1.4.8":
            return False
        c.draft.oid = value
        return True

    return apply
