"""What a record was at its last evaluation: the facts the HI rules compare this export with.

The store keeps each record's previous row, its previous status and its previous findings; the
run turns them into a :class:`PreviousState` with :func:`previous_state` (pure: no database
here) and passes it to ``Engine.evaluate(..., previous=...)``. ``previous=None`` means the
record is seen for the first time and nothing else is known.

>>> state = previous_state(
...     {"nom_naissance": "DUPONT", "matricule_ins": "2 83 05 2A 004 789 20"}, "QUALIFIEE", ()
... )
>>> state.statut, state.traits["nom_naissance"], state.traits["matricule_ins"]
(<Statut.QUALIFIEE: 'QUALIFIEE'>, 'DUPONT', '2 83 05 2A 004 789 20')
>>> state.traits["sexe"], state.pending, state.holder
('', (), None)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from insvigil.findings import Finding
from insvigil.model.codes import Statut
from insvigil.model.records import Resident

__all__ = [
    "HISTORY_FAMILY",
    "STRICT_TRAITS",
    "WATCHED_TRAITS",
    "PreviousState",
    "previous_state",
]

#: The strict traits of domain.md §3 / §8 (the traits compared with INSi), by Resident field.
STRICT_TRAITS: tuple[str, ...] = (
    "nom_naissance",
    "prenoms_naissance",
    "premier_prenom",
    "date_naissance",
    "sexe",
    "lieu_naissance",
)
#: What a change between two exports is watched on: the strict traits and the matricule.
WATCHED_TRAITS: tuple[str, ...] = (*STRICT_TRAITS, "matricule_ins")
#: The rule family of the changes between exports (``insvigil.rules.historique``).
HISTORY_FAMILY = "HI"


@dataclass(frozen=True, slots=True)
class PreviousState:
    """A record as it was at its last evaluation.

    ``statut``: the status computed then (``None``: never evaluated, e.g. a record first seen
    whose matricule another record held: only ``holder`` is known). ``traits``: the watched
    traits of its row then, raw as exported (``""`` when empty). ``pending``: the HI findings
    of its last result that no referent had decided yet (still BLOQUANTE): the events carried
    forward. ``holder``: the (structure, local_id) of another record that carried, at the last
    run, the matricule this record carries now (HI02), if any.
    """

    statut: Statut | None
    traits: Mapping[str, str] = field(default_factory=dict)
    pending: tuple[Finding, ...] = ()
    holder: tuple[str, str] | None = None

    def trait(self, name: str) -> str:
        return self.traits.get(name, "")


def _text(value: object) -> str:
    if value is None:
        return ""
    return value if isinstance(value, str) else str(value)


def previous_state(
    row: Resident | Mapping[str, object] | None,
    statut: Statut | str | None,
    findings: Iterable[Finding],
    *,
    holder: tuple[str, str] | None = None,
) -> PreviousState:
    """The :class:`PreviousState` from what the store keeps of the last evaluation: the
    record's row then (a :class:`Resident` or a mapping of its fields; ``None`` when the record
    was not in the store), its status then (code or enum), its findings then, and the record
    that held its current matricule then, if another did."""
    if row is None:
        traits: dict[str, str] = {}
    elif isinstance(row, Resident):
        traits = {name: _text(getattr(row, name)) for name in WATCHED_TRAITS}
    else:
        traits = {name: _text(row.get(name)) for name in WATCHED_TRAITS}
    if isinstance(statut, str) and not isinstance(statut, Statut):
        statut = Statut.parse(statut) if statut.strip() else None
    pending = tuple(f for f in findings if f.code[:2] == HISTORY_FAMILY and f.bloquante)
    return PreviousState(statut=statut, traits=traits, pending=pending, holder=holder)
