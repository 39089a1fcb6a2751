"""Streaming writers for the synthetic population's files.

All files are UTF-8 without BOM, ``\\n`` line endings, ``;``-delimited with a header (CSV); no
generated value contains ``;``, a quote or a line break, so no cell needs quoting.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TextIO

from insvigil.errors import OutputError
from insvigil.os_reason import why
from insvigil.synth.insi import json_line
from insvigil.synth.records import Record
from insvigil.synth.soap import envelope

__all__ = ["PAIRS_HEADER", "RESIDENTS_HEADER", "TRUTH_HEADER", "Writers", "claim_folder"]

RESIDENTS_HEADER = (
    "structure", "local_id", "nom_naissance", "prenoms_naissance", "premier_prenom",
    "date_naissance", "sexe", "lieu_naissance", "nom_utilise", "prenom_utilise",
    "matricule_ins", "oid_ins", "justificatif", "justificatif_complement", "attributs",
    "statut", "actif",
)  # fmt: skip
TRUTH_HEADER = (
    "structure",
    "local_id",
    "statut_attendu",
    "ins_utilisable_attendu",
    "personne_id",
    "defauts",
)
PAIRS_HEADER = ("structure_a", "local_id_a", "structure_b", "local_id_b", "type")
XML_FOLDER = "insi_xml"
_BUFFER = 1 << 20


def claim_folder(out: Path) -> None:
    """Create ``out``, or accept it if it is an empty folder; anything else is refused with
    :class:`OutputError` before a single file is written (a folder holding files, even a
    previous population, may be someone's data: nothing in it is replaced or deleted)."""
    if out.exists() and not out.is_dir():
        raise OutputError(f"{out} : c'est un fichier, pas un dossier (attendu : un dossier vide)")
    try:
        out.mkdir(parents=True, exist_ok=True)
        present = sorted(p.name for p in out.iterdir())
    except OSError as error:
        raise OutputError(f"{out} : dossier inutilisable ({why(error)})") from None
    if present:
        shown = ", ".join(present[:3]) + (", …" if len(present) > 3 else "")
        raise OutputError(
            f"{out} : le dossier n'est pas vide ({shown}) ; rien n'a été modifié, "
            "choisir un dossier vide ou nouveau"
        )


class Writers:
    """The open output files of one generation, and what was written to them."""

    def __init__(self, out: Path, xml_slots: list[int]) -> None:
        """``xml_slots``: sorted record positions from which the next record with a single
        INSi response gets it as a SOAP file (spreads the files over the population)."""
        claim_folder(out)
        self.xml_dir = out / XML_FOLDER
        self.xml_dir.mkdir()
        self._slots = xml_slots
        self._slot = 0  # next unused slot
        self._pending = 0  # slots reached, file not yet written
        self._index = 0  # records written so far
        self.residents = self._open(out / "residents.csv", RESIDENTS_HEADER)
        self.truth = self._open(out / "verite.csv", TRUTH_HEADER)
        self.pairs = self._open(out / "verite_paires.csv", PAIRS_HEADER)
        self.insi = self._open(out / "insi.jsonl", None)
        self.counts: Counter[str] = Counter()

    @staticmethod
    def _open(path: Path, header: tuple[str, ...] | None) -> TextIO:
        handle = path.open("w", encoding="utf-8", newline="\n", buffering=_BUFFER)
        if header is not None:
            handle.write(";".join(header) + "\n")
        return handle

    def record(self, rec: Record) -> None:
        finess = rec.structure.finess
        self.residents.write(f"{finess};{rec.local_id};{';'.join(rec.cells)}\n")
        usable = "1" if rec.attendu == "QUALIFIEE" else "0"
        self.truth.write(
            f"{finess};{rec.local_id};{rec.attendu};{usable};{rec.person.pid};"
            f"{'|'.join(rec.defauts)}\n"
        )
        while self._slot < len(self._slots) and self._slots[self._slot] <= self._index:
            self._pending += 1
            self._slot += 1
        self._index += 1
        if not rec.responses:
            return
        if self._pending and len(rec.responses) == 1 and rec.attendu != "REJET":
            self._pending -= 1
            path = self.xml_dir / f"{finess}__{rec.local_id}.xml"
            path.write_text(envelope(rec.responses[0]), encoding="utf-8", newline="\n")
            self.counts["xml"] += 1
            return
        for response in rec.responses:
            self.insi.write(json_line(finess, rec.local_id, response) + "\n")
        self.counts["jsonl"] += len(rec.responses)

    def pair(self, a: Record, b: Record | None, kind: str) -> None:
        other = f"{b.structure.finess};{b.local_id}" if b is not None else ";"
        self.pairs.write(f"{a.structure.finess};{a.local_id};{other};{kind}\n")

    def close(self) -> None:
        for handle in (self.residents, self.truth, self.pairs, self.insi):
            handle.close()
