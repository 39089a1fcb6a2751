"""Matricules written inside any text are masked; other text is left alone (synthetic data)."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from stdnum.fr import nir

from insvigil.identifiers.matricule import calc_key, compact, is_valid
from insvigil.identifiers.matricule_text import key_ok, mask_matricules

NIR = "283052A00412307"  # synthetic, valid key
SEPARATORS = " .\t\u00a0\u202f"
#: Where a matricule's groups meet (after characters 1, 3, 5, 7, 8, 10 and 13): metropolitan
#: ``2 83 05 2A 004 123 07``, overseas ``2 01 07 974 11 012 37``, body and key ``… 123 07``.
BOUNDARIES = (1, 3, 5, 7, 8, 10, 13)
#: No timing in tests: a loaded machine must not fail them.
UNTIMED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def matricules(draw: st.DrawFn) -> str:
    """Any synthetic matricule with a valid key (MI02): any first digit (7/8: temporary
    numbers), any month code, Corsica, overseas and abroad places."""
    sexe = draw(st.sampled_from("12345678"))
    year, month = draw(st.integers(0, 99)), draw(st.integers(0, 99))
    lieu = draw(
        st.one_of(
            st.integers(1000, 95999).map(lambda n: f"{n:05d}"),
            st.tuples(st.sampled_from(["2A", "2B", "2a", "2b"]), st.integers(0, 999)).map(
                lambda t: f"{t[0]}{t[1]:03d}"
            ),
            st.integers(97100, 98999).map(str),
            st.integers(99000, 99999).map(str),
        )
    )
    ordre = draw(st.integers(0, 999))
    body = f"{sexe}{year:02d}{month:02d}{lieu.upper()}{ordre:03d}"
    return body + calc_key(body)


@st.composite
def written(draw: st.DrawFn, matricule: str) -> str:
    """``matricule`` as a person may type it: any separators (none, several, mixed) between its
    groups, ``2A``/``2B`` in either case."""
    if draw(st.booleans()):
        matricule = matricule.lower()
    text = ""
    for index, char in enumerate(matricule):
        if index in BOUNDARIES:
            text += draw(st.text(alphabet=SEPARATORS, max_size=3))
        text += char
    return text


def _not_glued(before: str, after: str) -> tuple[str, str]:
    """A digit touching the matricule would make it another, longer number."""
    return (before + " " if before[-1:].isdigit() else before), (
        " " + after if after[:1].isdigit() else after
    )


@pytest.mark.parametrize(
    "typed",
    [
        "283052A00412307",
        "283052a00412307",
        "2 83 05 2A 004 123 07",
        "2.83.05.2A.004.123.07",
        "2 83 05 2A004 123 07",
        "283052A004123 07",
        "2\t83\t05\t2A\t004\t123\t07",
        "2\u00a083\u00a005\u00a02A\u00a0004\u00a0123\u00a007",
        "2  83  05  2A  004  123  07",
    ],
)
def test_every_usual_writing_is_masked(typed: str) -> None:
    assert mask_matricules(f"NIR {typed}, vu") == "NIR 2************07, vu"
    assert mask_matricules(f"NIR{typed}") == "NIR2************07"
    assert mask_matricules(typed) == "2************07"


def test_overseas_and_abroad_groupings() -> None:
    assert mask_matricules("né à La Réunion : 2 01 07 974 11 012 37") == (
        "né à La Réunion : 2************37"
    )
    assert mask_matricules("1 85 03 99 350 071 49.") == "1************49."


@pytest.mark.parametrize(
    "kept",
    [
        "283052A00412345",  # wrong key: not a matricule
        "2 83 05 2A 004 123 45",
        "750000001 123456",  # a FINESS and a record number, 15 digits, in a listing
        "tel 06 12 34 56 78, dossier 00056770",
        "12283052A00412307",  # glued to other digits: another number
        "283052A0041230799",
        "2830520041230 07",  # grouped oddly AND wrong key
        "le 12/05/1983 à 10:41:00",
        "IS10|JU01|ST02",
        "",
    ],
)
def test_other_text_is_kept(kept: str) -> None:
    assert mask_matricules(kept) is kept or mask_matricules(kept) == kept


def test_a_wrong_candidate_does_not_hide_a_real_one() -> None:
    # "1 2 83 05 2A 004 123 0" could be read first; the real matricule starts after it.
    assert mask_matricules("12 2 83 05 2A 004 123 07") == "12 2************07"
    assert mask_matricules("1 2 83 05 2A 004 123 07 8") == "1 2************07 8"
    assert mask_matricules(f"{NIR} et {NIR}") == "2************07 et 2************07"


def test_a_hash_is_not_a_matricule() -> None:
    # A SHA-256 of the audit trail may hold 15 digits with a valid key: it stays whole.
    digest = "ab" * 10 + NIR.lower() + "cd" * 15
    assert mask_matricules(f"empreinte {digest}") == f"empreinte {digest}"
    real = hashlib.sha256(b"x").hexdigest()
    assert mask_matricules(real) == real
    # ... but a matricule beside hex-looking letters is still one.
    assert mask_matricules(f"ref abc{NIR}def") == "ref abc2************07def"


def test_a_value_cut_for_display_is_masked() -> None:
    # The 13-character body gives the key: a cut value must not show it.
    assert mask_matricules("Date de naissance « 2 83 05 2A 004 123 0… » illisible") == (
        "Date de naissance « 2*************… » illisible"
    )
    assert mask_matricules("Sexe « 283052A004… » invalide") == "Sexe « 2*********… » invalide"
    assert mask_matricules("valeur 283052A00412307999...") == "valeur 2*****************..."
    assert mask_matricules("Lieu « 2 83 05 2A… »") == "Lieu « 2******… »"  # the department
    assert mask_matricules("« 1983-05… »") == "« 1983-05… »"  # a date, kept


def test_key_ok_agrees_with_stdnum() -> None:
    for body in ("283052A004123", "2460120004118", "1850399350071", "283052B004123"):
        key = nir.calc_check_digits(body)
        assert key_ok(body + key)
        assert not key_ok(body + f"{(int(key) + 1) % 100:02d}")


def test_short_text_is_returned_as_is() -> None:
    text = "VALIDEE"
    assert mask_matricules(text) is text


@UNTIMED
@given(matricules().flatmap(lambda m: st.tuples(st.just(m), written(m))), st.text(), st.text())
@example(("283052A00412307", "2 83 05 2A 004 123 07"), "NIR ", "")
@example(("283052A00412307", "283052a00412307"), "aaaaaaaaaaaaaaa", "b")
def test_any_valid_matricule_in_any_text_is_masked(
    pair: tuple[str, str], before: str, after: str
) -> None:
    matricule, typed = pair
    before, after = _not_glued(before, after)
    # The one exception: glued into a run of 32+ lower-case hex characters (a hash).
    hexa = set("0123456789abcdef")
    run = (
        len(before)
        - len(before.rstrip("0123456789abcdef"))
        + len(after)
        - len(after.lstrip("0123456789abcdef"))
    )
    assume(not (set(typed) <= hexa and run + 15 >= 32))
    masked = mask_matricules(before + typed + after)
    flat = compact(masked)  # spaces, dots, tabs, no-break spaces removed; upper case
    assert matricule not in flat
    assert matricule[:13] not in flat  # not even the body (which gives the key)
    assert f"{matricule[0]}{'*' * 12}{matricule[13:]}" in masked


@UNTIMED
@given(
    matricules().flatmap(lambda m: st.tuples(st.just(m), st.integers(1, 96))),
    st.data(),
    st.text(),
    st.text(),
)
def test_a_wrong_key_is_left_alone(
    pair: tuple[str, int], data: st.DataObject, before: str, after: str
) -> None:
    matricule, shift = pair
    wrong = matricule[:13] + f"{(int(matricule[13:]) + shift) % 97:02d}"
    assume(not is_valid(wrong))
    typed = data.draw(written(wrong))
    before, after = _not_glued(before, after)
    text = before + typed + after
    assume("…" not in text and "..." not in text)  # a cut value is masked whatever its key
    assume(not _has_valid_matricule_elsewhere(text))
    assert mask_matricules(text) == text


@UNTIMED
@given(st.text(alphabet=st.characters(blacklist_characters="…"), max_size=200))
def test_text_with_fewer_than_13_digits_is_unchanged(text: str) -> None:
    assume(sum(c in "0123456789" for c in text) < 13 and "..." not in text)
    assert mask_matricules(text) == text


@UNTIMED
@given(st.text(max_size=300))
def test_masking_twice_changes_nothing(text: str) -> None:
    once = mask_matricules(text)
    assert mask_matricules(once) == once


def _has_valid_matricule_elsewhere(text: str) -> bool:
    """Brute force, independent of the module's regex: any 15 consecutive characters, after
    removing separators, that form a valid matricule and that the random text around brought
    in (hypothesis may write digits on both sides)."""
    flat = compact(text)
    return any(is_valid(flat[i : i + 15]) for i in range(len(flat) - 14))
