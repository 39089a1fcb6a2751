"""parse_row's remembered values give exactly what reading each value gives (synthetic rows)."""

from __future__ import annotations

from datetime import date
from itertools import product

from insvigil.io.schema import COLUMNS, RawRow
from insvigil.qualify import parse

TODAY = date(2026, 11, 1)
ODD = {
    "date_naissance": ["12/05/1983", "1983-05-12", "1983-00-00", "31/02/1983", "2030-01-01", "x"],
    "sexe": ["F", "f", "M", "I", "Z"],
    "justificatif": ["", "CNI", "cni", "PERMIS"],
    "justificatif_complement": ["", "CARTE_VITALE_PHOTO", "AUTRE"],
    "attributs": ["", "DOUTEUSE", "HOMONYME|fictive", "DOUTEUSE|INCONNU"],
    "statut": ["", "VALIDEE", "qualifiee", "PERDUE"],
    "actif": ["", "1", "0", "oui", None],
}


def _row(line: int, **cells: str | None) -> RawRow:
    values: dict[str, str | None] = dict.fromkeys(COLUMNS, "")
    values.update(structure="750000001", local_id=f"A-{line}", nom_naissance="DUPONT",
                  prenoms_naissance="MARIE", matricule_ins="2 83 05 75 056 123 45")  # fmt: skip
    values.update(cells)
    return RawRow(line, tuple(values[c] for c in COLUMNS))


def test_remembered_values_change_nothing() -> None:
    names = list(ODD)
    rows = [
        _row(line, **dict(zip(names, combo, strict=True)))
        for line, combo in enumerate(product(*(ODD[n] for n in names)), start=2)
    ]
    expected = [parse._checked(row, TODAY) for row in rows]
    assert any(isinstance(e, list) for e in expected)
    assert any(not isinstance(e, list) for e in expected)
    for _ in range(2):  # cold, then with every sound value remembered
        assert [parse.parse_row(row, TODAY) for row in rows] == expected
    # The date's verdict depends on the day of the run: a date remembered for one day is not
    # taken for another.
    late = _row(2, date_naissance="2026-12-01", sexe="F")
    assert isinstance(parse.parse_row(late, TODAY), list)
    assert not isinstance(parse.parse_row(late, date(2027, 1, 1)), list)
    assert isinstance(parse.parse_row(late, TODAY), list)
