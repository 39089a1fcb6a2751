"""One bad spot in the residents file costs one line, never the file (issue 15).

Synthetic identities only.
"""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from insvigil.errors import InputFileError
from insvigil.io import open_residents
from tests.io.residents_helpers import read, write

FINESS_OK = "750712184"
HEADER = "structure;local_id;nom_naissance;prenoms_naissance;date_naissance;sexe"


def row(local_id: str, nom: str = "TESTNOM", prenoms: str = "ALPHA") -> str:
    return f"{FINESS_OK};{local_id};{nom};{prenoms};1980-01-01;F"


def utf8_file(count: int, accented: str = "HÉLÈNE") -> bytes:
    return (HEADER + "\n" + "".join(row(str(i), accented) + "\n" for i in range(count))).encode()


def test_one_invalid_byte_costs_only_its_line(tmp_path: Path) -> None:
    data = utf8_file(30).replace(row("7", "HÉLÈNE").encode(), row("7", "Ã‰LODIE").encode())
    data = data.replace("Ã‰LODIE".encode(), "ÉLODIE".encode("cp1252"))  # one byte C9
    opened, rows, rejects = read(write(tmp_path, data))
    assert not rejects and len(rows) == 30
    names = {r.get("local_id"): r.get("nom_naissance") for r in rows}
    assert names["7"] == "ÉLODIE"  # read as Windows-1252
    assert {names[str(i)] for i in range(30) if i != 7} == {"HÉLÈNE"}  # still UTF-8
    (warning,) = [w for w in opened.warnings if "Windows-1252" in w]
    assert "ligne(s) 9 pas en UTF-8 valide" in warning


def test_many_windows_1252_lines_are_listed_briefly(tmp_path: Path) -> None:
    lines = [row(str(i), "HÉLÈNE").encode("cp1252" if i % 2 else "utf-8") for i in range(40)]
    data = HEADER.encode() + b"\n" + b"\n".join(lines) + b"\n"
    opened, rows, rejects = read(write(tmp_path, data))
    assert not rejects and {r.get("nom_naissance") for r in rows} == {"HÉLÈNE"}
    (warning,) = [w for w in opened.warnings if "Windows-1252" in w]
    assert "ligne(s) 3, 5, 7, 9, 11, 13, 15, 17, 19, 21… (+10)" in warning


def test_windows_1252_throughout_reads_as_before(tmp_path: Path) -> None:
    data = utf8_file(5).decode().encode("cp1252")
    opened, rows, rejects = read(write(tmp_path, data))
    assert not rejects and {r.get("nom_naissance") for r in rows} == {"HÉLÈNE"}
    assert opened.encoding == "cp1252"
    (warning,) = opened.warnings
    assert "le fichier n'est pas en UTF-8 valide ; il est lu comme Windows-1252" in warning


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252"])
def test_bytes_neither_utf8_nor_windows_1252_reject_their_line(
    tmp_path: Path, encoding: str
) -> None:
    text = HEADER + "\n" + "".join(row(str(i), "HÉLÈNE") + "\n" for i in range(6))
    data = text.encode(encoding).replace(";3;HÉ".encode(encoding), b";3;\x81\x8d")
    _, rows, rejects = read(write(tmp_path, data))
    assert [r.get("local_id") for r in rows] == ["0", "1", "2", "4", "5"]
    (reject,) = rejects
    assert reject.ligne == 5 and "ni UTF-8 ni Windows-1252" in reject.motif


def test_nul_byte_in_a_cell_rejects_its_line_only(tmp_path: Path) -> None:
    data = utf8_file(5).replace(";2;HÉ".encode(), ";2;H\x00É".encode())
    opened, rows, rejects = read(write(tmp_path, data))
    assert [r.get("local_id") for r in rows] == ["0", "1", "3", "4"]
    (reject,) = rejects
    assert reject.ligne == 4 and reject.colonne == "" and "caractère NUL" in reject.motif
    assert opened.record_count == 5


def test_nul_byte_inside_a_multiline_record_rejects_the_record(tmp_path: Path) -> None:
    text = f'{HEADER}\n{row("0")}\n{FINESS_OK};1;"TEST\nNO\x00M";ALPHA;1980-01-01;F\n{row("2")}\n'
    _, rows, rejects = read(write(tmp_path, text.encode()))
    assert [r.line for r in rows] == [2, 5]
    (reject,) = rejects
    assert reject.ligne == 3 and "à la ligne 4 : enregistrement des lignes 3 à 4" in reject.motif


def test_oversized_cell_rejects_its_line_only(tmp_path: Path) -> None:
    huge = "A" * (200 * 1024)
    text = f"{HEADER}\n{row('0')}\n{row('1', huge)}\n{row('2')}\n"
    opened, rows, rejects = read(write(tmp_path, text.encode()))
    assert [r.get("local_id") for r in rows] == ["0", "2"]
    (reject,) = rejects
    assert reject.ligne == 3 and "cellule de plus de 128 Kio" in reject.motif
    assert "guillemet" not in reject.motif  # one line: no quote to blame
    assert opened.record_count == 3


@pytest.mark.parametrize(
    ("content", "hint"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(2000), "image"),
        (b"PK\x03\x04" + HEADER.encode(), "classeur"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "xls"),
        ((HEADER + "\n" + row("1") + "\n").encode("utf-16-le"), "UTF-16"),
        (codecs.BOM_UTF16_BE + HEADER.encode("utf-16-be"), "UTF-16"),
        (bytes(range(32)) * 40, "contenu binaire"),
    ],
)
def test_really_binary_files_are_still_refused(tmp_path: Path, content: bytes, hint: str) -> None:
    with pytest.raises(InputFileError, match="pas un fichier texte CSV") as caught:
        open_residents(write(tmp_path, content))
    assert hint in str(caught.value)


def test_bom_before_a_data_row_is_dropped(tmp_path: Path) -> None:
    bom = codecs.BOM_UTF8
    data = bom + f"{HEADER}\n{row('0')}\n".encode() + bom + f"{row('1')}\n".encode()
    _, rows, rejects = read(write(tmp_path, data))
    assert not rejects
    assert [r.get("structure") for r in rows] == [FINESS_OK, FINESS_OK]


def test_bom_before_a_row_of_a_windows_1252_file_is_dropped(tmp_path: Path) -> None:
    first = f"{HEADER}\n{row('0', 'ÉLODIE')}\n".encode("cp1252")
    data = first + codecs.BOM_UTF8 + row("1", "ÉLODIE").encode("cp1252") + b"\n"
    _, rows, rejects = read(write(tmp_path, data))
    assert not rejects and [r.get("structure") for r in rows] == [FINESS_OK, FINESS_OK]
    assert {r.get("nom_naissance") for r in rows} == {"ÉLODIE"}


def test_repeated_header_is_skipped_with_one_warning(tmp_path: Path) -> None:
    bom = codecs.BOM_UTF8
    part = f"{HEADER}\n{row('0')}\n{row('1')}\n".encode()
    other = f"{HEADER.upper()}\r\n{row('2')}\r\n".encode()
    data = bom + part + bom + part.replace(b";0;", b";3;").replace(b";1;", b";4;") + other
    opened, rows, rejects = read(write(tmp_path, data))
    assert not rejects
    assert [r.get("local_id") for r in rows] == ["0", "1", "3", "4", "2"]
    (warning,) = [w for w in opened.warnings if "en-tête" in w]
    assert "en-tête répété ignoré, ligne(s) 4, 7" in warning
    assert not [w for w in opened.warnings if "structure structure" in w]  # not a FINESS
    assert opened.record_count == 5


def test_damaged_header_is_named_as_such(tmp_path: Path) -> None:
    header = HEADER.replace("sexe", "se\x00xe")
    data = f"{header}\n{row('0')}\n".encode()
    with pytest.raises(InputFileError, match="en-tête illisible : caractère NUL"):
        open_residents(write(tmp_path, data))


def test_a_huge_rejected_value_is_cut_with_its_length() -> None:
    from insvigil.io.schema import MAX_REJECTED_VALUE, Reject

    reject = Reject(3, "local_id", "X" * 140_000, "motif")
    assert len(reject.valeur) < MAX_REJECTED_VALUE + 40
    assert reject.valeur.endswith("… (140000 caractères)")
    assert Reject(3, "nom", "court", "motif").valeur == "court"
