"""Queue candidates from a record's result and from duplicate pairs (pure)."""

from __future__ import annotations

from dataclasses import dataclass

from insvigil.findings import Finding, Gravite
from insvigil.model import Discordance, RecordResult, Statut
from insvigil.model.codes import Attribut, TypePaire
from insvigil.review.candidates import from_pairs, from_result
from insvigil.review.types import Kind

NIR_A, NIR_B = "283052A00412307", "246012000411885"  # synthetic, keys by MI02


def result(*findings: Finding) -> RecordResult:
    discordances = tuple(
        Discordance(
            f.trait or "", f.valeur_locale or "", f.valeur_insi or "", f.gravite, f.code, f.message
        )
        for f in findings
        if f.valeur_insi is not None
    )
    return RecordResult(
        structure="750000001",
        local_id="A-0001",
        statut=Statut.VALIDEE,
        attributs=frozenset({Attribut.FICTIVE, Attribut.HOMONYME}),
        ins_utilisable=False,
        statut_declare=None,
        ecart_statut=None,
        regles=(),
        findings=findings,
        discordances=discordances,
    )


DI09 = Finding(
    "DI09",
    Gravite.BLOQUANTE,
    "Date de naissance différente.",
    "date_naissance",
    valeur_locale="1946-01-07",
    valeur_insi="1946-01-17",
)
DI01 = Finding("DI01", Gravite.MINEURE, "Casse.", "nom_naissance", "Lefèvre", "LEFEVRE")
IS12 = Finding(
    "IS12",
    Gravite.BLOQUANTE,
    "Collision possible.",
    "matricule_ins",
    valeur_locale=NIR_A,
    valeur_insi=NIR_B,
)
MI04 = (
    Finding("MI04", Gravite.BLOQUANTE, "Matricule local : sexe contradictoire.", "sexe"),
    Finding("MI04", Gravite.BLOQUANTE, "Matricule local : année contradictoire.", "date_naissance"),
    Finding("MI04", Gravite.INFO, "Arrondissement.", "lieu_naissance"),
)
AT01 = Finding("AT01", Gravite.MINEURE, "Combinaison d'attributs interdite.", "attributs")


def test_each_problem_becomes_one_candidate() -> None:
    found = from_result(result(DI09, DI01, IS12, *MI04, AT01), content_hash="h1", actif=False)
    kinds = [(c.kind, c.code, c.gravite) for c in found]
    assert kinds == [
        (Kind.DISCORDANCE, "DI09", "BLOQUANTE"),
        (Kind.COLLISION, "IS12", "BLOQUANTE"),
        (Kind.CONTRADICTION, "MI04", "BLOQUANTE"),
        (Kind.ATTRIBUTS, "AT01", "MINEURE"),
    ]
    disc, collision, contradiction, _ = found
    assert (disc.valeur_locale, disc.valeur_insi, disc.hash_a, disc.actif) == (
        "1946-01-07",
        "1946-01-17",
        "h1",
        False,
    )
    assert "local « 1946-01-07 », INSi « 1946-01-17 »" in disc.resume
    assert len(contradiction.details["constats"]) == 2  # type: ignore[arg-type]
    # matricules: kept for the decision key, masked in the summary
    assert collision.valeur_locale == NIR_A and NIR_A not in collision.resume
    assert "2************07" in collision.resume


def test_fingerprints_are_stable_and_follow_the_values() -> None:
    once = [c.fingerprint for c in from_result(result(DI09, IS12, *MI04), content_hash="h1")]
    again = [c.fingerprint for c in from_result(result(DI09, IS12, *MI04), content_hash="h2")]
    assert once == again and len(set(once)) == 3
    other = Finding(
        "DI09",
        Gravite.BLOQUANTE,
        "Date.",
        "date_naissance",
        valeur_locale="1946-01-08",
        valeur_insi="1946-01-17",
    )
    assert from_result(result(other), content_hash="h1")[0].fingerprint != once[0]


@dataclass(frozen=True)
class P:
    structure_a: str
    local_id_a: str
    structure_b: str
    local_id_b: str
    score: float
    type: TypePaire
    raisons: str = "nom identique|date identique"
    levels: tuple[str, ...] = ("nom=IDENTIQUE",)
    hash_a: str = "ha"
    hash_b: str = "hb"


def test_pairs_above_the_threshold_and_every_collision() -> None:
    pairs = [
        P("S", "1", "S", "2", 0.95, TypePaire.DOUBLON),
        P("S", "3", "S", "4", 0.80, TypePaire.DOUBLON),
        P("S", "5", "T", "6", 0.85, TypePaire.COLLISION),
        P("S", "7", "", "", 1.0, TypePaire.COLLISION),
    ]
    found = from_pairs(pairs, seuil_probable=0.9, actif=lambda s, loc: loc != "1")
    assert [(c.kind, c.local_id, c.local_id_b) for c in found] == [
        (Kind.DOUBLON, "1", "2"),
        (Kind.COLLISION, "5", "6"),
    ]
    assert found[0].actif and found[0].score == 0.95 and found[0].hash_b == "hb"
    assert found[0].resume.startswith("Doublon probable (score 0,95) : dossiers S/1 et S/2")
    flipped = from_pairs(
        [P("S", "2", "S", "1", 0.95, TypePaire.DOUBLON, hash_a="hb", hash_b="ha")],
        seuil_probable=0.9,
    )
    assert flipped[0].fingerprint == found[0].fingerprint
    assert (flipped[0].local_id, flipped[0].hash_a) == ("1", "ha")
