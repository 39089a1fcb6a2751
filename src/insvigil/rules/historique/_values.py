"""Shared by the HI rules: the watched values of a record, compared as the engine reads them.

Two values are the same when their forme INS is (domain.md §3, TR01): a correction of case,
accents or ligatures only (``Lefèvre`` → ``LEFEVRE``) changes nothing of the identity; any
other difference, separators included (``MARTIN DURAND`` → ``MARTIN-DURAND``), is a change.
Dates, sexe and birthplace codes are compared as typed (trimmed, upper-cased), matricules
compacted (MI01).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from insvigil.engine.context import Context
from insvigil.findings import Finding, register_converter
from insvigil.identifiers.matricule import compact, mask
from insvigil.identifiers.matricule_text import mask_matricules
from insvigil.model.codes import Statut
from insvigil.model.previous import WATCHED_TRAITS
from insvigil.model.records import Resident
from insvigil.traits import nom, prenoms

#: The statuses whose identity was trusted: an INS qualified, or the traits checked on a
#: high-trust document. A change on them is an event; on PROVISOIRE or RECUPEREE (no document
#: checked) the traits were never confirmed, so a change is an ordinary correction.
TRUSTED = frozenset({Statut.QUALIFIEE, Statut.VALIDEE})

#: As a referent reads them (queue items, messages).
LABELS: dict[str, str] = {
    "nom_naissance": "nom de naissance",
    "prenoms_naissance": "prénoms de naissance",
    "premier_prenom": "premier prénom",
    "date_naissance": "date de naissance",
    "sexe": "sexe",
    "lieu_naissance": "lieu de naissance",
    "matricule_ins": "matricule INS",
}
MATRICULE = "matricule_ins"

# Layout of an HI finding's params (the values its message is built from; stored with it):
#: the trait changed (a key of LABELS)
P_TRAIT = 0
#: HI01: the value before the change (the last trusted one); HI02: the other record (S/L)
P_AVANT = 1
#: the value now
P_APRES = 2
#: HI01: the status before the change (the trusted one); HI02: this record's matricule then
P_CONTEXTE = 3


def watched(resident: Resident) -> dict[str, str]:
    """The watched traits of a record, raw (``""`` when empty); the premier prénom is the one
    the engine reads (TR03: the first of the list when none is given)."""
    values = {name: getattr(resident, name) or "" for name in WATCHED_TRAITS}
    return with_premier(values)


def with_premier(values: Mapping[str, str]) -> dict[str, str]:
    out = dict(values)
    if not out.get("premier_prenom", "").strip() and out.get("prenoms_naissance", "").strip():
        out["premier_prenom"] = prenoms.premier(out["prenoms_naissance"])
    return out


def same(trait: str, a: str, b: str) -> bool:
    return comparable(trait, a) == comparable(trait, b)


def comparable(trait: str, value: str) -> str:
    if not value.strip():
        return ""
    if trait == "nom_naissance":
        return nom.normalize(value).value
    if trait in ("prenoms_naissance", "premier_prenom"):
        return prenoms.normalize(value).value
    if trait == MATRICULE:
        return compact(value)
    return value.strip().upper()


def shown(trait: str, value: str) -> str:
    """A value as a message shows it: a matricule masked, never in clear."""
    if not value:
        return "(vide)"
    return mask(value) if trait == MATRICULE else value


def pending(ctx: Context, code: str) -> Iterator[Finding]:
    """The undecided events of this code carried from the record's last result."""
    previous = ctx.previous
    if previous is None:
        return
    for finding in previous.pending:
        if finding.code == code and len(finding.params) > P_CONTEXTE:
            yield finding


def accepted_insi(ctx: Context, trait: str, value: str) -> bool:
    """Whether ``value`` is the INSi value of ``trait`` a referent accepted on a discordance
    (ACCEPTER_TRAITS_INSI on a DIxx item): the correction the worklist asked for (IS15)."""
    return any(
        code.startswith("DI") and accepted_trait == trait and same(trait, insi, value)
        for code, accepted_trait, _local, insi in ctx.accepted
    )


def insi_replacement(ctx: Context, avant: str, apres: str) -> bool:
    """Whether INSi itself says the new matricule replaces the old one for this person: the
    latest ``00`` response's active matricule is the new one and its history holds the old one
    (a NIA replaced by a NIR, domain.md §2.3)."""
    insi = ctx.insi
    if insi is None or ctx.interdit or not insi.actif:
        return False
    return insi.actif == comparable(MATRICULE, apres) and (
        comparable(MATRICULE, avant) in insi.historique
    )


def _label(trait: str) -> str:
    label = LABELS.get(trait, trait)
    return label[:1].upper() + label[1:]


#: The past participle agreeing with each trait's label (« Date de naissance modifiée »).
_MODIFIED: dict[str, str] = {
    "prenoms_naissance": "modifiés",
    "date_naissance": "modifiée",
}


def _label_modified(trait: str) -> str:
    return f"{_label(trait)} {_MODIFIED.get(trait, 'modifié')}"


def _value(value: str) -> str:
    return "(vide)" if not value else mask_matricules(value)


# Message converters of the HI templates: a trait's French label (alone, or with « modifié »
# agreeing with it), a value as shown (never a matricule in clear).
register_converter("libelle_trait", _label)
register_converter("trait_modifie", _label_modified)
register_converter("valeur_hi", _value)
