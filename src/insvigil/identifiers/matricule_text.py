"""Matricules written inside any text: masked wherever insvigil writes (domain.md §11).

A *written matricule* is what a person types for one: 15 characters, the first 13 digits
(``2A``/``2B`` allowed in positions 6-7, any case; any first digit, 7 and 8 being temporary
numbers) and a 2-digit key that is RIGHT (MI02), either compact or with any number of spaces,
dots, tabs or no-break spaces where its usual groups meet, after characters 1, 3, 5, 7, 8, 10
and 13: ``2 83 05 2A 004 123 07``, the overseas ``2 01 07 974 11 012 37``, the body and its
key apart (``283052A004123 07``). It is not glued to another digit (letters may touch it:
``NIR283052A00412307``). Each is replaced by
:func:`~insvigil.identifiers.matricule_form.mask`'s form, ``2************07``; a candidate
with a wrong key never hides a real matricule starting inside it.

Choices, and why:

* the key must be valid: a 15-digit number taken at random passes with probability 1/97, so a
  phone number, a FINESS beside a record number or a date are left alone; a matricule with a
  wrong key is not a matricule anyone can use (the ``matricule_ins`` column is masked whatever
  its key, by the writers of that column);
* separators only between the usual groups, not anywhere: ``750000001 123456`` (a FINESS, a
  space, a record number in a listing) is 15 digits too, and must stay readable;
* a long run of hexadecimal characters (32 or more, a SHA-256 in the audit trail) holds no
  matricule: its digits are a hash, not something a person typed;
* a value CUT for display by insvigil's messages (``« 2 83 05 2A 004 123 0… »``) shows the
  13-character body, from which the key is computed: 7 or more matricule characters just
  before ``…`` (or ``...``) are masked too, whatever the key (nothing to check it with).

:func:`mask_matricules` runs over every cell of every output file, so it starts with cheap
checks: a text shorter than 8 characters cannot hold either form, and one fast scan for 14
matricule characters in a row (no look-around) rules out almost every longer text before
the precise pattern runs (about 0.3 µs a cell on qualify's outputs).

>>> mask_matricules("Vu avec Mme X, NIR 2 83 05 2A 004 123 07 recopié de la carte Vitale.")
'Vu avec Mme X, NIR 2************07 recopié de la carte Vitale.'
>>> mask_matricules("NIR283052a00412307."), mask_matricules("tel 06 12 34 56 78")
('NIR2************07.', 'tel 06 12 34 56 78')
>>> mask_matricules("283052A00412345"), mask_matricules("Sexe « 283052A004… » invalide")
('283052A00412345', 'Sexe « 2*********… » invalide')
"""

from __future__ import annotations

import re

__all__ = ["WRITTEN_MATRICULE", "key_ok", "mask_matricules"]

_SEP = "[ .\t\u00a0\u202f]*"  # what MI01's compact() removes: space, dot, tab, no-break spaces
_SEPARATORS = " .\t\u00a0\u202f"
_DROP_SEPARATORS = str.maketrans("", "", _SEPARATORS)

# After a matricule's first digit: its 14 other characters in their usual groups, and no digit
# glued after it.
_REST = (
    rf"{_SEP}[0-9]{{2}}{_SEP}[0-9]{{2}}{_SEP}(?:[0-9]{{2}}|2[ABab])"
    rf"{_SEP}[0-9]{_SEP}[0-9]{{2}}{_SEP}[0-9]{{3}}{_SEP}[0-9]{{2}}(?![0-9])"
)
#: A matricule's 15 characters in their usual groups, not glued to another digit (the key is
#: checked afterwards, by :func:`key_ok`). The pattern starts with ``[0-9]``, not with the
#: look-behind, so that the regex engine skips quickly to the next digit.
WRITTEN_MATRICULE = re.compile(rf"[0-9](?<![0-9]{{2}}){_REST}")
#: The same, tried at EVERY digit (the first one consumed, the rest looked ahead): a candidate
#: whose key is wrong must not hide a real matricule that starts inside it.
_CANDIDATE = re.compile(rf"[0-9](?<![0-9]{{2}})(?=({_REST}))")
#: 7 or more matricule characters cut by an ellipsis (a value shortened for display): from the
#: 7th on they show the birthplace, beyond what the traits themselves tell.
_CUT_MATRICULE = re.compile(
    rf"[0-9](?<![0-9]{{2}})(?:{_SEP}[0-9ABab]){{6,}}(?=[ \t\u00a0\u202f]*(?:…|\.\.\.))"
)
#: The cheap first look (one fast scan, no look-around): 14 matricule characters in a row,
#: the first a digit. Text without any cannot hold a written matricule.
_QUICK = re.compile("[0-9][0-9ABab \t.\u00a0\u202f]{13}")
_HEX = frozenset("0123456789abcdef")
_HASH_LENGTH = 32  # a run of hex characters this long is a hash (SHA-256: 64)
_SHORTEST = 8  # 7 characters and "…": nothing shorter can hold either form


def key_ok(compact: str) -> bool:
    """MI02 on 15 compact characters (upper case, ``2A``/``2B`` read as 19/18).

    >>> key_ok("283052A00412307"), key_ok("283052A00412345")
    (True, False)
    """
    body = compact[:13]
    corsica = body[5:7]
    if corsica == "2A":
        body = body[:5] + "19" + body[7:]
    elif corsica == "2B":
        body = body[:5] + "18" + body[7:]
    return 97 - int(body) % 97 == int(compact[13:])


def _in_hash(text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` lies in a run of 32 or more lower-case hex characters."""
    if end - start != 15 or not _HEX.issuperset(text[start:end]):  # lower-case hex only
        return False
    left, right = start, end
    while left > 0 and text[left - 1] in _HEX:
        left -= 1
    while right < len(text) and text[right] in _HEX:
        right += 1
    return right - left >= _HASH_LENGTH


def _mask_written(text: str) -> str:
    pieces: list[str] = []
    done = 0
    for match in _CANDIDATE.finditer(text):
        start, end = match.start(), match.end(1)
        if start < done:  # inside a matricule masked already
            continue
        compact = text[start:end].translate(_DROP_SEPARATORS).upper()
        if key_ok(compact) and not _in_hash(text, start, end):
            pieces += (text[done:start], compact[0], "*" * 12, compact[13:])
            done = end
    if not pieces:
        return text
    pieces.append(text[done:])
    return "".join(pieces)


def _masked_cut(match: re.Match[str]) -> str:
    shown = match.group(0).translate(_DROP_SEPARATORS)
    return shown[0] + "*" * (len(shown) - 1)


def mask_matricules(text: str) -> str:
    """``text`` with every written matricule (valid key) and every cut one masked; any other
    text comes back unchanged (the same object)."""
    if len(text) < _SHORTEST:
        return text
    if len(text) >= 15 and _QUICK.search(text):
        text = _mask_written(text)
    if "…" in text or "..." in text:
        text = _CUT_MATRICULE.sub(_masked_cut, text)
    return text
