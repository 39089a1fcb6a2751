"""All INSi responses of a run, indexed by record key; problems kept for ``rejets.csv``."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from insvigil.insi import InsiProblem, InsiResponse, Share, read_insi_ranked
from insvigil.store import StoredInsi

#: Where a problem was read: (path of the run, file of a folder, line of a file).
Rank = tuple[int, int, int]


@dataclass
class InsiIndex:
    by_key: dict[tuple[str, str], list[InsiResponse]] = field(default_factory=dict)
    problems: list[InsiProblem] = field(default_factory=list)
    #: ``ranks[i]`` is where ``problems[i]`` was read (to merge the shares of a sharded run).
    ranks: list[Rank] = field(default_factory=list)
    read: int = 0

    def take(self, key: tuple[str, str]) -> list[InsiResponse]:
        """The responses of one record (removed: what is left at the end matched no record)."""
        return self.by_key.pop(key, [])

    def unmatched(self) -> Iterable[InsiResponse]:
        for responses in self.by_key.values():
            yield from responses


def counts(problems: Iterable[InsiProblem], read: int) -> Counter[str]:
    """Problems by code, and ``reponses``: the responses read."""
    found: Counter[str] = Counter(problem.code for problem in problems)
    found["reponses"] = read
    return found


def check(paths: Sequence[Path]) -> None:
    """Raise InputFileError now for a path that cannot be read at all (nothing is parsed)."""
    for path in paths:
        read_insi_ranked(path)


def load(paths: Sequence[Path], share: Share | None = None) -> InsiIndex:
    """Read every path (file or folder); raises InputFileError for a path unreadable at all.

    With ``share``, only that share of the responses and problems (one shard of a run)."""
    index = InsiIndex()
    grouped: defaultdict[tuple[str, str], list[InsiResponse]] = defaultdict(list)
    for number, path in enumerate(paths):
        for (file, line), item in read_insi_ranked(path, share):
            if isinstance(item, InsiProblem):
                index.problems.append(item)
                index.ranks.append((number, file, line))
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
