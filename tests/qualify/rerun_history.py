"""The inputs of a history of exports, and the random edits made between two of them.

Used by ``test_rerun_differential.py``. :class:`Inputs` holds one export (residents rows, INSi
JSON Lines, the policy file's text, the run date) and writes it into a folder; each edit
function changes it as a structure's next export would, draws from the given seeded RNG, and
returns a line saying what it did (printed when a comparison fails) with the records it touched.
Every value stays synthetic: new matricules are other rows' matricules or broken keys.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from random import Random

from insvigil import QualifyOptions

Key = tuple[str, str]
#: What an edit did, in words, and the records whose inputs it changed.
Edit = tuple[str, set[Key]]

OUTPUTS = ("identites.csv", "discordances.csv", "doublons.csv", "rejets.csv", "taux.csv")
JUSTIFICATIFS = ("", "CNI", "PASSEPORT", "TITRE_SEJOUR", "CARTE_VITALE", "LIVRET_FAMILLE",
                 "EXTRAIT_NAISSANCE", "PERMIS_CONDUIRE", "IDENTITE_NUMERIQUE", "AUTRE")  # fmt: skip
COMPLEMENTS = ("", "", "PIECE_REPRESENTANT_LEGAL", "CARTE_VITALE_PHOTO")
ATTRIBUTS = ("", "", "DOUTEUSE", "HOMONYME", "FICTIVE", "DOUTEUSE|HOMONYME")
STATUTS = ("", "PROVISOIRE", "RECUPEREE", "VALIDEE", "QUALIFIEE")
LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass
class Inputs:
    """One export of the history: what ``qualify`` reads, edited in place between runs."""

    header: list[str]
    rows: list[dict[str, str]]
    insi: list[dict[str, object]]
    today: date
    rules: str | None = None  # text of a --rules TOML file, None: the default policy
    protected: set[Key] = field(default_factory=set)  # records the random edits leave alone
    next_id: int = 0

    @classmethod
    def read(cls, folder: Path, today: date) -> Inputs:
        with (folder / "residents.csv").open(encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter=";")
            header = list(reader.fieldnames or ())
            rows = list(reader)
        lines = (folder / "insi.jsonl").read_text(encoding="utf-8").splitlines()
        return cls(header, rows, [json.loads(line) for line in lines if line], today)

    def write(self, folder: Path) -> None:
        """Write the export into ``folder`` (residents, INSi responses, policy file if any)."""
        folder.mkdir(parents=True)
        with (folder / "residents.csv").open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, self.header, delimiter=";", lineterminator="\n")
            writer.writeheader()
            writer.writerows(self.rows)
        text = "".join(json.dumps(doc, ensure_ascii=False) + "\n" for doc in self.insi)
        (folder / "insi.jsonl").write_text(text, encoding="utf-8")
        if self.rules is not None:
            (folder / "politique.toml").write_text(self.rules, encoding="utf-8")

    def options(self, folder: Path, out: Path, db_url: str, *, complet: bool) -> QualifyOptions:
        """What ``qualify`` is asked to do on the export written into ``folder``."""
        rules = folder / "politique.toml"
        return QualifyOptions(
            residents=folder / "residents.csv",
            insi=(folder / "insi.jsonl",),
            out=out,
            db_url=db_url,
            rules=rules if rules.exists() else None,
            today=self.today,
            complet=complet,
        )

    def pick(self, rng: Random) -> dict[str, str]:
        """A random row the edits may change."""
        while True:
            row = rng.choice(self.rows)
            if key(row) not in self.protected:
                return row


def key(row: dict[str, str]) -> Key:
    return row["structure"], row["local_id"]


def parse_day(value: str) -> date | None:
    """A birth date as the exports write it (ISO or day/month/year); None if impossible."""
    for form in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, form).date()
        except ValueError:
            continue
    return None


def _typo(value: str, rng: Random) -> str:
    if not value:
        return rng.choice(LETTERS) * 3
    i = rng.randrange(len(value))
    return value[:i] + rng.choice(LETTERS) + value[i + 1 :]


def typo_nom(inputs: Inputs, rng: Random) -> Edit:
    row = inputs.pick(rng)
    column = rng.choice(("nom_naissance", "prenoms_naissance", "nom_utilise", "premier_prenom"))
    old, row[column] = row[column], _typo(row[column], rng)
    return f"typo {key(row)} {column}: {old!r} -> {row[column]!r}", {key(row)}


def birth(inputs: Inputs, rng: Random) -> Edit:
    row = inputs.pick(rng)
    column = rng.choice(("date_naissance", "sexe", "lieu_naissance"))
    old = row[column]
    if column == "date_naissance":
        day = parse_day(old)
        shifted = (day or date(1950, 1, 1)) + timedelta(days=rng.choice((-1, 1)))
        row[column] = shifted.strftime("%d/%m/%Y" if "/" in old else "%Y-%m-%d")
    elif column == "sexe":
        row[column] = {"M": "F", "F": "M"}.get(old, "M")
    else:
        row[column] = inputs.pick(rng)["lieu_naissance"]
    return f"birth {key(row)} {column}: {old!r} -> {row[column]!r}", {key(row)}


def matricule(inputs: Inputs, rng: Random) -> Edit:
    """A matricule emptied, broken (last key digit), or moved from another record."""
    row, other = inputs.pick(rng), inputs.pick(rng)
    while other is row:
        other = inputs.pick(rng)
    old = row["matricule_ins"]
    how = rng.choice(("vide", "cle", "deplace"))
    touched = {key(row)}
    if how == "vide":
        row["matricule_ins"] = ""
    elif how == "cle" and len(old) == 15:
        row["matricule_ins"] = old[:-1] + str((int(old[-1]) + 1) % 10)
    else:
        row["matricule_ins"], other["matricule_ins"] = other["matricule_ins"], ""
        touched.add(key(other))
        how = f"deplace from {key(other)}"
    return f"matricule {key(row)} {how}", touched


def documents(inputs: Inputs, rng: Random) -> Edit:
    row = inputs.pick(rng)
    row["justificatif"] = rng.choice(JUSTIFICATIFS)
    row["justificatif_complement"] = rng.choice(COMPLEMENTS)
    doc = f"{row['justificatif']}+{row['justificatif_complement']}"
    return f"documents {key(row)}: {doc}", {key(row)}


def attributes(inputs: Inputs, rng: Random) -> Edit:
    row = inputs.pick(rng)
    row["attributs"], row["statut"] = rng.choice(ATTRIBUTS), rng.choice(STATUTS)
    return f"attributs {key(row)}: {row['attributs']!r} statut {row['statut']!r}", {key(row)}


def new_row(inputs: Inputs, rng: Random) -> Edit:
    """A new record: a copy of another one (a duplicate), maybe with a typo."""
    source = inputs.pick(rng)
    row = dict(source)
    inputs.next_id += 1
    row["local_id"] = f"N{inputs.next_id:06d}"
    if rng.random() < 0.5:
        row["nom_naissance"] = _typo(row["nom_naissance"], rng)
    inputs.rows.insert(rng.randrange(len(inputs.rows) + 1), row)
    return f"new {key(row)} copy of {key(source)}", {key(row), key(source)}


def remove_row(inputs: Inputs, rng: Random) -> Edit:
    row = inputs.pick(rng)
    inputs.rows.remove(row)
    return f"removed {key(row)}", {key(row)}


def inactive(inputs: Inputs, rng: Random) -> Edit:
    row = inputs.pick(rng)
    row["actif"] = "0" if row["actif"] != "0" else "1"
    return f"actif {key(row)} -> {row['actif']}", {key(row)}


def insi_new(inputs: Inputs, rng: Random) -> Edit:
    """A later INSi response for a record, its traits those of the export (a fresh call)."""
    row = inputs.pick(rng)
    previous = [d for d in inputs.insi if (d["structure"], d["local_id"]) == key(row)]
    when = f"{inputs.today.isoformat()}T0{rng.randrange(10)}:00:00"
    if previous and previous[-1].get("ins"):
        doc = json.loads(json.dumps(previous[-1]))
        doc["date"] = when
        traits = doc.get("traits")
        if isinstance(traits, dict) and rng.random() < 0.5:
            traits["prenoms_naissance"] = _typo(str(traits.get("prenoms_naissance", "")), rng)
    else:
        doc = {"structure": row["structure"], "local_id": row["local_id"],
               "operation": "RECHERCHE_TRAITS", "date": when, "cr": "01",
               "libelle_cr": "Aucune identité trouvée"}  # fmt: skip
    inputs.insi.append(doc)
    return f"insi new {key(row)} cr {doc['cr']}", {key(row)}


def insi_removed(inputs: Inputs, rng: Random) -> Edit:
    while True:
        doc = rng.choice(inputs.insi)
        which = (str(doc["structure"]), str(doc["local_id"]))
        if which not in inputs.protected:
            break
    inputs.insi.remove(doc)
    return f"insi removed {which} of {doc['date']}", {which}


EDITS: tuple[Callable[[Inputs, Random], Edit], ...] = (
    typo_nom, typo_nom, birth, matricule, documents, attributes,
    new_row, remove_row, inactive, insi_new, insi_removed,
)  # fmt: skip


def random_edits(inputs: Inputs, rng: Random, count: int) -> list[Edit]:
    return [rng.choice(EDITS)(inputs, rng) for _ in range(count)]


def policy(*, ehpad: bool = False, age_majorite: int = 18) -> str:
    """A --rules file: the keys it omits keep the default policy's values."""
    return f"[justificatifs]\nehpad = {str(ehpad).lower()}\nage_majorite = {age_majorite}\n"


def read_rows(path: Path) -> tuple[list[str], list[list[str]]]:
    """An output CSV's header and its rows, sorted (contract §7: same rows, any order)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        header, *rows = list(csv.reader(handle, delimiter=";"))
    return header, sorted(rows)


def first_difference(name: str, left: Path, right: Path, limit: int = 6) -> str | None:
    """None if both files hold the same rows; else the first rows that differ, in words."""
    (lh, lrows), (rh, rrows) = read_rows(left / name), read_rows(right / name)
    if lh != rh:
        return f"{name}: headers differ: {lh} / {rh}"
    if lrows == rrows:
        return None
    only_left = [r for r in lrows if r not in rrows]
    only_right = [r for r in rrows if r not in lrows]
    lines = [f"{name}: {len(lrows)} rows in {left.name}, {len(rrows)} in {right.name}"]
    lines += [f"  only in {left.name}: {';'.join(r)}" for r in only_left[:limit]]
    lines += [f"  only in {right.name}: {';'.join(r)}" for r in only_right[:limit]]
    if not only_left and not only_right:
        lines.append("  same rows, not the same number of times")
    return "\n".join(lines)
