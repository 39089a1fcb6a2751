"""The one definition of every count insvigil shows, and the one place each is computed.

Every figure below appears in several outputs (the summary printed by ``qualify``, ``queue
list``, ``taux.csv``, ``report`` as CSV, JSON and HTML with its age table); each output takes
it from here, so they cannot disagree. The French wording of these definitions, shown in the
report, is :data:`LEGENDE`.

**What one run found** (its ``doublons.csv``; counted by ``qualify`` as it writes the rows):

* *doublons probables*: the ``DOUBLON`` rows whose score reaches the policy's
  ``seuil_probable``; each one is, or already was, a DOUBLON item of the review queue.
* *collisions*: the ``COLLISION`` rows, of two kinds (contract §5): **between two records**
  (one matricule, two persons: same matricule with another sex or birth date, an ouvrant
  droit's NIR copied onto a child...) and **of one record** (``structure_b`` empty: two INSi
  ``00`` answers with unrelated matricules — rule IS12 —, a local matricule that contradicts
  the record's own traits, an INSi answer carrying another person's traits);
  :func:`collision_split`.

**What is open in the review queue** (the store's queue, when counted; :func:`count_open`):

* *open item*: a queue item in state ``OUVERT``, whatever its records' ``actif`` — what
  ``queue list`` lists by default.
* *per structure*: an item counts for every structure it concerns, so a pair of records of two
  structures counts once in each structure's figure (``queue list --structure S`` lists it for
  both); *in total*: each item once. The total is therefore not the sum of the per-structure
  figures when pairs cross structures.
* *open items of a kind*: as ``queue list --type K``. COLLISION items are the collisions
  between two records and the IS12 collisions of one record; the other collisions of one
  record (matricule or INSi answer of another person) are decided through that record's
  CONTRADICTION (MI04) or DISCORDANCE items, so as not to ask two decisions for one problem:
  the queue's COLLISION count is the part of ``doublons.csv``'s collisions that has an item of
  its own.
* *discordances ouvertes* (``taux.csv``, domain.md §10): open items that are a BLOQUANTE
  discordance with INSi of an active record — DISCORDANCE items, and IS12 record collisions
  (``discordances.csv`` lists IS12 as a BLOQUANTE discordance). One record, one structure: the
  total is the sum of the structures'.
* *doublons ouverts* (``taux.csv``, domain.md §10): open items concerning two records
  (DOUBLON and COLLISION pairs) of which at least one record is active. A collision of one
  record is not a pair (IS12 counts among the discordances ouvertes).

Items of records that left the file active (``actif=0``) stay in the queue and in the open-item
counts, not in ``taux.csv``'s, which are over active records (contract §5).

>>> c = count_open([
...     OpenGroup("DISCORDANCE", "750000001", None, True, 0),
...     OpenGroup("DOUBLON", "750000001", "750000002", True, 1),
...     OpenGroup("COLLISION", "750000002", None, True, 3),
... ])
>>> c.total, c.of("750000001").total, c.of("750000002").total
(3, 2, 2)
>>> c.of("750000002").discordances_ouvertes, c.doublons_ouverts
(1, 1)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

__all__ = [
    "AGE_BUCKETS",
    "KIND_LABELS",
    "LEGENDE",
    "OpenCounts",
    "OpenGroup",
    "QueueCounts",
    "by_kind_rows",
    "collision_split",
    "count_open",
    "describe_open",
    "is_open_discordance",
    "is_open_pair",
]

#: Age classes of open queue items: (label, upper bound in days; None for the last one).
AGE_BUCKETS: tuple[tuple[str, int | None], ...] = (
    ("moins de 7 jours", 7),
    ("7 à 30 jours", 30),
    ("30 à 90 jours", 90),
    ("plus de 90 jours", None),
)

#: Queue kinds in display order, with their French name and the form that follows a number.
KIND_LABELS: tuple[tuple[str, str, str], ...] = (
    ("DISCORDANCE", "Discordances", "discordance(s)"),
    ("DOUBLON", "Doublons", "doublon(s)"),
    ("COLLISION", "Collisions", "collision(s)"),
    ("CONTRADICTION", "Incohérences du matricule", "incohérence(s) du matricule"),
    ("ATTRIBUTS", "Attributs", "combinaison(s) d'attributs interdite(s)"),
    ("CHANGEMENT", "Changements entre deux exports", "changement(s) entre deux exports"),
)

#: The definitions above, in French, as the report shows them: (term, definition).
LEGENDE: tuple[tuple[str, str], ...] = (
    (
        "Actifs",
        "les dossiers non rejetés de la file active (actif = 1) ; les statuts, DOUTEUSE, "
        "FICTIVE, statuts surestimés et INS utilisables sont comptés parmi eux ; taux de "
        "qualification = qualifiées / actifs.",
    ),
    (
        "Élément ouvert",
        "un élément de la file de revue en attente d'une décision (état OUVERT), que ses "
        "dossiers soient actifs ou non : ce que liste « insvigil queue list ».",
    ),
    (
        "Par structure / au total",
        "dans les chiffres d'une structure, un élément compte pour chaque structure qu'il "
        "concerne : une paire de dossiers de deux structures compte une fois dans chacune. Au "
        "total (ensemble), chaque élément compte une fois : le total n'est donc pas la somme "
        "des structures quand des paires relient deux structures.",
    ),
    (
        "Doublons (file de revue)",
        "les éléments DOUBLON : deux dossiers probablement d'une seule personne, au score au "
        "moins égal au seuil « probable » de la politique (les doublons probables du résumé "
        "de qualify).",
    ),
    (
        "Collisions (doublons.csv et résumé de qualify)",
        "les lignes COLLISION de doublons.csv : entre deux dossiers (un matricule pour deux "
        "personnes), ou d'un seul dossier (deux réponses INSi aux matricules sans lien, IS12 ; "
        "matricule local ou réponse INSi d'une autre personne).",
    ),
    (
        "Collisions (file de revue)",
        "les éléments COLLISION : collisions entre deux dossiers (un matricule pour deux "
        "personnes) et collisions d'un dossier par deux réponses INSi aux matricules sans "
        "lien (IS12). Les autres collisions d'un seul dossier que liste doublons.csv "
        "(matricule ou réponse INSi d'une autre personne) se décident par les éléments "
        "CONTRADICTION ou DISCORDANCE du dossier ; doublons.csv en compte donc davantage.",
    ),
    (
        "Discordances ouvertes",
        "(taux.csv) les discordances BLOQUANTE avec l'INSi non résolues des dossiers actifs : "
        "éléments DISCORDANCE et collisions IS12 d'un dossier. Le tableau d'ancienneté, lui, "
        "compte les éléments par type, dossiers inactifs compris, et range IS12 parmi les "
        "collisions.",
    ),
    (
        "Doublons ouverts",
        "(taux.csv) les paires de dossiers non résolues (éléments DOUBLON et COLLISION de deux "
        "dossiers) dont un dossier au moins est actif.",
    ),
)

_PAIR_KINDS = frozenset({"DOUBLON", "COLLISION"})


def is_open_discordance(kind: str, structure_b: str | None, actif: bool) -> bool:
    """Whether an open item counts in ``discordances_ouvertes``: a BLOQUANTE discordance with
    INSi (DISCORDANCE, or an IS12 collision of one record) of an active record."""
    return actif and (kind == "DISCORDANCE" or (kind == "COLLISION" and structure_b is None))


def is_open_pair(kind: str, structure_b: str | None, actif: bool) -> bool:
    """Whether an open item counts in ``doublons_ouverts``: a DOUBLON or COLLISION of two
    records, one of them at least active (``actif`` of a pair item)."""
    return actif and kind in _PAIR_KINDS and structure_b is not None


def collision_split(pairs: Iterable[tuple[str, str | None]]) -> tuple[int, int]:
    """(between two records, of one record) over ``doublons.csv``'s (type, structure_b).

    >>> collision_split([("COLLISION", ""), ("COLLISION", "750000002"), ("DOUBLON", "7")])
    (1, 1)
    """
    two = one = 0
    for kind, structure_b in pairs:
        if kind == "COLLISION":
            if structure_b:
                two += 1
            else:
                one += 1
    return two, one


@dataclass(frozen=True, slots=True)
class OpenGroup:
    """``n`` open queue items alike for counting: kind, structures, ``actif``, age class."""

    kind: str
    structure: str
    structure_b: str | None
    actif: bool
    bucket: int  # index in AGE_BUCKETS
    n: int = 1


def _zeros() -> list[int]:
    return [0] * len(AGE_BUCKETS)


@dataclass
class QueueCounts:
    """Open items of one structure, or of all together (each item once)."""

    by_kind: dict[str, list[int]] = field(default_factory=dict)  # kind → per age class
    discordances_ouvertes: int = 0
    doublons_ouverts: int = 0

    @property
    def total(self) -> int:
        return sum(sum(v) for v in self.by_kind.values())

    def kind(self, kind: str) -> int:
        return sum(self.by_kind.get(kind, ()))

    def ages(self) -> list[int]:
        """Per age class, all kinds together."""
        out = _zeros()
        for counts in self.by_kind.values():
            out = [a + b for a, b in zip(out, counts, strict=True)]
        return out

    def describe(self) -> str:
        """In French: :func:`describe_open`."""
        return describe_open(self)

    def _add(self, group: OpenGroup) -> None:
        self.by_kind.setdefault(group.kind, _zeros())[group.bucket] += group.n
        if is_open_discordance(group.kind, group.structure_b, group.actif):
            self.discordances_ouvertes += group.n
        if is_open_pair(group.kind, group.structure_b, group.actif):
            self.doublons_ouverts += group.n


@dataclass
class OpenCounts:
    """The open items of the queue: in total (``all``, each item once) and per structure."""

    all: QueueCounts = field(default_factory=QueueCounts)
    structures: dict[str, QueueCounts] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.all.total

    @property
    def discordances_ouvertes(self) -> int:
        return self.all.discordances_ouvertes

    @property
    def doublons_ouverts(self) -> int:
        return self.all.doublons_ouverts

    def of(self, structure: str) -> QueueCounts:
        """One structure's figures (zeros when it has no open item)."""
        return self.structures.get(structure) or QueueCounts()

    def within(self, structures: Iterable[str]) -> OpenCounts:
        """Only these structures' figures (the totals are left as counted)."""
        keep = set(structures)
        return OpenCounts(self.all, {k: v for k, v in self.structures.items() if k in keep})

    def restricted(self, structure: str) -> OpenCounts:
        """Only what concerns ``structure`` (``report --structure``): its figures are then the
        totals."""
        mine = self.of(structure)
        return OpenCounts(mine, {structure: mine} if mine.by_kind else {})


def count_open(groups: Iterable[OpenGroup]) -> OpenCounts:
    """The counts of the open items, from the store's groups of alike items."""
    out = OpenCounts()
    for group in groups:
        out.all._add(group)
        for name in {group.structure, group.structure_b}:
            if name is not None:
                out.structures.setdefault(name, QueueCounts())._add(group)
    out.structures = dict(sorted(out.structures.items()))
    return out


def describe_open(counts: QueueCounts) -> str:
    """``759 élément(s) ouvert(s) : 479 discordance(s), ...`` (kinds with items only).

    >>> describe_open(QueueCounts({"DOUBLON": [2, 0, 0, 1]}))
    '3 élément(s) ouvert(s) : 3 doublon(s)'
    """
    parts = [f"{counts.kind(kind)} {what}" for kind, _, what in KIND_LABELS if counts.kind(kind)]
    head = f"{counts.total} élément(s) ouvert(s)"
    return head + (" : " + ", ".join(parts) if parts else "")


def by_kind_rows(
    counts: Mapping[str, QueueCounts],
) -> Sequence[tuple[str, str, tuple[int, ...]]]:
    """(structure, kind, per age class) rows of the per-structure view, by structure then kind
    in display order."""
    order = {kind: i for i, (kind, _, _) in enumerate(KIND_LABELS)}
    return [
        (structure, kind, tuple(ages))
        for structure, c in counts.items()
        for kind, ages in sorted(c.by_kind.items(), key=lambda kv: order.get(kv[0], 99))
    ]
