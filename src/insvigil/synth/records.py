"""One DUI record of a synthetic person: local typing, INSi responses, document, truth.

:class:`RecordBuilder` turns a :class:`~insvigil.synth.people.Person` into a :class:`Record`:
attributes, an INSi scenario (:mod:`insvigil.synth.insi`), the local matricule, typing defects
(:mod:`insvigil.synth.defects`), typing style, identity document, the expected status
(:mod:`insvigil.synth.truth`) and the status the DUI declares (often right, sometimes not).
"""

from __future__ import annotations

from bisect import bisect
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate
from random import Random

from insvigil.synth.defects import DATE_OR_SEX, Draft, inject
from insvigil.synth.insi import SCENARIOS, TRUE_00, InsiFactory, Response, draw_scenario
from insvigil.synth.people import OID_NIR, Person, PersonFactory
from insvigil.synth.saisie import accent_e, choose_style, style
from insvigil.synth.structures import Structure
from insvigil.synth.truth import AVEC_COMPLEMENT, HAUTE_CONFIANCE, document_ok, ecart, expected
from insvigil.synth.truth import status as st02

__all__ = ["Record", "RecordBuilder"]

_STATUSES = ("PROVISOIRE", "RECUPEREE", "VALIDEE", "QUALIFIEE")
_SCENARIO_TAGS = {name: tag for name, (_, tag) in SCENARIOS.items()}
_MATRICULE_TAGS = frozenset(
    {"MATRICULE_CLE_INVALIDE", "MATRICULE_NIA_HISTORIQUE", "OID_ABSENT", "OID_TEST"}
)
_ADULT_DOCS = (
    ("CNI", 0.40), ("PASSEPORT", 0.07), ("CARTE_VITALE", 0.12), ("PERMIS_CONDUIRE", 0.05),
    ("AUTRE", 0.03), ("", 0.17), ("LIVRET_FAMILLE", 0.025), ("EXTRAIT_NAISSANCE", 0.01),
    ("IDENTITE_NUMERIQUE", 0.01), ("TITRE_SEJOUR", 0.01),
)  # fmt: skip
_CHILD_DOCS = (
    ("LIVRET_FAMILLE", 0.40), ("EXTRAIT_NAISSANCE", 0.05), ("CNI", 0.15), ("PASSEPORT", 0.06),
    ("CARTE_VITALE", 0.12), ("", 0.15), ("AUTRE", 0.05), ("TITRE_SEJOUR", 0.02),
)  # fmt: skip

_Table = tuple[tuple[str, ...], tuple[float, ...]]


def _table(rows: tuple[tuple[str, float], ...]) -> _Table:
    return tuple(d for d, _ in rows), tuple(accumulate(w for _, w in rows))


def _adult_table(abroad: bool, minor: bool) -> _Table:
    return _table(
        tuple(
            (d, 0.35 if d == "TITRE_SEJOUR" and abroad else w)
            for d, w in _ADULT_DOCS
            if not (minor and d in AVEC_COMPLEMENT)
        )
    )


_DOCS = {
    (abroad, minor): _adult_table(abroad, minor)
    for abroad in (False, True)
    for minor in (False, True)
}
_CHILD_TABLE = _table(_CHILD_DOCS)


@dataclass(slots=True, eq=False)
class Record:
    """A residents-file row with its INSi responses and its ground truth."""

    structure: Structure
    person: Person
    cells: list[str]  # the contract §1 columns after structure and local_id
    responses: list[Response]
    defauts: list[str]
    attendu: str  # expected status, or REJET
    local_id: str = ""
    same_id_as: Record | None = None  # REJET_LOCAL_ID_DUPLIQUE: reuse that record's local_id
    pairs: list[tuple[Record | None, str]] = field(default_factory=list)


def _minor(annee: int, mois: int, jour: int, today: date) -> bool:
    if not mois or not jour:
        return False
    return (annee + 18, mois, jour) > (today.year, today.month, today.day)


def _spaced(m: str) -> str:
    return " ".join((m[:1], m[1:3], m[3:5], m[5:7], m[7:10], m[10:13], m[13:]))


class RecordBuilder:
    """Builds records from one random generator (see the module docstring)."""

    def __init__(self, rng: Random, factory: PersonFactory, today: date) -> None:
        self.rng = rng
        self.factory = factory
        self.names = factory.names
        self.places = factory.places
        self.today = today
        self.today_ordinal = today.toordinal()
        self.insi = InsiFactory(
            rng, self.names, today, lambda p: factory.parent(p, father=rng.random() < 0.5)
        )

    def attributes(self, homonym: bool = False) -> list[str]:
        draw = self.rng.random()
        if draw < 0.012:
            out = ["DOUTEUSE"]
        elif draw < 0.015:
            out = ["DOUTEUSE", "HOMONYME"]
        elif draw < 0.019:
            out = ["FICTIVE"]
        elif draw < 0.0196:
            out = self.rng.choice((["DOUTEUSE", "FICTIVE"], ["FICTIVE", "HOMONYME"]))
        elif draw < 0.03:
            out = ["HOMONYME"]
        else:
            out = []
        if homonym and "HOMONYME" not in out and "FICTIVE" not in out and draw < 0.5:
            out.append("HOMONYME")
        return out

    def _scenario(self, attributs: list[str]) -> str:
        rng = self.rng
        if not attributs:
            return draw_scenario(rng)
        if "FICTIVE" in attributs:
            return "AUCUNE" if rng.random() < 0.95 else "OK"
        if "DOUTEUSE" in attributs and rng.random() < 0.8:
            return "AUCUNE"
        return draw_scenario(rng)

    def _local_matricule(
        self, person: Person, scenario: str, responses: list[Response]
    ) -> tuple[str, str, list[str]]:
        draw = self.rng.random()
        if scenario in TRUE_00 or scenario == "DEUX_MATRICULES":
            if draw >= 0.92:
                return "", "", []
            if scenario == "DEUX_MATRICULES" and draw < 0.3:
                return responses[0].matricule, responses[0].oid, []
            if person.historique and draw < 0.5:
                nia, oid = person.historique[0]
                return nia, oid, ["MATRICULE_NIA_HISTORIQUE"]
            return person.matricule, person.oid, []
        if scenario in ("AUTRE_PERSONNE", "CLE_INVALIDE"):
            if draw < 0.65:
                return responses[0].matricule, responses[0].oid, []
            return "", "", []
        if draw < 0.3:
            return person.matricule, person.oid, []
        return "", "", []

    def _document(self, person: Person, minor: bool, age: float) -> tuple[str, str]:
        rng = self.rng
        docs, cumulative = (
            _CHILD_TABLE if minor and age < 16.5 else _DOCS[(person.kind in "PA", minor)]
        )
        doc = docs[bisect(cumulative, rng.random() * cumulative[-1])]
        if doc not in AVEC_COMPLEMENT:
            return doc, ""
        draw = rng.random()
        if minor:
            return doc, "PIECE_REPRESENTANT_LEGAL" if draw < 0.8 else ""
        if age >= 60 and draw < 0.5:
            return doc, "CARTE_VITALE_PHOTO"  # EHPAD case; the default policy has it off
        if age >= 25 and draw < 0.65:
            return doc, "PIECE_REPRESENTANT_LEGAL"
        return doc, ""

    def _declared(
        self, attributs: list[str], responses: list[Response], doc: str, attendu: str, local: str
    ) -> str:
        rng, draw = self.rng, self.rng.random()
        naive = st02(
            any(r.cr == "00" for r in responses), doc in HAUTE_CONFIANCE or doc in AVEC_COMPLEMENT
        )
        if "DOUTEUSE" in attributs or "FICTIVE" in attributs:
            return "PROVISOIRE" if draw < 0.85 else "" if draw < 0.9 else naive
        if draw < 0.55:
            return attendu
        if draw < 0.85:
            return naive
        if draw < 0.9:
            return "QUALIFIEE" if local and not responses else naive
        if draw < 0.95:
            return ""
        return rng.choice(_STATUSES)

    def build(
        self,
        person: Person,
        structure: Structure,
        *,
        attributs: list[str] | None = None,
        scenario: str | None = None,
        matricule_of: Person | None = None,
        defect_rate: float = 0.28,
        doublon: bool = False,
        keep_matricule: float = 1.0,
    ) -> Record:
        """One record of ``person`` in ``structure`` (see the module docstring)."""
        rng, today = self.rng, self.today_ordinal
        attributs = self.attributes() if attributs is None else attributs
        fictive = "FICTIVE" in attributs
        scenario = scenario or self._scenario(attributs)
        responses = self.insi.responses(person, scenario)
        tag = _SCENARIO_TAGS[scenario]
        tags = [tag] if tag else []
        if attributs:
            if responses and ("DOUTEUSE" in attributs or fictive):
                tags.append("APPEL_INSI_INTERDIT")
            if len(attributs) > 1 and fictive:
                tags.append("ATTRIBUTS_INCOMPATIBLES")
        matricule, oid, matricule_tags = self._local_matricule(person, scenario, responses)
        if matricule_of is not None:
            matricule, oid, matricule_tags = matricule_of.matricule, OID_NIR, []
            tags.append("MATRICULE_AUTRE_PERSONNE")
        if fictive or rng.random() >= keep_matricule:
            matricule, oid, matricule_tags = "", "", []
        draft = Draft(
            person.nom, list(person.prenoms), person.annee, person.mois, person.jour,
            person.sexe, person.lieu, person.nom_utilise, person.prenom_utilise,
            matricule, oid, rng.random() < 0.6,
        )  # fmt: skip
        count = 0 if fictive or rng.random() >= defect_rate else 2 if rng.random() < 0.2 else 1
        codes = inject(rng, self.places, person, draft, count, today) if count else []
        if doublon and draft.matricule and DATE_OR_SEX.intersection(codes):
            # same matricule with another birth date or sex reads as a collision (§9): drop it
            draft.matricule, draft.oid = "", ""
            codes = [c for c in codes if c not in _MATRICULE_TAGS]
            matricule_tags = []
        if "MATRICULE_CLE_INVALIDE" in codes:
            matricule_tags = []
        tags += matricule_tags + codes
        cells = self._cells(draft, structure, tags)
        age = (today - person.hi) / 365.2425
        minor = draft.annee > self.today.year - 19 and _minor(
            draft.annee, draft.mois, draft.jour, self.today
        )
        doc, complement = self._document(person, minor, age)
        if doc in AVEC_COMPLEMENT and not document_ok(doc, complement, minor):
            tags.append(
                "COMPLEMENT_NON_APPLICABLE" if complement else "JUSTIFICATIF_SANS_COMPLEMENT"
            )
        latest_00 = bool(responses) and responses[-1].cr == "00"
        attendu = expected(
            attributs, tags, latest_00=latest_00, document=document_ok(doc, complement, minor)
        )
        declared = self._declared(attributs, responses, doc, attendu, draft.matricule)
        gap = ecart(declared, attendu) if declared != attendu else ""
        if gap:
            tags.append("STATUT_" + gap)
        draw = rng.random()
        actif = "0" if draw < 0.08 else "" if draw < 0.1 else "1"
        cells += [doc, complement, "|".join(attributs), declared, actif]
        return Record(structure, person, cells, responses, tags, attendu)

    def _cells(self, d: Draft, structure: Structure, tags: list[str]) -> list[str]:
        """Columns nom_naissance … oid_ins as typed, with the style tags added to ``tags``."""
        rng = self.rng
        how = choose_style(rng)
        nom = style(d.nom, how)
        if how == "A" and rng.random() < 0.3:
            nom = accent_e(rng, nom)
        prenoms = [style(p, how) for p in d.prenoms]
        # title or lower case always shows; upper case with accents when there is one
        if how in "TL" or (how == "A" and not (nom.isascii() and all(map(str.isascii, prenoms)))):
            tags.append("CASSE_ACCENTS")
        if "'" in nom and rng.random() < 0.4:
            nom = nom.replace("'", "’")
            tags.append("APOSTROPHE_TYPOGRAPHIQUE")
        nom += d.suffix
        typed = " ".join(prenoms)
        if rng.random() < 0.04:
            tags.append("ESPACES_PARASITES")
            if len(prenoms) > 1 and rng.random() < 0.5:
                typed = "  ".join(prenoms)
            else:
                nom = f" {nom}  "
        if structure.iso_dates:
            naissance = f"{d.annee:04d}-{d.mois:02d}-{d.jour:02d}"
        else:
            naissance = f"{d.jour:02d}/{d.mois:02d}/{d.annee:04d}"
        matricule = d.matricule
        if matricule and rng.random() < structure.spaced_matricules:
            matricule = _spaced(matricule)
        return [
            nom, typed, prenoms[0] if d.premier else "", naissance, d.sexe, d.lieu,
            style(d.nom_utilise, how), style(d.prenom_utilise, how), matricule, d.oid,
        ]  # fmt: skip
