"""The defects a synthetic population carries, and what each one allows (domain.md §6.2, §8).

Each defect names the trait it touches, the discordance row of domain.md §8 (or the rule) it
exercises, its severity, and its effect on the two proofs of §6.1:

- ``bloque_i``: the INS cannot be "retrieved" (I false), whatever the INSi responses;
- ``bloque_c``: the document check cannot count (C false): a strict trait is missing or not
  conforming (TR02, TR07, JU01), or the document is not accepted in that case (JU02).

The expected status of a record (:mod:`insvigil.synth.truth`) follows from these flags, the
attributes, the latest INSi response and the document. Codes are public: they appear in the
``defauts`` column of ``verite.csv``.

>>> DEFAUTS["NOM_FAUTE"].bloque_i, DEFAUTS["LIEU_ABSENT"].bloque_c
(True, True)
>>> sorted(code for code, d in DEFAUTS.items() if d.rejet)[:2]
['REJET_CHAMP_VIDE', 'REJET_DATE_IMPOSSIBLE']
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["DEFAUTS", "Defaut"]


@dataclass(frozen=True, slots=True)
class Defaut:
    """One kind of injected defect."""

    code: str
    trait: str
    regle: str  # the domain.md row or rule it exercises
    gravite: str  # MINEURE, BLOQUANTE, NON_CONFORME, INFO, REJET
    bloque_i: bool
    bloque_c: bool
    libelle: str  # French, for people reading the ground truth

    @property
    def rejet(self) -> bool:
        return self.gravite == "REJET"


_ROWS: tuple[tuple[str, str, str, str, str, str], ...] = (
    # code, trait, rule, severity, effect (I/C/IC/-), French label
    ("CASSE_ACCENTS", "nom/prenoms", "§8 #1", "MINEURE", "-", "casse ou accents différents"),
    ("ESPACES_PARASITES", "nom/prenoms", "§8 #1", "MINEURE", "-", "espaces en trop"),
    ("APOSTROPHE_TYPOGRAPHIQUE", "nom", "§8 #1", "MINEURE", "-", "apostrophe ’ au lieu de '"),
    ("NOM_TIRET_ESPACE", "nom", "§8 #2", "MINEURE", "-", "tiret, espace ou apostrophe permutés"),
    ("PRENOM_TIRET_ESPACE", "premier_prenom", "§8 #5", "MINEURE", "-",
     "prénom composé saisi avec une espace (JEAN PIERRE)"),
    ("PRENOMS_INCOMPLETS", "prenoms", "§8 #7", "MINEURE", "-",
     "seuls les premiers prénoms sont saisis"),
    ("LIEU_ABSENT", "lieu", "§8 #11, TR07", "MINEURE", "C",
     "lieu de naissance non saisi (complété par l'INSi, mais pas de validation)"),
    ("LIEU_CODE_ACTUEL", "lieu", "§8 #12, TR06", "MINEURE", "-",
     "code actuel (2A/2B) saisi pour une naissance en Corse avant 1976"),
    ("LIEU_COMMUNE_PLM", "lieu", "§8 #12", "MINEURE", "-",
     "code de la commune (75056…) au lieu de l'arrondissement"),
    ("MATRICULE_NIA_HISTORIQUE", "matricule", "§8 #14, MI07", "MINEURE", "-",
     "NIA remplacé depuis par un NIR (entrée d'historique INSi)"),
    ("OID_ABSENT", "oid", "§8 #14, MI05", "MINEURE", "-", "OID non saisi (repris de l'INSi)"),
    ("NOM_FAUTE", "nom", "§8 #4", "BLOQUANTE", "I", "faute de frappe dans le nom"),
    ("NOM_PARTICULE_COLLEE", "nom", "§8 #3", "BLOQUANTE", "I",
     "séparateur supprimé (LEGALL pour LE GALL)"),
    ("NOM_UTILISE_SAISI", "nom", "§8 #4", "BLOQUANTE", "I",
     "nom d'usage (nom de l'époux) saisi comme nom de naissance"),
    ("PRENOM_FAUTE", "prenoms", "§8 #6/#8", "BLOQUANTE", "I", "faute de frappe dans un prénom"),
    ("PRENOMS_ORDRE", "prenoms", "§8 #8", "BLOQUANTE", "I", "prénoms dans un autre ordre"),
    ("PRENOM_UTILISE_EN_PREMIER", "prenoms", "§8 #6", "BLOQUANTE", "I",
     "prénom d'usage saisi en premier prénom"),
    ("DATE_JOUR_MOIS_INVERSES", "date", "§8 #9", "BLOQUANTE", "I", "jour et mois inversés"),
    ("DATE_FAUTE", "date", "§8 #9", "BLOQUANTE", "I", "date de naissance erronée"),
    ("DATE_INCONNUE_COMPLETEE", "date", "§8 #9, TR04", "BLOQUANTE", "I",
     "jour ou mois inconnus (00) complétés (01, 31/12)"),
    ("SEXE_ERRONE", "sexe", "§8 #10", "BLOQUANTE", "I", "sexe erroné"),
    ("SEXE_INDETERMINE", "sexe", "§8 #10, TR05", "BLOQUANTE", "I", "sexe saisi I"),
    ("LIEU_ERRONE", "lieu", "§8 #13", "BLOQUANTE", "I", "autre commune ou pays"),
    ("LIEU_CODE_POSTAL_AUTRE_COMMUNE", "lieu", "§8 #13", "BLOQUANTE", "I",
     "code postal saisi, qui est aussi le code INSEE d'une autre commune à la date"),
    ("LIEU_CODE_POSTAL", "lieu", "§8 #13, TR06", "NON_CONFORME", "IC",
     "code postal saisi (75015), pas un code INSEE en vigueur à la date"),
    ("NOM_NON_CONFORME", "nom", "TR01, TR02", "NON_CONFORME", "IC",
     "caractère interdit dans le nom (chiffre, point)"),
    ("MATRICULE_CLE_INVALIDE", "matricule", "§8 #15, MI02", "BLOQUANTE", "I",
     "matricule mal recopié (clé invalide)"),
    ("MATRICULE_AUTRE_PERSONNE", "matricule", "§8 #15, MI04, §9", "BLOQUANTE", "I",
     "NIR de l'ouvrant droit (parent, conjoint) recopié de la carte Vitale"),
    ("OID_TEST", "oid", "MI05", "BLOQUANTE", "I", "OID de test (…1.4.10)"),
    ("INSI_AUCUNE_IDENTITE", "insi", "IS04", "BLOQUANTE", "I", "dernière réponse INSi 01"),
    ("INSI_PLUSIEURS_IDENTITES", "insi", "IS04", "BLOQUANTE", "I", "dernière réponse INSi 02"),
    ("INSI_VERIFICATION_ANNULEE", "insi", "§6.2", "BLOQUANTE", "I",
     "vérification INSi ultérieure en échec (≠00)"),
    ("INSI_DEUX_MATRICULES", "insi", "§6.2, §9", "BLOQUANTE", "I",
     "deux réponses 00 avec des matricules actifs différents (collision)"),
    ("INSI_AUTRE_PERSONNE", "insi", "§8, §9", "BLOQUANTE", "I",
     "réponse INSi portant les traits d'une autre personne (collision)"),
    ("INSI_CLE_INVALIDE", "insi", "§8 #15, MI02", "BLOQUANTE", "I",
     "matricule renvoyé par l'INSi avec une clé invalide"),
    ("JUSTIFICATIF_SANS_COMPLEMENT", "justificatif", "§5 JU02", "INFO", "C",
     "livret de famille ou extrait d'acte sans pièce complémentaire"),
    ("COMPLEMENT_NON_APPLICABLE", "justificatif", "§5", "INFO", "C",
     "pièce complémentaire hors de son cas (majeur, carte Vitale photo hors EHPAD)"),
    ("APPEL_INSI_INTERDIT", "insi", "ST01", "INFO", "-",
     "réponse INSi pour une identité douteuse ou fictive"),
    ("ATTRIBUTS_INCOMPATIBLES", "attributs", "AT01", "INFO", "-",
     "FICTIVE combinée à un autre attribut"),
    ("STATUT_SURESTIME", "statut", "ST04", "INFO", "-", "statut déclaré surestimé"),
    ("STATUT_SOUSESTIME", "statut", "ST04", "INFO", "-", "statut déclaré sous-estimé"),
    ("REJET_DATE_IMPOSSIBLE", "date", "TR04", "REJET", "IC", "date impossible (30 février…)"),
    ("REJET_SEXE_INCONNU", "sexe", "contrat §1", "REJET", "IC", "sexe inconnu (X)"),
    ("REJET_LOCAL_ID_DUPLIQUE", "local_id", "contrat §1", "REJET", "IC",
     "même local_id deux fois dans une structure"),
    ("REJET_CHAMP_VIDE", "nom", "contrat §1", "REJET", "IC", "nom de naissance vide"),
)  # fmt: skip

DEFAUTS: dict[str, Defaut] = {
    code: Defaut(code, trait, rule, gravite, "I" in effect, "C" in effect, label)
    for code, trait, rule, gravite, effect, label in _ROWS
}
