"""The residents file's columns and the two things reading it produces: rows and rejects.

The column list is the contract's (section 1), in its order. A :class:`RawRow` holds one
structurally sound row as a compact tuple aligned with :data:`COLUMNS` (``None`` for a column
the file does not have); a :class:`Reject` is a row, or one value of a row, that cannot be used.

>>> row = RawRow(2, tuple("x" for _ in COLUMNS))
>>> row.get("sexe")
'x'
>>> Reject(3, "matricule_ins", "283052A00412307", "matricule illisible").valeur
'2************07'
>>> Reject(3, "local_id", "IPP-1", "valeur obligatoire vide").valeur
'IPP-1'
"""

from __future__ import annotations

from dataclasses import dataclass

from insvigil.identifiers.matricule import mask

#: The contract's columns, in the contract's order.
COLUMNS: tuple[str, ...] = (
    "structure",
    "local_id",
    "nom_naissance",
    "prenoms_naissance",
    "premier_prenom",
    "date_naissance",
    "sexe",
    "lieu_naissance",
    "nom_utilise",
    "prenom_utilise",
    "matricule_ins",
    "oid_ins",
    "justificatif",
    "justificatif_complement",
    "attributs",
    "statut",
    "actif",
)

#: Columns every residents file must have, and every row must fill.
REQUIRED: frozenset[str] = frozenset(
    {"structure", "local_id", "nom_naissance", "prenoms_naissance", "date_naissance", "sexe"}
)

#: The required columns in contract order, for messages.
REQUIRED_ORDERED: tuple[str, ...] = tuple(c for c in COLUMNS if c in REQUIRED)

#: Position of each column in :data:`COLUMNS` (and so in :attr:`RawRow.values`).
INDEX: dict[str, int] = {name: i for i, name in enumerate(COLUMNS)}

#: Columns whose values must never appear in clear in a reject.
MASKED_COLUMNS: frozenset[str] = frozenset({"matricule_ins"})


@dataclass(frozen=True, slots=True)
class RawRow:
    """One structurally sound row: its physical start line and its cells, aligned with COLUMNS.

    A cell present in the file is stripped of surrounding spaces (``""`` when empty); a column
    the file does not have is ``None``. Values are not interpreted here (dates, codes and traits
    are validated downstream).
    """

    line: int
    values: tuple[str | None, ...]

    def get(self, column: str) -> str | None:
        """The cell of ``column`` (a name of :data:`COLUMNS`; ``KeyError`` otherwise)."""
        return self.values[INDEX[column]]


def _looks_masked(value: str) -> bool:
    """True when ``value`` already has the masked shape (stars between the ends)."""
    return "*" in value and set(value[1:-2]) <= {"*"}


#: The longest ``valeur`` written to ``rejets.csv`` (longer ones are cut, their length said).
MAX_REJECTED_VALUE = 1_000


def cut_value(text: str) -> str:
    """``text``, or its first :data:`MAX_REJECTED_VALUE` characters and its length when longer.

    A spreadsheet cell holds 32,767 characters and Python's csv module reads 128 KiB: a huge
    rejected value is shown cut (the line number finds the whole).

    >>> cut_value("x" * 1001)[-20:]
    'x… (1001 caractères)'
    """
    if len(text) <= MAX_REJECTED_VALUE:
        return text
    return f"{text[:MAX_REJECTED_VALUE]}… ({len(text)} caractères)"


@dataclass(frozen=True, slots=True)
class Reject:
    """A row (``colonne`` empty) or one value of a row that cannot be used: a ``rejets.csv`` line.

    ``motif`` is French. A value of a masked column (``matricule_ins``) is masked on
    construction, so no code path can put a full matricule in ``rejets.csv``.
    """

    ligne: int
    colonne: str
    valeur: str
    motif: str

    def __post_init__(self) -> None:
        if self.colonne in MASKED_COLUMNS and self.valeur and not _looks_masked(self.valeur):
            object.__setattr__(self, "valeur", mask(self.valeur))
        if len(self.valeur) > MAX_REJECTED_VALUE:
            object.__setattr__(self, "valeur", cut_value(self.valeur))

    def as_row(self) -> tuple[int, str, str, str]:
        """The ``rejets.csv`` cells: ``ligne;colonne;valeur;motif``."""
        return (self.ligne, self.colonne, self.valeur, self.motif)


#: Header of ``rejets.csv`` (contract section 5).
REJECTS_HEADER: tuple[str, ...] = ("ligne", "colonne", "valeur", "motif")
