"""Blocks: records sharing a key (:mod:`~insvigil.matching.keys`), and the giant-block guard.

Rules run in a fixed order and a pair is compared in the first block it shares:
:func:`compared_before` tells a later block to skip a pair an earlier one compared, so each
pair is scored once. Blocks are stored flat (one array of record indices per rule), since a
million records make close to a million blocks.

A block larger than ``taille_bloc_max`` is split by a finer key (first letter of the name or of
the first name); parts still too large are skipped. Both are reported (dates shown, names and
matricules masked): a giant block is usually a default value (``1900-01-01``, a placeholder
matricule) that says nothing about identity.

All values below are synthetic.

>>> from insvigil.model import Resident
>>> from insvigil.matching.record import prepare
>>> rs = [prepare(Resident("S", str(i), n, "LEA", "2000-01-01", "F"))
...       for i, n in enumerate(["ROY", "ROY", "DURAND", "DUPONT"])]
>>> b = build_blocks(rs, [0] * 4, max_size=10)
>>> [(RULES[x.rule].code, x.members) for x in b.blocks()][:3]
[('nom_ddn', (0, 1)), ('prenom_ddn', (0, 1, 2, 3)), ('ddn', (0, 1, 2, 3))]
>>> build_blocks(rs, [0] * 4, max_size=3).giant_blocks[0]
'premier prénom et date de naissance « L**|2000-01-01 » : 4 dossiers, découpé en 2 sous-blocs'
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from insvigil.identifiers.matricule import mask
from insvigil.matching.keys import (
    RULES,
    BlockingRule,
    cle_ddn,
    cle_ddn_inversee,
    cle_matricule,
    cle_nom_annee,
    cle_nom_ddn,
    cle_prenom_annee_jour,
    cle_prenom_annee_mois,
    cle_prenom_ddn,
    cle_prenom_jour_mois,
)
from insvigil.matching.record import MatchRecord

__all__ = [
    "RULES",
    "Block",
    "Blocking",
    "BlockingRule",
    "RuleBlocks",
    "build_blocks",
    "build_rule",
    "cle_ddn",
    "cle_ddn_inversee",
    "cle_matricule",
    "cle_nom_annee",
    "cle_nom_ddn",
    "cle_prenom_annee_jour",
    "cle_prenom_annee_mois",
    "cle_prenom_ddn",
    "cle_prenom_jour_mois",
    "compared_before",
]

GroupKey = tuple[int, str]  # (identity domain, key); domain 0 for unscoped rules


@dataclass(frozen=True, slots=True)
class Block:
    """Records sharing one key of one rule (indices into the records)."""

    rule: int
    members: tuple[int, ...]


@dataclass
class RuleBlocks:
    """The blocks of one rule, flat: block ``k`` is ``members[offsets[k]:offsets[k + 1]]``."""

    rule: int
    members: NDArray[np.int32] = field(default_factory=lambda: np.zeros(0, np.int32))
    offsets: NDArray[np.int64] = field(default_factory=lambda: np.zeros(1, np.int64))
    giant: dict[GroupKey, bool] = field(default_factory=dict)  # True: split, False: skipped
    lines: list[str] = field(default_factory=list)  # French report of the giant blocks

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def extend(self, blocks: Sequence[Sequence[int]]) -> None:
        """Append blocks (rare: the parts of split giant blocks)."""
        if not blocks:
            return
        sizes = np.array([len(b) for b in blocks], dtype=np.int64)
        flat = np.array([i for b in blocks for i in b], dtype=np.int32)
        self.members = np.concatenate((self.members, flat))
        self.offsets = np.concatenate((self.offsets, self.offsets[-1] + np.cumsum(sizes)))

    def block(self, k: int) -> tuple[int, ...]:
        return tuple(self.members[self.offsets[k] : self.offsets[k + 1]].tolist())


@dataclass
class Blocking:
    """Every rule's blocks; blocks are numbered rule after rule."""

    rules: list[RuleBlocks]

    def __len__(self) -> int:
        return sum(len(r) for r in self.rules)

    @property
    def giant_blocks(self) -> list[str]:
        return [line for r in self.rules for line in r.lines]

    def blocks(self, start: int = 0, step: int = 1) -> Iterator[Block]:
        """Blocks ``start``, ``start + step``… in numbering order."""
        base = 0
        for rb in self.rules:
            first = (start - base) % step
            for k in range(first, len(rb), step):
                yield Block(rb.rule, rb.block(k))
            base += len(rb)


def _shown(rule: BlockingRule, key: str) -> str:
    """A key as a report may show it: dates yes, names and matricules masked."""
    if rule.code == "matricule":
        return mask(key)
    parts = []
    for part in key.split("|"):
        plain = any(c.isdigit() for c in part)
        parts.append(part if plain else part[:1] + "*" * (len(part) - 1))
    return "|".join(parts)


def build_rule(
    records: Sequence[MatchRecord],
    domains: Sequence[int],
    index: int,
    max_size: int,
    rules: Sequence[BlockingRule] = RULES,
) -> RuleBlocks:
    """The blocks of rule ``index`` (``domains[i]``: identity domain of record ``i``).

    Records are grouped by sorting the hashes of their keys (numpy), which costs a few bytes
    per key where a dictionary of lists would cost a hundred; two keys with the same 64-bit
    hash would only merge two blocks (more pairs compared, none lost)."""
    rule = rules[index]
    keys = rule.tuple_keys
    scoped = rule.scoped and any(domains)
    hashes, owners = array("q"), array("i")
    add_hash, add_owner = hashes.append, owners.append
    for i, r in enumerate(records):
        for k in keys(r):
            add_hash(hash((domains[i], k)) if scoped else hash(k))
            add_owner(i)
    h = np.frombuffer(hashes, dtype=np.int64)
    order = np.argsort(h, kind="stable")
    h, members = h[order], np.frombuffer(owners, dtype=np.int32)[order]
    starts = np.flatnonzero(np.concatenate(([True], h[1:] != h[:-1])))
    sizes = np.diff(np.concatenate((starts, [len(h)])))
    group = np.repeat(np.arange(len(starts)), sizes)
    kept = (sizes >= 2) & (sizes <= max_size)
    out = RuleBlocks(
        index,
        np.ascontiguousarray(members[kept[group]], dtype=np.int32),
        np.concatenate(([0], np.cumsum(sizes[kept]))).astype(np.int64),
    )
    parts: list[list[int]] = []
    for g in np.flatnonzero(sizes > max_size).tolist():
        giant = members[starts[g] : starts[g] + sizes[g]].tolist()
        first = records[giant[0]]
        d = domains[giant[0]] if scoped else 0
        key = next(k for k in keys(first) if (hash((d, k)) if scoped else hash(k)) == h[starts[g]])
        out.giant[(d, key)] = _split(out, parts, rule, records, giant, max_size, key)
    out.extend(parts)
    return out


def _split(
    out: RuleBlocks,
    parts_out: list[list[int]],
    rule: BlockingRule,
    records: Sequence[MatchRecord],
    members: list[int],
    max_size: int,
    key: str,
) -> bool:
    shown = f"{rule.label} « {_shown(rule, key)} » : {len(members)} dossiers"
    if rule.refine is None:
        out.lines.append(f"{shown}, bloc ignoré (au-delà de {max_size})")
        return False
    parts: dict[str, list[int]] = {}
    for i in members:
        parts.setdefault(rule.refine(records[i]), []).append(i)
    kept = skipped = 0
    for part in parts.values():
        if 2 <= len(part) <= max_size:
            parts_out.append(part)
            kept += 1
        elif len(part) > max_size:
            skipped += len(part)
    line = f"{shown}, découpé en {kept} sous-blocs"
    if skipped:
        line += f", {skipped} dossiers ignorés (sous-blocs au-delà de {max_size})"
    out.lines.append(line)
    return True


def build_blocks(
    records: Sequence[MatchRecord],
    domains: Sequence[int],
    max_size: int,
    rules: Sequence[BlockingRule] = RULES,
) -> Blocking:
    """The blocks of every rule, in one process (see :func:`build_rule` to spread the rules)."""
    return Blocking([build_rule(records, domains, i, max_size, rules) for i in range(len(rules))])


def compared_before(
    a: MatchRecord,
    b: MatchRecord,
    rule: int,
    blocking: Blocking,
    domain_a: int,
    domain_b: int,
    rules: Sequence[BlockingRule] = RULES,
) -> bool:
    """Whether a rule before ``rule`` already compared the pair (so that ``rule`` skips it)."""
    for index in range(rule):
        earlier = rules[index]
        if earlier.scoped and domain_a != domain_b:
            continue
        if not earlier.compared(a, b):
            continue
        giant = blocking.rules[index].giant
        if not giant or _searched(a, b, earlier, giant, domain_a):
            return True
    return False


def _searched(
    a: MatchRecord, b: MatchRecord, rule: BlockingRule, giant: dict[GroupKey, bool], domain: int
) -> bool:
    """Whether a block of ``rule`` holding both records was searched despite giant blocks."""
    d = domain if rule.scoped else 0
    for k in rule.keys(a) & rule.keys(b):  # (domain 0 when there is a single domain)
        split = giant.get((d, k))
        if split is None:
            return True
        if split and rule.refine is not None and rule.refine(a) == rule.refine(b):
            return True  # same part (a part too large to keep is rare; then compared again)
    return False
