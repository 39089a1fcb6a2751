"""A phonetic key for French names: Brouard's *Phonex*, in its string form.

Phonex (Frédéric Brouard, 1999, "Phonex", SQLPro) rewrites a French word into the sounds it is
spoken with: ``EAU``/``AU`` → ``O``, the nasal vowels ``AN``/``EN``/``ON`` → ``1``, ``IN``/``AIN``
→ ``4``, ``OI`` → ``2``, ``OU`` → ``3``, ``CH`` → ``5``, ``É`` sounds → ``Y``, then folds the
consonants that are confused when heard or written (``D``/``P`` → ``T``, ``B``/``V`` → ``F``,
``C``/``Q``/hard ``G`` → ``K``, ``J`` → ``G``, ``M`` → ``N``), squeezes doubled letters and drops
a final ``T`` or ``X``. The published algorithm then turns that string into a real number; the
lookup keeps the string (same equalities, readable in the index, no float rounding).

Deliberate adjustments, each with its reason:

* the input is the birth name's *clé de comparaison* (TR01: upper case, no accents, ligatures
  expanded) with its separators dropped: ``Le Gall``, ``LEGALL`` and ``le-gall`` get one key;
  ``É``/``È``/``Ê`` are plain ``E`` (accents are optional at the front desk), the ``ER``/``ET``/
  ``EZ`` rule still catches most ``É`` sounds;
* a nasal (``AN``, ``IN``…) at the end of the name is a nasal (the common regex ports only
  look at a following consonant, so ``MARTIN`` kept ``IN``);
* a leading ``H`` is mute too (``HUBERT`` = ``UBERT``);
* ``ESS`` → ``YSS`` (the published variant), so the ``S`` stays hard (``LESSARD``);
* ``SC`` becomes ``S`` only before ``E`` or ``I`` (``PASCAL`` keeps its ``K`` sound).

The key is a blocking key (names that *may* be the same), not a verdict: ranking decides.
It is not idempotent (its output is a code with digits, not a name).

>>> phonex("Dupont"), phonex("DUPOND")
('TUT1', 'TUT1')
>>> phonex("Lefèvre") == phonex("LEFEBVRE") == phonex("lefevre")
True
>>> phonex("Gauthier") == phonex("GAUTIER"), phonex("Le Gall") == phonex("LEGALL")
(True, True)
>>> phonex("Faure"), phonex("FAUVRE")
('FORE', 'FOFRE')
>>> phonex("Martin"), phonex("Rousseau"), phonex("Chapuis"), phonex("X"), phonex(" - ")
('NORT4', 'R3SO', '5OTUIS', 'X', '')
"""

from __future__ import annotations

import re
from functools import lru_cache

from insvigil.traits.charset import to_ins_form

__all__ = ["ALPHABET", "letters", "phonex"]

#: Every character a key may hold (sound codes 1-5 and the letters Phonex keeps).
ALPHABET = frozenset("12345EFGHIKLNORSTUWXYZ")

_VOWEL_OR_SOUND = "AEIOUY1234"
_NOT_LETTER = re.compile(r"[^A-Z]+")

# (pattern, replacement), applied in order; numbers are the steps of the published algorithm.
_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"Y", "I"),  # 1
        (r"(?<![PCS])H", ""),  # 2: mute H (also a leading one)
        (r"PH", "F"),  # 3
        (r"G(?=AI?[NM])", "K"),  # 4: GAN, GAM, GAIN, GAIM
        (r"[AE]I[NM](?=[AEIOU])", "YN"),  # 5: AINA, EINE, AIMA… sound "èn"
        (r"EAU", "O"),  # 6
        (r"OUA", "2"),
        (r"[EA]I[NM]", "4"),  # EIN, AIN, EIM, AIM
        (r"[AE]I", "Y"),  # 7: the "é/è" sound
        (r"E(?=[RTZ])", "Y"),  # ER, ET, EZ
        (r"ESS", "YSS"),
        (rf"(?:AN|ON|AM|EN|EM)(?![{_VOWEL_OR_SOUND}])", "1"),  # 8: nasal "an", "on"
        (rf"IN(?![{_VOWEL_OR_SOUND}])", "4"),  # nasal "in"
        (rf"(?<=[{_VOWEL_OR_SOUND}])S(?=[{_VOWEL_OR_SOUND}])", "Z"),  # 9
        (r"OE|EU", "E"),  # 10
        (r"AU", "O"),
        (r"OI", "2"),
        (r"OU", "3"),
        (r"S?CH|SH", "5"),  # 11
        (r"SS", "S"),
        (r"SC(?=[EI])", "S"),
        (r"C(?=[EI])", "S"),  # 12: soft C (not before Y: a Y here is "AI", "EI", hard)
        (r"GU|QU|Q|C", "K"),  # 13
        (r"G(?=[AOY])", "K"),
    )
)
_FOLD = str.maketrans("ADPJBVM", "OTTGFFN")  # 14
_DOUBLED = re.compile(r"(.)\1+")  # 15
_FINAL = re.compile(r"[TX]$")  # 16


def letters(name: str) -> str:
    """The letters of ``name`` after TR01 (upper case, accents and ligatures), A-Z only.

    >>> letters("d’Artagnan-Le Cœur")
    'DARTAGNANLECOEUR'
    """
    return _NOT_LETTER.sub("", to_ins_form(name, "nom").value)


def phonex(name: str) -> str:
    """The Phonex key of a name as typed (any case, accents, separators); ``""`` if no letter,
    the letters themselves when every one is silent (``X``, ``H``).

    Raises :class:`~insvigil.errors.InvalidFormat` when ``name`` is not a string.
    """
    if type(name) is str:
        return _phonex_of(name)
    return _phonex(letters(name))  # letters() raises InvalidFormat


@lru_cache(maxsize=1 << 19)  # names as typed repeat: skip letters() too
def _phonex_of(name: str) -> str:
    return _phonex(letters(name))


@lru_cache(maxsize=1 << 19)  # above the distinct names of a million records (~150,000)
def _phonex(word: str) -> str:
    coded = word
    for pattern, replacement in _RULES:
        coded = pattern.sub(replacement, coded)
    coded = _FINAL.sub("", _DOUBLED.sub(r"\1", coded.translate(_FOLD)))
    return coded or word  # "X", "H", "T": a name of silent letters keys as itself
