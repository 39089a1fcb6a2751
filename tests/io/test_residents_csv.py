"""Structural reading of the residents file (contract section 1): encodings, delimiter,
header, unusable files. Synthetic identities only. Row-level rejects: test_residents_rows."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from insvigil.errors import InputFileError
from insvigil.io import COLUMNS, REQUIRED, open_residents
from tests.io.residents_helpers import (
    FINESS_OK,
    HEADER,
    line,
    read,
    write,
)


def test_columns_follow_the_contract() -> None:
    assert COLUMNS[:4] == ("structure", "local_id", "nom_naissance", "prenoms_naissance")
    assert COLUMNS[-1] == "actif" and len(COLUMNS) == 17
    assert {
        "structure",
        "local_id",
        "nom_naissance",
        "prenoms_naissance",
        "date_naissance",
        "sexe",
    } == REQUIRED


@pytest.mark.parametrize(
    ("prefix", "encoding", "codec", "warned"),
    [
        (b"", "utf-8", "utf-8", False),
        (codecs.BOM_UTF8, "utf-8", "utf-8-sig", False),
        (b"", "cp1252", "cp1252", True),
    ],
)
def test_encodings(tmp_path: Path, prefix: bytes, encoding: str, codec: str, warned: bool) -> None:
    text = f"{HEADER}\n{line(nom='HÉLÈNE-TEST')}\n"
    opened, rows, rejects = read(write(tmp_path, prefix + text.encode(encoding)))
    assert opened.encoding == codec
    assert rows[0].get("nom_naissance") == "HÉLÈNE-TEST"
    assert rows[0].get("structure") == FINESS_OK  # no BOM glued to the first value/name
    assert not rejects
    encoding_warnings = [w for w in opened.warnings if "Windows-1252" in w]
    assert len(encoding_warnings) == (1 if warned else 0)
    if warned:
        assert "lu comme Windows-1252" in encoding_warnings[0]


def test_utf8_early_then_cp1252_late_is_read_as_cp1252(tmp_path: Path) -> None:
    body = "".join(line(local_id=str(i)) + "\n" for i in range(3000))
    data = (HEADER + "\n" + body).encode() + line(local_id="x", nom="ÉLODIE").encode("cp1252")
    opened, rows, _ = read(write(tmp_path, data))
    assert opened.encoding == "cp1252" and rows[-1].get("nom_naissance") == "ÉLODIE"


@pytest.mark.parametrize("sep", [";", ","])
def test_delimiter_detected_with_quoted_cells(tmp_path: Path, sep: str) -> None:
    other = "," if sep == ";" else ";"
    header = HEADER.replace(";", sep)
    quoted = f'"TEST{sep}NOM{other}BIS"'
    text = f"{header}\n{line(nom=quoted, sep=sep)}\n"
    opened, rows, rejects = read(write(tmp_path, text))
    assert opened.delimiter == sep and not rejects
    assert rows[0].get("nom_naissance") == f"TEST{sep}NOM{other}BIS"


def test_header_quoted_with_the_other_delimiter_does_not_fool_detection(tmp_path: Path) -> None:
    header = '"structure,x";local_id;nom_naissance;prenoms_naissance;date_naissance;sexe,y;a,b'
    with pytest.raises(InputFileError):  # names are wrong, but the split was on ';'
        open_residents(write(tmp_path, header + "\n"))
    opened = open_residents(write(tmp_path, HEADER + ';"a,b,c"\n'))
    assert opened.delimiter == ";"


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_line_numbers_with_multiline_cells_and_blank_lines(tmp_path: Path, newline: str) -> None:
    cells = [FINESS_OK, "1", '"TEST\nNOM"', '"ALPHA\nBETA\nGAMMA"', "1980-01-01", "F", ""]
    text = newline.join(
        [HEADER, ";".join(cells), "", line(local_id="2"), ";;;;;;", "   ", line(local_id="3"), ""]
    )
    opened, rows, rejects = read(write(tmp_path, text))
    assert not rejects
    assert [r.line for r in rows] == [2, 7, 10]  # the first row spans lines 2-5
    assert rows[0].get("prenoms_naissance") == "ALPHA\nBETA\nGAMMA"
    assert opened.record_count == 3


@pytest.mark.parametrize(
    "header",
    [
        " Structure ;LOCAL_ID;Nom_Naissance; prenoms_naissance ;DATE_naissance;SEXE",
        '\ufeff"structure";"local_id";nom_naissance;prenoms_naissance;date_naissance;sexe',
        "\ufeff structure;local_id;nom_naissance;prenoms_naissance;date_naissance;sexe",
        ' "Structure" ; "Local_Id" ;nom_naissance;prenoms_naissance;date_naissance;sexe',
    ],
)
def test_header_names_are_matched_loosely(tmp_path: Path, header: str) -> None:
    text = f"{header}\n{FINESS_OK};1;TESTNOM;ALPHA;1980-01-01;M\n"
    opened, rows, _ = read(write(tmp_path, text))
    assert opened.columns == (
        "structure",
        "local_id",
        "nom_naissance",
        "prenoms_naissance",
        "date_naissance",
        "sexe",
    )
    assert rows[0].get("local_id") == "1" and rows[0].get("matricule_ins") is None


def test_bom_seen_through_cp1252_is_ignored_in_the_header(tmp_path: Path) -> None:
    text = f"{HEADER}\n{line(nom='ÉLODIE')}\n".encode("cp1252")
    opened, rows, _ = read(write(tmp_path, codecs.BOM_UTF8 + text))
    assert opened.encoding == "cp1252" and opened.columns[0] == "structure" and rows


def test_unknown_columns_give_one_warning(tmp_path: Path) -> None:
    text = f"{HEADER};couleur;;Taille\n{line()};bleu;;1\n"
    opened, rows, _ = read(write(tmp_path, text))
    assert len(opened.warnings) == 1
    assert "colonnes inconnues ignorées : couleur, (sans nom), Taille" in opened.warnings[0]
    assert len(rows[0].values) == len(COLUMNS) and rows[0].get("nom_naissance") == "TESTNOM"


def test_raw_row_is_aligned_with_columns(tmp_path: Path) -> None:
    header = "sexe;statut;structure;local_id;nom_naissance;prenoms_naissance;date_naissance"
    text = f"{header}\n F ;;{FINESS_OK}; 7 ;TESTNOM;ALPHA BETA;1980-01-01\n"
    _, rows, _ = read(write(tmp_path, text))
    row = rows[0]
    assert len(row.values) == len(COLUMNS)
    assert row.get("sexe") == "F" and row.get("local_id") == "7"
    assert row.get("statut") == ""  # present, empty
    assert row.get("actif") is None  # absent column
    with pytest.raises(KeyError):
        row.get("inconnue")


@pytest.mark.parametrize(
    ("header", "missing"),
    [
        ("structure;local_id;nom_naissance;prenoms_naissance", "date_naissance, sexe"),
        ("local_id;sexe;nom_naissance;prenoms_naissance;date_naissance", "structure"),
        ("structure,local_id,nom_naissance", "prenoms_naissance, date_naissance, sexe"),
    ],
)
def test_missing_required_column(tmp_path: Path, header: str, missing: str) -> None:
    path = write(tmp_path, header + "\n")
    with pytest.raises(InputFileError) as caught:
        open_residents(path)
    message = str(caught.value)
    assert message.startswith(f"{path} : colonnes obligatoires absentes : {missing} (")
    assert "attendu : structure, local_id, nom_naissance, prenoms_naissance" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "fichier vide"),
        (codecs.BOM_UTF8, "fichier vide"),
        (b"\n\r\n   \n", "fichier vide"),
        (b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "pas un fichier texte CSV"),
        (codecs.BOM_UTF16_LE + HEADER.encode("utf-16-le"), "UTF-16"),
        (bytes(range(256)) * 4, "pas un fichier texte CSV"),
        (b"\x89PNG\r\n\x1a\n\x81\x8d\x90 junk", "pas un fichier texte CSV"),
        (f"{FINESS_OK};1;TESTNOM;ALPHA;1980-01-01;M\n".encode(), "aucune colonne reconnue"),
        (b"structure\tlocal_id\tsexe\n", "aucune colonne reconnue"),
        ((HEADER + ";sexe\n").encode(), "colonne en double dans l'en-tête : sexe"),
    ],
)
def test_unusable_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = write(tmp_path, content)
    with pytest.raises(InputFileError) as caught:
        open_residents(path)
    message = str(caught.value)
    assert expected in message and message.startswith(str(path)) and "\n" not in message
    assert "TESTNOM" not in message  # a headerless file's data never reaches the message


def test_missing_path_and_directory(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="fichier introuvable"):
        open_residents(tmp_path / "absent.csv")
    with pytest.raises(InputFileError, match="dossier"):
        open_residents(tmp_path)
