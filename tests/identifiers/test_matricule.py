"""Matricule INS: MI01-MI03, masking, parts and synthetic values (synthetic data only)."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.fr import nir

from insvigil.errors import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidValue,
)
from insvigil.identifiers import matricule as m
from insvigil.identifiers.matricule import Parts

from . import JUNK

# domain.md §2.1 examples: written form, canonical form, parts (keys checked against stdnum).
EXAMPLES = [
    ("2 83 05 2A 004 123 07", "283052A00412307", Parts("2", "83", "05", "2A004", "123", "07")),
    ("2 46 01 20 004 118 85", "246012000411885", Parts("2", "46", "01", "20004", "118", "85")),
    ("1 85 03 99 350 071 49", "185039935007149", Parts("1", "85", "03", "99350", "071", "49")),
    ("2 01 07 974 11 012 37", "201079741101237", Parts("2", "01", "07", "97411", "012", "37")),
]


@pytest.mark.parametrize(("raw", "canonical", "expected"), EXAMPLES)
def test_domain_examples(raw: str, canonical: str, expected: Parts) -> None:
    assert nir.is_valid(canonical)  # the rulebook's keys agree with python-stdnum
    assert m.validate(raw) == canonical
    assert m.is_valid(raw)
    assert m.format(canonical) == raw
    assert m.parts(raw) == expected
    assert m.calc_key(canonical) == canonical[13:]
    assert m.mask(raw) == canonical[0] + "*" * 12 + canonical[13:]


@pytest.mark.parametrize(
    ("raw", "error", "code"),
    [
        ("2 83 05 2A 004 123 45", InvalidChecksum, "MI02"),  # domain.md: key 45 invalid
        ("283052B00412307", InvalidChecksum, "MI02"),  # 2A and 2B give different keys
        ("246012000411886", InvalidChecksum, "MI02"),
        ("", InvalidLength, "MI01"),
        ("2830", InvalidLength, "MI01"),
        ("283052A0041230", InvalidLength, "MI01"),
        ("283052A004123070", InvalidLength, "MI01"),
        ("2-83-05-2A-004-123-07", InvalidLength, "MI01"),  # hyphens are not separators
        ("283052C00412307", InvalidFormat, "MI01"),
        ("28305AA00412307", InvalidFormat, "MI01"),
        ("2A3052000412307", InvalidFormat, "MI01"),  # 2A only at positions 6-7
        ("28305200412302A", InvalidFormat, "MI01"),
        ("2830O2000412307", InvalidFormat, "MI01"),  # letter O for zero
        ("٢٨٣٠٥٢٠٠٠٤١٢٣٠٧", InvalidFormat, "MI01"),  # non-ASCII digits
        ("783052A00412307", InvalidComponent, "MI03"),  # temporary number (key irrelevant)
        ("083052A00412307", InvalidComponent, "MI03"),
    ],
)
def test_errors_and_codes(raw: str, error: type[InvalidValue], code: str) -> None:
    with pytest.raises(error) as info:
        m.validate(raw)
    assert info.value.code == code
    assert code in str(info.value)
    assert not m.is_valid(raw)


@pytest.mark.parametrize("first", "03456789")
def test_first_digit_other_than_1_or_2_is_mi03_even_with_a_good_key(first: str) -> None:
    body = first + "83052A004123"
    with pytest.raises(InvalidComponent) as info:
        m.validate(body + m.calc_key(body))
    assert info.value.code == "MI03"


def test_check_order_format_then_component_then_key() -> None:
    with pytest.raises(InvalidFormat):
        m.validate("783052C00412399")
    with pytest.raises(InvalidComponent):
        m.validate("783052A00412399")


@pytest.mark.parametrize("month", ["00", "13", "20", "42", "50", "99"])
def test_unknown_month_codes_are_not_rejected(month: str) -> None:
    assert m.is_valid(m.make("1", "85", month, "75056", "001"))


@pytest.mark.parametrize(
    ("raw", "position"),
    [("2830X2A00412307", 5), ("283052C00412307", 7), ("2830522A0412307", 8), ("2🙂", None)],
)
def test_format_messages_name_the_position(raw: str, position: int | None) -> None:
    padded = raw if len(raw) == 15 else raw + "0" * (15 - len(raw))
    with pytest.raises(InvalidFormat) as info:
        m.validate(padded)
    if position is not None:
        assert f"position {position}" in str(info.value)


@pytest.mark.parametrize(
    "raw",
    [
        "283052A00412345",
        "783052A00412307",
        "283052C00412307",
        "283052A0041230",
        "283052A004123070",
        "2 83 05 2A 004 123 45 99",
    ],
)
def test_messages_never_carry_the_matricule(raw: str) -> None:
    with pytest.raises(InvalidValue) as info:
        m.validate(raw)
    message = str(info.value)
    compacted = m.compact(raw)
    assert compacted not in message
    assert compacted[1:13] not in message  # not even the body without its ends
    assert not re.search(r"[0-9A-Z]{4,}", message.replace("MI0", ""))
    assert m.mask(raw) in message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2 83 05 2A 004 123 07", "283052A00412307"),
        ("2.83.05.2a.004.123.07", "283052A00412307"),
        ("\t2\u00a083\u202f05 2A 004 123 07 ", "283052A00412307"),
        ("", ""),
        ("abc", "ABC"),
    ],
)
def test_compact(raw: str, expected: str) -> None:
    assert m.compact(raw) == expected


@pytest.mark.parametrize("junk", [None, 283052100412307, b"283052A00412307", ["2"], 3.0])
def test_compact_and_validate_refuse_non_text(junk: object) -> None:
    for function in (m.compact, m.validate, m.format, m.parts, m.calc_key):
        with pytest.raises(InvalidFormat) as info:
            function(junk)  # type: ignore[arg-type]
        assert info.value.code == "MI01"


def test_calc_key() -> None:
    assert m.calc_key("283052A004123") == "07"
    assert m.calc_key("283052A00412307") == "07"  # only the first 13 characters count
    assert m.calc_key("283052B004123") == nir.calc_check_digits("283052B004123")
    with pytest.raises(InvalidLength):
        m.calc_key("283052A00412")
    with pytest.raises(InvalidFormat):
        m.calc_key("283052X004123")


def test_format_groups_without_checking_the_key() -> None:
    assert m.format("283052A00412345") == "2 83 05 2A 004 123 45"
    assert m.format("2 83 05 2A 004 123 07", separator="") == "283052A00412307"
    with pytest.raises(InvalidLength):
        m.format("2830")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("283052A00412307", "2************07"),
        ("2 83 05 2A 004 123 45", "2************45"),
        ("283052A0041230", "2***********30"),
        ("123456789", "1******89"),
        ("12345678", "1*******"),
        ("123", "1**"),
        ("12", "**"),
        ("1", "*"),
        ("", ""),
        ("2A" * 10, "2*****************2A"),
        ("9" * 33, "9************…99"),
        ("🙂" * 15, "***************"),
        ("2 83 05 2A 004 123 0\n", "2************0*"),
        (None, "***"),
        (283052100412307, "***"),
        (b"283052A00412307", "***"),
    ],
)
def test_mask(raw: object, expected: str) -> None:
    assert m.mask(raw) == expected


@pytest.mark.parametrize(
    ("lieu", "departement", "commune"),
    [("2A004", "2A", "004"), ("20004", "20", "004"), ("75056", "75", "056"),
     ("97411", "974", "11"), ("98735", "987", "35"), ("99350", "99", "350")],
)  # fmt: skip
def test_parts_departement_and_commune(lieu: str, departement: str, commune: str) -> None:
    p = m.parts(m.make("2", "01", "07", lieu, "012"))
    assert (p.lieu, p.departement, p.commune) == (lieu, departement, commune)


def test_parts_validates_and_is_frozen() -> None:
    with pytest.raises(InvalidChecksum):
        m.parts("283052A00412345")
    p = m.parts("283052A00412307")
    with pytest.raises(AttributeError):
        p.sexe = "1"  # type: ignore[misc]


def test_make() -> None:
    assert m.make("2", "83", "05", "2A004", "123") == "283052A00412307"
    assert m.make("2", "83", "05", "2a004", "123") == "283052A00412307"
    with pytest.raises(InvalidLength, match="ordre"):
        m.make("2", "83", "05", "2A004", "12")
    with pytest.raises(InvalidLength, match="lieu"):
        m.make("2", "83", "05", "974110", "123")
    with pytest.raises(InvalidComponent):
        m.make("7", "83", "05", "2A004", "123")
    with pytest.raises(InvalidFormat):
        m.make("2", "83", "05", "2C004", "123")


def test_random_matricule() -> None:
    rng = random.Random(2024)
    values = [m.random_matricule(rng) for _ in range(2000)]
    assert all(m.is_valid(v) for v in values)
    assert {v[5:7] for v in values} >= {"2A", "2B", "97", "99"}
    assert [m.random_matricule(random.Random(7)) for _ in range(2)] == [
        m.random_matricule(random.Random(7))
    ] * 2
    fixed = m.random_matricule(rng, sexe="2", year=2001, month=7, lieu="97411")
    assert fixed[:10] == "2010797411"
    assert m.random_matricule(rng, month=0)[3:5] == "00"


# --- properties -----------------------------------------------------------------------------

digits = st.text(alphabet="0123456789", min_size=1, max_size=1)
lieux = st.one_of(
    st.from_regex(r"\A(0[1-9]|1[0-9]|[3-9][0-9]|2A|2B)[0-9]{3}\Z"),
    st.from_regex(r"\A97[1-6][0-9]{2}\Z"),
    st.from_regex(r"\A99[0-9]{3}\Z"),
)
matricules = st.builds(
    m.make,
    sexe=st.sampled_from("12"),
    annee=st.from_regex(r"\A[0-9]{2}\Z"),
    mois=st.from_regex(r"\A[0-9]{2}\Z"),
    lieu=lieux,
    ordre=st.from_regex(r"\A[0-9]{3}\Z"),
)


@given(matricules)
def test_made_matricules_validate_and_round_trip(value: str) -> None:
    assert m.validate(value) == value
    assert m.validate(m.format(value)) == value
    assert m.compact(m.compact(value)) == m.compact(value)
    assert m.validate(value.lower()) == value
    p = m.parts(value)
    assert m.make(p.sexe, p.annee, p.mois, p.lieu, p.ordre) == value


@given(matricules, st.integers(0, 14), st.integers(1, 9))
def test_changing_one_digit_invalidates(value: str, index: int, shift: int) -> None:
    # 97 is prime and divides no d·10^k (0 < |d| < 10), so the key always moves (or the key
    # itself was changed); a changed first digit can also fail MI03.
    char = value[index]
    if not char.isdigit():  # the A/B of Corsica: covered by the swap test
        return
    changed = value[:index] + str((int(char) + shift) % 10) + value[index + 1 :]
    assert not m.is_valid(changed)


@given(matricules)
def test_swapping_2a_and_2b_invalidates(value: str) -> None:
    if value[5:7] not in ("2A", "2B"):
        return
    other = "2B" if value[5:7] == "2A" else "2A"
    assert not m.is_valid(value[:5] + other + value[7:])


@given(st.text(max_size=40))
def test_mask_reveals_at_most_a_third(raw: str) -> None:
    masked = m.mask(raw)
    shown = [c for c in masked if c not in "*…"]
    n = len(m.compact(raw))
    assert len(shown) <= min(3, n // 3)
    assert len(masked) <= 32


@given(st.one_of(st.text(), st.binary(), st.integers(), st.none(), st.floats()))
def test_is_valid_and_mask_never_raise(raw: object) -> None:
    assert isinstance(m.is_valid(raw), bool)
    assert isinstance(m.mask(raw), str)


@pytest.mark.parametrize("junk", JUNK, ids=repr)
def test_robustness(junk: object) -> None:
    assert m.is_valid(junk) is False
    masked = m.mask(junk)
    assert isinstance(masked, str)
    assert len(masked) <= 32
    if isinstance(junk, str):
        assert isinstance(m.compact(junk), str)
        assert not any(c in masked for c in "\n\x00🙂")
    else:
        with pytest.raises(InvalidFormat):
            m.compact(junk)  # type: ignore[arg-type]
