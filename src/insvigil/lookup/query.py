"""A front-desk query: what the admission staff typed, read tolerantly, checked strictly.

Names and first names go through TR01 (case, accents, ligatures, typographic apostrophes) and
are compared on their *clé de comparaison* (hyphen = space) and their Phonex key. The birth date
may be full, partial (``00`` for an unknown part) or a year alone, written ``AAAA-MM-JJ``,
``JJ/MM/AAAA`` (``-``, ``.`` or a space may separate), ``JJMMAAAA``, ``MM/AAAA``, ``AAAA-MM`` or
``AAAA``. A matricule must have a right key (a typo in it would find nothing, silently).

Errors are :class:`~insvigil.errors.InvalidValue` whose ``code`` names the field
(:data:`FIELD_CODES`), with a French message that does not repeat a matricule.

>>> q = parse_query(nom=" le-gall ", prenom="Marie Hélène", ddn="1950")
>>> q.nom_cle, q.nom_phon, q.prenoms, q.prenom_phon, q.ddn
('LE GALL', 'LEKOL', ('MARIE', 'HELENE'), 'NORIE', BirthDate(year=1950, month=0, day=0))
>>> parse_query(nom="Dupont", ddn="12051983").ddn.iso(), parse_query(nom="X", ddn="1983").ddn.iso()
('1983-05-12', '1983-00-00')
>>> parse_query(nom="Dupont", ddn="32/01/1983")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
insvigil.errors.InvalidComponent: Date de naissance « 32/01/1983 » impossible : le 32/01/1983 ...
>>> parse_query(ins="2 83 05 2A 004 123 45")  # doctest: +ELLIPSIS
Traceback (most recent call last):
    ...
insvigil.errors.InvalidChecksum: clé de contrôle incorrecte (MI02) : 2************45
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from insvigil.errors import InvalidFormat, InvalidValue
from insvigil.identifiers import matricule as _matricule
from insvigil.lookup.keys import first_name_keys, name_key
from insvigil.lookup.phonetic import phonex
from insvigil.traits import date as _date
from insvigil.traits import nom as _nom
from insvigil.traits import prenoms as _prenoms
from insvigil.traits.charset import describe
from insvigil.traits.date import BirthDate

__all__ = ["FIELD_CODES", "LookupQuery", "parse_date", "parse_query"]

#: ``InvalidValue.code`` of an error, per field of the query.
FIELD_CODES = {
    "nom": "LK_NOM",
    "prenom": "LK_PRENOM",
    "ddn": "LK_DDN",
    "sexe": "LK_SEXE",
    "ins": "LK_INS",
    "vide": "LK_VIDE",
}

_SEPARATORS = re.compile(r"\s*[-/. ]\s*")
_YEAR = re.compile(r"[0-9]{4}")
_MONTH_YEAR = re.compile(r"([0-9]{1,2})/([0-9]{4})")
_YEAR_MONTH = re.compile(r"([0-9]{4})/([0-9]{1,2})")
_DAY_MONTH_YEAR = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_YEAR_MONTH_DAY = re.compile(r"([0-9]{4})/([0-9]{2})/([0-9]{2})")
_COMPACT = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{4})")
_SEXES = {"M": "M", "F": "F", "I": "I"}


@dataclass(frozen=True, slots=True)
class LookupQuery:
    """A parsed query; ``None`` / empty for what was not given."""

    nom: str | None = None  # forme INS of the typed name (for display)
    nom_cle: str | None = None
    nom_phon: str | None = None
    prenoms: tuple[str, ...] = ()  # clé tokens of the typed first name(s)
    prenom_phon: str | None = None  # Phonex of the first typed token
    ddn: BirthDate | None = None  # month/day 0 when not typed
    sexe: str | None = None
    matricule: str | None = None  # compact, key checked

    @property
    def full_date(self) -> bool:
        """Whether day, month and year were all given."""
        return self.ddn is not None and not self.ddn.is_partial


def _error(field: str, message: str) -> InvalidValue:
    return InvalidFormat(message, code=FIELD_CODES[field])


def parse_date(raw: str, today: datetime.date | None = None) -> BirthDate:
    """A typed birth date, full, partial or a year alone (see the module's doc).

    >>> parse_date("12.05.1983"), parse_date("1983-5"), parse_date("05/1983")
    (BirthDate(year=1983, month=5, day=12), BirthDate(year=1983, month=5, day=0), \
BirthDate(year=1983, month=5, day=0))
    >>> parse_date("12/05/83")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
        ...
    insvigil.errors.InvalidFormat: Date de naissance « 12/05/83 » illisible : ...
    """
    text = raw.strip()
    canon = _SEPARATORS.sub("/", text)
    if _YEAR.fullmatch(canon):
        iso = f"{canon}-00-00"
    elif m := _COMPACT.fullmatch(canon):
        iso = f"{m[3]}-{m[2]}-{m[1]}"
    elif m := _DAY_MONTH_YEAR.fullmatch(canon):
        iso = f"{m[3]}-{int(m[2]):02d}-{int(m[1]):02d}"
    elif m := _YEAR_MONTH_DAY.fullmatch(canon):
        iso = f"{m[1]}-{m[2]}-{m[3]}"
    elif m := _MONTH_YEAR.fullmatch(canon):
        iso = f"{m[2]}-{int(m[1]):02d}-00"
    elif m := _YEAR_MONTH.fullmatch(canon):
        iso = f"{m[1]}-{int(m[2]):02d}-00"
    else:
        shown = text if len(text) <= 20 else text[:20] + "…"
        raise InvalidFormat(
            f"Date de naissance « {shown} » illisible : formats attendus JJ/MM/AAAA, "
            "AAAA-MM-JJ, MM/AAAA ou AAAA (année sur 4 chiffres, 00 pour un jour ou un mois "
            "inconnu).",
            code=FIELD_CODES["ddn"],
        )
    try:
        return _date.parse(iso, today)
    except InvalidValue as error:
        message = error.message.replace(f"« {iso} »", f"« {text} »")
        raise type(error)(message, code=FIELD_CODES["ddn"]) from None


def _parse_nom(raw: str) -> tuple[str, str, str]:
    normalized = _nom.normalize(raw)
    if not normalized.conforme:
        raise _error("nom", describe("Nom", normalized))
    cle, phon = name_key(normalized.value)
    if cle is None or phon is None:  # pragma: no cover - a conforming name has letters
        raise _error("nom", "Nom vide : au moins une lettre est attendue.")
    return normalized.value, cle, phon


def _parse_prenom(raw: str) -> tuple[tuple[str, ...], str | None]:
    normalized = _prenoms.normalize(raw)
    if not normalized.conforme:
        raise _error("prenom", describe("Prénom", normalized))
    tokens = first_name_keys(normalized.value)
    return tokens, (phonex(tokens[0]) or None) if tokens else None


def _parse_ins(raw: str) -> str:
    try:
        return _matricule.validate(raw)
    except InvalidValue as error:
        raise type(error)(error.message, code=FIELD_CODES["ins"]) from None


def parse_query(
    nom: str | None = None,
    prenom: str | None = None,
    ddn: str | None = None,
    sexe: str | None = None,
    ins: str | None = None,
    *,
    today: datetime.date | None = None,
) -> LookupQuery:
    """Read a front-desk query; a name or a matricule is required (code ``LK_VIDE``).

    Blank fields count as not given. Raises :class:`~insvigil.errors.InvalidValue` with the
    field's code (:data:`FIELD_CODES`) and a French message.
    """
    nom = nom.strip() if nom else None
    prenom = prenom.strip() if prenom else None
    ddn = ddn.strip() if ddn else None
    sexe = sexe.strip().upper() if sexe else None
    ins = ins.strip() if ins else None
    if not nom and not ins:
        raise _error("vide", "Nom absent : donner au moins le nom, ou le matricule INS.")
    forme, cle, phon = _parse_nom(nom) if nom else (None, None, None)
    tokens, prenom_phon = _parse_prenom(prenom) if prenom else ((), None)
    if sexe is not None and sexe not in _SEXES:
        shown = sexe[:10]
        raise _error("sexe", f"Sexe « {shown} » invalide : valeurs admises M, F ou I.")
    return LookupQuery(
        nom=forme,
        nom_cle=cle,
        nom_phon=phon,
        prenoms=tokens,
        prenom_phon=prenom_phon,
        ddn=parse_date(ddn, today) if ddn else None,
        sexe=_SEXES[sexe] if sexe else None,
        matricule=_parse_ins(ins) if ins else None,
    )
