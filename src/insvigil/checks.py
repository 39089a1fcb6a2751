"""The strict traits and the matricule of many records, checked column by column.

Names, first names, birth dates, sexes and places repeat in real files: each distinct value of a
column is normalised once and shared by every record that holds it. What depends on the whole
record (the birthplace at the birth date, the matricule and its coherence with the traits) is
checked record by record, with a fast path for the common case. Every verdict is the one the
trait and identifier modules give for that record alone (``tests/test_checks.py`` compares both
on a synthetic population); this module only avoids doing the same work twice.

All values below are synthetic.

>>> batch = check_columns(
...     nom=["Lefèvre", "MARTIN"], prenoms=["Anne Marie", "JEAN--PAUL"], premier=["", ""],
...     naissance=["1983-05-12", "1950-00-00"], sexe=["F", "M"], lieu=["2A004", "75056"],
...     matricule=["283052A00412307", ""],
... )
>>> batch.conformes()
[True, False]
>>> batch.nom[0].value, batch.premier[0].value, batch.lieu[1].conforme, batch.matricule[1]
('LEFEVRE', 'ANNE', True, None)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

from insvigil.errors import InvalidValue
from insvigil.findings import Finding, Gravite
from insvigil.identifiers import coherence, matricule
from insvigil.memo import Memo
from insvigil.reference.cog import Cog, load
from insvigil.traits import date as birth_date
from insvigil.traits import lieu as birthplace
from insvigil.traits import nom, prenoms, sexe
from insvigil.traits.charset import Normalized
from insvigil.traits.date import BirthDate
from insvigil.traits.lieu import FastVersion, LieuResult

__all__ = ["CoreColumns", "check_columns"]

_T = TypeVar("_T")
_SEX_DIGIT = {"M": "1", "F": "2"}
# The trait modules under other names: check_columns' parameters are named after the traits.
_normalize_nom = nom.normalize
_normalize_prenom = prenoms.normalize
_validate_sexe = sexe.validate
_normalize_lieu = birthplace.normalize


@dataclass(slots=True)
class CoreColumns:
    """Per-record results, in input order; every list has one item per record.

    - ``naissance``/``sexe``: the parsed value, or the :class:`InvalidValue` it raised;
    - ``lieu``: TR06 at the birth date, None without a birthplace or a readable date;
    - ``matricule``: the canonical matricule, the :class:`InvalidValue` it raised, or None
      when there is none;
    - ``coherence``: MI04 findings, empty unless the matricule and the date are valid;
    - ``conforme``: every trait and the matricule conforme, no blocking MI04 finding.
    """

    nom: list[Normalized]
    prenoms: list[Normalized]
    premier: list[Normalized]
    naissance: list[BirthDate | InvalidValue]
    sexe: list[str | InvalidValue]
    lieu: list[LieuResult | None]
    matricule: list[str | InvalidValue | None]
    coherence: list[tuple[Finding, ...]]

    #: Whether each record's strict traits and matricule hold, nothing blocking (TR, MI):
    #: computed in the same pass as the rest (see :meth:`conformes`).
    conforme: list[bool]

    def conformes(self) -> list[bool]:
        """Whether each record's strict traits and matricule hold, nothing blocking (TR, MI)."""
        return list(self.conforme)


def _none_blocking(findings: tuple[Finding, ...]) -> bool:
    return all(f.gravite is not Gravite.BLOQUANTE for f in findings)


def _each_distinct(values: Sequence[str], compute: Callable[[str], _T]) -> list[_T]:
    """``compute`` once per distinct value, spread back to every record (the values already
    seen are found by the dict's own C lookup, with no Python step per record)."""
    return list(map(Memo(compute).__getitem__, values))


def _or_error(parse: Callable[[str], _T]) -> Callable[[str], _T | InvalidValue]:
    def attempt(value: str) -> _T | InvalidValue:
        try:
            return parse(value)
        except InvalidValue as error:
            return error

    return attempt


def check_columns(
    *,
    nom: Sequence[str],
    prenoms: Sequence[str],
    premier: Sequence[str],
    naissance: Sequence[str],
    sexe: Sequence[str],
    lieu: Sequence[str],
    matricule: Sequence[str],
    cog: Cog | None = None,
    today: date | None = None,
) -> CoreColumns:
    """Check records given as columns of raw texts (``""`` for an empty cell).

    ``premier`` is the premier prénom typed, if any (else the list's first); ``today`` bounds
    birth dates (default: the system date).
    """
    count = len(nom)
    columns = (prenoms, premier, naissance, sexe, lieu, matricule)
    if any(len(column) != count for column in columns):
        raise ValueError("columns of different lengths")
    reference = cog or load()
    noms = _each_distinct(nom, _normalize_nom)
    liste = _each_distinct(prenoms, _normalize_prenom)
    # The premier prénom typed (normalised once per distinct text), else the list's first.
    typed = {raw: _normalize_prenom(raw) if raw.strip() else None for raw in dict.fromkeys(premier)}
    # The list's first first name (TR03), normalised once per distinct first word.
    heads: Memo[str, Normalized] = Memo(_normalize_prenom)
    firsts: list[Normalized] = []
    dates = _each_distinct(naissance, _or_error(lambda text: birth_date.parse(text, today)))
    sexes = _each_distinct(sexe, _or_error(_validate_sexe))

    def place_of(raw: str) -> tuple[str, LieuResult | None, tuple[FastVersion, ...]]:
        # Most codes give one verdict whatever the date: checked once, not per record. The
        # others get the versions that lieu.check's fast path walks, walked below inline.
        place = _normalize_lieu(raw)
        if not place:
            return place, None, ()
        free = birthplace.date_free(place, reference)
        return place, free, () if free is not None else birthplace.fast_versions(place, reference)

    places = _each_distinct(lieu, place_of)
    checked: list[LieuResult | None] = []
    coherent: list[tuple[Finding, ...]] = []
    numbers: list[str | InvalidValue | None] = []
    conformes: list[bool] = []
    check_place = birthplace.check
    check_date = coherence.check_date
    digits = _SEX_DIGIT
    corsican = coherence.CORSICAN
    add_first, add_number, add_checked = firsts.append, numbers.append, checked.append
    add_coherent, add_conforme = coherent.append, conformes.append
    records = zip(matricule, dates, sexes, places, noms, premier, liste, strict=True)
    # One loop for what needs the whole record, with the common cases inline.
    for raw, born, sex, (place, free, versions), name, typed_first, names in records:
        first = typed[typed_first] or heads[names.value.split(" ", 1)[0]]
        add_first(first)
        ok = name.conforme and first.conforme and names.conforme and type(sex) is str
        # matricule.validate's own fast path: 15 ASCII digits once spaces are dropped (what
        # compact does to such a text), a 1 or 2 first, the key right (97 - body mod 97).
        compacted = raw.replace(" ", "") if " " in raw else raw
        if (
            len(compacted) == 15
            and compacted.isdigit()
            and compacted.isascii()
            and compacted[0] in "12"
            and int(compacted[:13]) % 97 + int(compacted[13:]) == 97
        ):
            number: str | InvalidValue | None = compacted
        else:
            number = _matricule(raw) if raw else None
        add_number(number)
        if type(born) is not BirthDate:
            add_checked(None)
            add_coherent(())
            add_conforme(False)
            continue
        if number is not None and type(number) is not str:
            ok = False
        start, end = born.first_day, born.last_day
        if place:
            verdict = free
            if verdict is None:
                for version in versions:  # lieu.check's fast path, inline
                    if version.lo <= end and (version.hi is None or start < version.hi):
                        verdict = version.result
                        break
                if verdict is None:
                    verdict = check_place(place, start, end, reference)
            add_checked(verdict)
            if not verdict.conforme:
                ok = False
        else:
            add_checked(None)
        if type(number) is not str:
            add_coherent(())
            add_conforme(ok)
            continue
        if (
            type(sex) is str
            and digits.get(sex) == number[0]
            and (not place or (number[5:10] == place and number[5:7] not in corsican))
        ):
            # coherence.check's own fast path, inline (a call with keywords per record costs):
            # the sex digit fits and the matricule codes the very birthplace outside Corsica,
            # so only the year and month remain to check (and they agree when the matricule
            # codes the very year and month of the birth).
            yymm = number[1:5]
            found = () if yymm == born.yymm else check_date(yymm, start, end)
        else:
            found = coherence.check(
                number,
                sexe=sex if type(sex) is str else None,
                naissance=(start, end),
                lieu=place or None,
                cog=reference,
            )
        add_coherent(found)
        add_conforme(ok and (not found or _none_blocking(found)))
    return CoreColumns(noms, liste, firsts, dates, sexes, checked, numbers, coherent, conformes)


def _matricule(raw: str) -> str | InvalidValue | None:
    if not raw.strip():
        return None
    try:
        return matricule.validate(raw)
    except InvalidValue as error:
        return error
