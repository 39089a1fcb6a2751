"""Records for the matching tests: built by hand, or read from a synthetic population."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from insvigil.engine import insi_side
from insvigil.identifiers.matricule import calc_key
from insvigil.insi import InsiResponse, read_insi
from insvigil.io.residents_csv import open_residents
from insvigil.io.schema import RawRow
from insvigil.matching import MatchRecord, Pair, insi_collisions, prepare
from insvigil.model import Attribut, RecordResult, Resident, Statut
from insvigil.policy import DoublonsPolicy
from insvigil.qualify.parse import parse_row

TODAY = date(2026, 11, 1)
POLICY = DoublonsPolicy(seuil_probable=0.9, seuil_revue=0.6, taille_bloc_max=2000, domaines=())

Key = tuple[str, str]
PairKey = tuple[Key, Key]


def nir(body: str) -> str:
    """A synthetic matricule with a valid key from its first 13 characters."""
    return body + calc_key(body)


def rec(
    local_id: str,
    nom: str = "MARTIN",
    prenoms: str = "PAUL",
    naissance: str = "1950-03-05",
    sexe: str = "M",
    *,
    structure: str = "750000001",
    lieu: str | None = "75056",
    matricule: str | None = None,
    insi: str | None = None,
    content_hash: str = "",
    **more: str,
) -> MatchRecord:
    """A prepared record with sensible defaults (synthetic values)."""
    resident = Resident(structure, local_id, nom, prenoms, naissance, sexe, lieu_naissance=lieu,
                        matricule_ins=matricule, **more)  # type: ignore[arg-type]
    result = None
    if insi is not None:
        result = RecordResult(structure, local_id, Statut.RECUPEREE, frozenset(), False, None,
                              None, (), insi_active=insi, insi_oid="1.2.250.1.213.1.4.8")
    return prepare(resident, result, content_hash or f"h-{local_id}")


def _result(resident: Resident, responses: list[InsiResponse]) -> RecordResult | None:
    """INSi's active matricule as the engine reads it: the deciding (latest) response, when it
    is a 00 and the identity is neither DOUTEUSE nor FICTIVE (domain.md §6.2, ST01)."""
    if not responses or {Attribut.DOUTEUSE, Attribut.FICTIVE} & resident.attributs:
        return None
    latest = insi_side.order(responses)[-1]
    if latest.cr != "00" or latest.actif is None:
        return None
    return RecordResult(resident.structure, resident.local_id, Statut.RECUPEREE,
                        resident.attributs, False, None, None, (),
                        insi_active=latest.actif.matricule, insi_oid=latest.actif.oid)


@dataclass
class Synthetic:
    records: list[MatchRecord]
    insi_collisions: list[Pair]
    truth: dict[PairKey, str]

    def pairs(self, *kinds: str) -> set[PairKey]:
        keys = {r.key for r in self.records}
        return {k for k, v in self.truth.items() if v in kinds and k[0] in keys
                and (k[1] in keys or k[1] == ("", ""))}


def read_synthetic(folder: Path) -> Synthetic:
    """The records of a synthetic population (INSi active matricule from its responses), the
    record-level INSi collisions, and the true pairs."""
    by_key: dict[Key, list[InsiResponse]] = {}
    for path in (folder / "insi.jsonl", folder / "insi_xml"):
        for item in read_insi(path):
            if isinstance(item, InsiResponse):
                by_key.setdefault((item.structure, item.local_id), []).append(item)
    records, collisions = [], []
    for row in open_residents(folder / "residents.csv").rows():
        if not isinstance(row, RawRow):
            continue
        resident = parse_row(row, TODAY)
        if isinstance(resident, list):
            continue
        responses = by_key.get(resident.key, [])
        result = _result(resident, responses)
        records.append(prepare(resident, result, f"h{row.line}"))
        found = insi_collisions(resident, result, responses) if responses else None
        if found is not None:
            collisions.append(found)
    return Synthetic(records, collisions, read_truth(folder / "verite_paires.csv"))


def read_truth(path: Path) -> dict[PairKey, str]:
    truth: dict[PairKey, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        sa, la, sb, lb, kind = line.split(";")
        a, b = (sa, la), (sb, lb)
        if b != ("", "") and b < a:
            a, b = b, a
        truth[(a, b)] = kind
    return truth


def pair_key(p: Pair) -> PairKey:
    return ((p.structure_a, p.local_id_a), (p.structure_b, p.local_id_b))


def keys_of(pairs: Iterable[Pair], kind: str, minimum: float = 0.0) -> set[PairKey]:
    return {pair_key(p) for p in pairs if p.type.value == kind and p.score >= minimum}
