"""FINESS numbers: length, shape, Luhn key, Corsican departments."""

from __future__ import annotations

import pytest

from insvigil.errors import InvalidChecksum, InvalidFormat, InvalidLength, InvalidValue
from insvigil.io import finess

# Published FINESS numbers of public establishments (ARS decrees): identifiers of structures,
# not of persons.
CORSICAN = [
    "2A0000170",
    "2A0000386",
    "2A0002606",
    "2A0000261",
    "2A0002051",
    "2B0000020",
    "2B0005342",
    "2B0004246",
    "2B0000442",
    "2B0003107",
    "2B0003057",
    "2B0004238",
    "2B0000939",
    "2B0003628",
    "2B0003073",
    "2B0000459",
    "2B0001341",
]
MAINLAND = ["750712184", "060020443", "010784262", "440040624", "970302477", "010000016"]


@pytest.mark.parametrize("number", MAINLAND + CORSICAN)
def test_valid(number: str) -> None:
    assert finess.is_valid(number)
    assert finess.validate(number) == number


@pytest.mark.parametrize(
    ("raw", "compact"),
    [(" 75 071 2184 ", "750712184"), ("2a0000170", "2A0000170"), ("2b 0000020", "2B0000020")],
)
def test_compact_forms_are_accepted(raw: str, compact: str) -> None:
    assert finess.compact(raw) == compact
    assert finess.validate(raw) == compact


@pytest.mark.parametrize(
    ("number", "error"),
    [
        ("750712185", InvalidChecksum),
        ("2A0000171", InvalidChecksum),
        ("2B0000021", InvalidChecksum),
        ("200000020", InvalidChecksum),  # Corsica keyed as "20" is not how keys are computed
        ("75071218", InvalidLength),
        ("7507121840", InvalidLength),
        ("", InvalidLength),
        ("2C0000020", InvalidFormat),
        ("A20000020", InvalidFormat),
        ("75071218X", InvalidFormat),
        ("75-712184", InvalidFormat),
    ],
)
def test_invalid(number: str, error: type[InvalidValue]) -> None:
    assert not finess.is_valid(number)
    with pytest.raises(error) as caught:
        finess.validate(number)
    assert "FINESS" in caught.value.message


@pytest.mark.parametrize(
    "junk", [None, 750712184, b"750712184", "\x00" * 9, "٧٥٠٧١٢١٨٤", "²" * 9, "2A", object()]
)
def test_is_valid_never_raises(junk: object) -> None:
    assert finess.is_valid(junk) is False
