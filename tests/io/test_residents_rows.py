"""Reading the residents file row by row (contract section 1): a bad row costs that row,
duplicate keys, FINESS keys, masked rejects, lazy reading. Synthetic identities only."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from insvigil.io import RawRow, Reject, open_residents
from insvigil.io._csvtext import MAX_RESYNCS
from tests.io.residents_helpers import (
    FINESS_BAD,
    FINESS_OK,
    FINESS_OK_2,
    HEADER,
    MATRICULE,
    line,
    read,
    write,
)


def test_unclosed_quote_costs_its_line_only(tmp_path: Path) -> None:
    tail = "".join(line(local_id=str(i)) + "\n" for i in range(3000))
    text = f'{HEADER}\n{FINESS_OK};1;"TESTNOM;ALPHA\n{tail}'
    opened, rows, rejects = read(write(tmp_path, text))
    assert [r.ligne for r in rejects] == [2]
    assert "guillemet ouvrant jamais fermé" in rejects[0].motif
    assert "la lecture reprend à la ligne suivante" in rejects[0].motif
    assert [r.line for r in rows] == list(range(3, 3003))
    assert opened.record_count == 3001


def test_too_many_unclosed_quotes_fall_back_to_whole_spans(tmp_path: Path) -> None:
    body = "".join(f'{FINESS_OK};{i};"TESTNOM\n' for i in range(MAX_RESYNCS + 5))
    opened, rows, rejects = read(write(tmp_path, f"{HEADER}\n{body}"))
    assert not rows and opened.record_count == len({r.ligne for r in rejects})
    assert [r.ligne for r in rejects[:MAX_RESYNCS]] == list(range(2, MAX_RESYNCS + 2))
    # Past the cap, a record spanning lines is rejected whole, as the CSV grammar reads it.
    assert rejects[MAX_RESYNCS].ligne == MAX_RESYNCS + 2
    assert f"jusqu'à la ligne {MAX_RESYNCS + 3}" in rejects[MAX_RESYNCS].motif


@pytest.mark.parametrize(
    ("bad", "found"),
    [
        (f"{FINESS_OK};1;TESTNOM;ALPHA;1980-01-01;F", 6),
        (line() + ";EXTRA", 8),
        (line() + ";", 8),
        ("seul", 1),
    ],
)
def test_wrong_cell_count_rejects_the_whole_row(tmp_path: Path, bad: str, found: int) -> None:
    text = f"{HEADER}\n{line(local_id='0')}\n{bad}\n{line(local_id='9')}\n"
    _, rows, rejects = read(write(tmp_path, text))
    assert [r.line for r in rows] == [2, 4]
    assert len(rejects) == 1
    reject = rejects[0]
    assert (reject.ligne, reject.colonne) == (3, "")
    assert reject.valeur == f"{found} cellule{'s' if found > 1 else ''}"
    assert f"{found} au lieu de 7" in reject.motif
    assert MATRICULE not in reject.valeur + reject.motif


def test_multiline_bad_row_costs_its_first_line_and_is_read_again(tmp_path: Path) -> None:
    text = f'{HEADER}\n{FINESS_OK};1;"TESTNOM\nSUITE\nFIN;2\n{line(local_id="5")}\n'
    _, rows, rejects = read(write(tmp_path, text))
    assert rejects[0].ligne == 2 and "jusqu'à la ligne 5" in rejects[0].motif
    assert [r.ligne for r in rejects[1:]] == [3, 4]  # read again: one cell, then two
    assert [r.line for r in rows] == [5]


def test_empty_required_values(tmp_path: Path) -> None:
    text = (
        f"{HEADER}\n"
        f"{FINESS_OK};1;;ALPHA;1980-01-01;F;\n"
        f"{FINESS_OK};2;TESTNOM;  ;1980-01-01;;\n"
        f"{FINESS_OK};3;TESTNOM;ALPHA;1980-01-01;F;\n"
    )
    _, rows, rejects = read(write(tmp_path, text))
    assert [r.line for r in rows] == [4]
    assert [(r.ligne, r.colonne, r.valeur) for r in rejects] == [
        (2, "nom_naissance", ""),
        (3, "prenoms_naissance", ""),
        (3, "sexe", ""),
    ]
    assert all(r.motif == "valeur obligatoire absente" for r in rejects)


def test_duplicate_keys_are_all_rejected(tmp_path: Path) -> None:
    text = "\n".join(
        [
            HEADER,
            line(local_id="A1"),  # 2
            line(local_id="B2"),  # 3
            line(local_id=" A1 "),  # 4: same key once stripped
            line(structure=FINESS_OK_2, local_id="A1"),  # 5: other structure, not a duplicate
            line(local_id="A1", nom=""),  # 6: also empty nom_naissance
            line(local_id="C3"),  # 7
            line(local_id="C3"),  # 8
        ]
    )
    _, rows, rejects = read(write(tmp_path, text + "\n"))
    assert [r.line for r in rows] == [3, 5]
    duplicates = [r for r in rejects if r.colonne == "local_id"]
    assert [(r.ligne, r.valeur) for r in duplicates] == [
        (2, "A1"),
        (4, "A1"),
        (6, "A1"),
        (7, "C3"),
        (8, "C3"),
    ]
    assert "aussi ligne(s) 4, 6" in duplicates[0].motif
    assert "aussi ligne(s) 2, 6" in duplicates[1].motif
    assert "aussi ligne(s) 7" in duplicates[4].motif
    assert any(r.ligne == 6 and r.colonne == "nom_naissance" for r in rejects)


def test_many_duplicates_are_listed_briefly(tmp_path: Path) -> None:
    text = HEADER + "\n" + "".join(line(local_id="Z") + "\n" for _ in range(30))
    _, rows, rejects = read(write(tmp_path, text))
    assert not rows and len(rejects) == 30
    assert "… (+19)" in rejects[0].motif


@pytest.mark.parametrize(
    ("colonne", "valeur", "shown"),
    [
        ("matricule_ins", MATRICULE, "2************07"),
        ("matricule_ins", "2 83 05 2A 004 123 07", "2************07"),
        ("matricule_ins", "2************07", "2************07"),
        ("matricule_ins", "", ""),
        ("local_id", "IPP-1", "IPP-1"),
    ],
)
def test_reject_masks_matricules(colonne: str, valeur: str, shown: str) -> None:
    reject = Reject(5, colonne, valeur, "motif")
    assert reject.valeur == shown
    assert reject.as_row() == (5, colonne, shown, "motif")


def test_finess_key_is_a_warning_per_structure(tmp_path: Path) -> None:
    text = "\n".join(
        [
            HEADER,
            line(structure=FINESS_BAD, local_id="1"),
            line(structure=FINESS_BAD, local_id="2"),
            line(structure=FINESS_OK_2, local_id="3"),
            line(structure="2A0000170", local_id="4"),
            line(structure="12345", local_id="5"),
        ]
    )
    opened, rows, rejects = read(write(tmp_path, text + "\n"))
    assert len(rows) == 5 and not rejects
    assert len(opened.warnings) == 2
    assert f"structure {FINESS_BAD} : clé de Luhn" in opened.warnings[0]
    assert "ses 2 lignes sont conservées" in opened.warnings[0]
    assert "structure 12345 : numéro FINESS de 5 caractères" in opened.warnings[1]


def test_finess_warnings_are_capped(tmp_path: Path) -> None:
    body = "".join(line(structure=f"99{i:07d}", local_id="1") + "\n" for i in range(1, 40))
    opened, rows, _ = read(write(tmp_path, HEADER + "\n" + body))
    bad = [w for w in opened.warnings if "FINESS" in w]
    assert len(rows) == 39 and len(bad) == 21
    assert bad[-1].endswith("autre(s) structure(s) au FINESS invalide")


def test_rows_is_lazy_and_repeatable(tmp_path: Path) -> None:
    text = HEADER + "\n" + "".join(line(local_id=str(i)) + "\n" for i in range(2000))
    opened = open_residents(write(tmp_path, text))
    first = opened.rows()
    assert isinstance(first, Iterator)
    head = next(first)
    assert isinstance(head, RawRow) and head.line == 2 and isinstance(head.values, tuple)
    assert next(opened.rows()) == head
    assert sum(1 for _ in opened.rows()) == 2000 == opened.record_count


def test_header_only_file_has_no_rows(tmp_path: Path) -> None:
    opened, rows, rejects = read(write(tmp_path, HEADER + "\r\n"))
    assert (rows, rejects, opened.record_count, opened.warnings) == ([], [], 0, [])


def test_keep_leaves_out_sound_rows_only(tmp_path: Path) -> None:
    """A worker's share: other keys' sound rows are skipped, every Reject is still yielded."""
    text = "\n".join(
        [
            HEADER,
            line(local_id="A1"),  # 2: ours
            line(local_id="B2"),  # 3: not ours, sound: skipped
            line(local_id="B3", nom=""),  # 4: not ours, but a Reject (empty nom_naissance)
            line(local_id="B4"),  # 5: not ours, duplicate of line 6: Rejects
            line(local_id="B4"),  # 6
            f"{FINESS_OK};B5;TESTNOM",  # 7: not ours, wrong width: Reject
            line(local_id=" A6 "),  # 8: ours once stripped
        ]
    )
    opened = open_residents(write(tmp_path, text + "\n"))
    every = list(opened.rows())
    kept = list(opened.rows(keep=lambda structure, local_id: local_id.startswith("A")))
    expected = [
        item
        for item in every
        if not isinstance(item, RawRow) or (item.get("local_id") or "").startswith("A")
    ]
    assert kept == expected
    assert [r.line for r in kept if isinstance(r, RawRow)] == [2, 8]
    assert sorted({r.ligne for r in kept if isinstance(r, Reject)}) == [4, 5, 6, 7]
