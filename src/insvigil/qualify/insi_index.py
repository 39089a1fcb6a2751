"""All INSi responses of a run, indexed by record key; problems kept for ``rejets.csv``."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from insvigil.insi import InsiProblem, InsiResponse, read_insi
from insvigil.store import StoredInsi


@dataclass
class InsiIndex:
    by_key: dict[tuple[str, str], list[InsiResponse]] = field(default_factory=dict)
    problems: list[InsiProblem] = field(default_factory=list)
    read: int = 0

    def take(self, key: tuple[str, str]) -> list[InsiResponse]:
        """The responses of one record (removed: what is left at the end matched no record)."""
        return self.by_key.pop(key, [])

    def unmatched(self) -> Iterable[InsiResponse]:
        for responses in self.by_key.values():
            yield from responses

    def counts(self) -> Counter[str]:
        counts: Counter[str] = Counter(problem.code for problem in self.problems)
        counts["reponses"] = self.read
        return counts


def load(paths: Sequence[Path]) -> InsiIndex:
    """Read every path (file or folder); raises InputFileError for a path unreadable at all."""
    index = InsiIndex()
    grouped: defaultdict[tuple[str, str], list[InsiResponse]] = defaultdict(list)
    for path in paths:
        for item in read_insi(path):
            if isinstance(item, InsiProblem):
                index.problems.append(item)
            else:
                index.read += 1
                grouped[(item.structure, item.local_id)].append(item)
    index.by_key = dict(grouped)
    return index


def to_stored(response: InsiResponse) -> StoredInsi:
    """The store's form of a response (full payload kept for the referents' review)."""
    traits = response.traits
    payload: dict[str, object] = {
        "libelle_cr": response.libelle_cr,
        "actif": None
        if response.actif is None
        else {"matricule": response.actif.matricule, "oid": response.actif.oid},
        "historique": [{"matricule": h.matricule, "oid": h.oid} for h in response.historique],
        "traits": None
        if traits is None
        else {
            "nom_naissance": traits.nom_naissance,
            "prenoms_naissance": traits.prenoms_naissance,
            "premier_prenom": traits.premier_prenom,
            "sexe": traits.sexe,
            "date_naissance": traits.date_naissance,
            "lieu_naissance": traits.lieu_naissance,
        },
    }
    return StoredInsi(
        source=response.source,
        date=response.date,
        cr=response.cr,
        operation=response.operation.value if response.operation else None,
        payload=payload,
    )
