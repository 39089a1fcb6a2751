"""Row builders and codecs agree with the tables and round-trip the domain values."""

from __future__ import annotations

from dataclasses import fields, replace
from datetime import datetime

from insvigil.findings import Finding, Gravite
from insvigil.model import Resident
from insvigil.store import StoredInsi, insi_payload_hash
from insvigil.store.db.codec import (
    findings_from_json,
    findings_to_json,
    resident_from_row,
    resident_values,
)
from insvigil.store.records.rows import (
    INSI_COLUMNS,
    RECORD_COLUMNS,
    RESULT_COLUMNS,
    insi_row,
    record_row,
    result_row,
)
from insvigil.store.schema.core import (
    RESIDENT_COLUMNS,
    insi_responses,
    records,
    results,
)

from .helpers import discordance, insi, item, resident, result_for


def test_row_builders_follow_the_tables_column_order() -> None:
    assert tuple(records.columns.keys()) == RECORD_COLUMNS
    assert tuple(results.columns.keys()) == RESULT_COLUMNS
    # without the serial id; the payload's id last (known once the payload is stored)
    response_columns = insi_responses.columns.keys()[1:]
    assert response_columns[:5] + response_columns[6:] + response_columns[5:6] == list(INSI_COLUMNS)


def test_every_resident_field_but_ligne_is_a_records_column() -> None:
    names = {f.name for f in fields(Resident)} - {"structure", "local_id", "ligne"}
    assert set(RESIDENT_COLUMNS) == names
    assert set(resident_values(resident(1))) == names
    assert set(RESIDENT_COLUMNS) <= set(RECORD_COLUMNS)


def test_rows_have_one_value_a_column_and_driver_types_only() -> None:
    res = resident(1)
    chunk_item = item(res, result_for(res, discordances=[discordance()]), [insi()])
    rows = [
        (RECORD_COLUMNS, record_row(1, res, "h", 1, "2026-01-01T00:00:00")),
        (RESULT_COLUMNS, result_row(1, 1, chunk_item.result)),
        (INSI_COLUMNS, (*insi_row(1, chunk_item.insi[0]).values, 1)),
    ]
    for columns, row in rows:
        assert len(row) == len(columns)
        assert all(v is None or type(v) in (str, int, bool, bytes) for v in row), row


def test_resident_round_trip() -> None:
    res = resident(4, nom_utilise="X", actif=False)
    row = {"structure": res.structure, "local_id": res.local_id, **resident_values(res)}
    assert resident_from_row(row) == replace(res, ligne=0)


def test_findings_json_round_trip_and_tolerates_unknown_keys() -> None:
    findings = (
        Finding("MI02", Gravite.BLOQUANTE, "Clé « fausse ».", trait="matricule"),
        Finding("DI01", Gravite.MINEURE, "x", valeur_locale="A", valeur_insi="B"),
        Finding("IS11", Gravite.INFO, "Réponse du 07/11/2023.", params=("07/11/2023",)),
    )
    text = findings_to_json(findings)
    assert '"params":["07/11/2023"]' in text and text.count("params") == 1
    assert " " not in text.replace("Clé « fausse ».", "").replace("Réponse du ", "")  # compact
    assert findings_from_json(text) == findings
    later = '[{"code":"ZZ01","gravite":"INFO","message":"m","ajoute_plus_tard":1}]'
    assert findings_from_json(later) == (Finding("ZZ01", Gravite.INFO, "m"),)
    assert findings_from_json("[]") == () == findings_from_json(None)


def test_payload_hash_ignores_the_source_and_key_order() -> None:
    a = StoredInsi("a.jsonl", datetime(2026, 1, 1), "00", "VERIFICATION", {"x": 1, "y": [1, 2]})
    b = StoredInsi("b.xml", datetime(2026, 1, 1), "00", "VERIFICATION", {"y": [1, 2], "x": 1})
    assert insi_payload_hash(a) == insi_payload_hash(b)
    assert insi_row(1, a).key == (1, bytes.fromhex(insi_payload_hash(a))[:8])
    assert insi_row(1, a).payload_hash == insi_row(1, b).payload_hash
    assert insi_payload_hash(a) != insi_payload_hash(
        StoredInsi("a.jsonl", datetime(2026, 1, 2), "00", "VERIFICATION", {"x": 1, "y": [1, 2]})
    )


def test_a_finding_with_a_template_is_stored_as_its_code_and_values() -> None:
    from insvigil.findings import make, noted

    cases = [
        make("ST02", "QUALIFIEE", Gravite.INFO, (), "statut"),
        make(
            "TR01", "nom", Gravite.MINEURE, ("d’Arc", "D'ARC", "APOSTROPHE,CASSE"), "nom_naissance"
        ),
        make("DI06", "absent", Gravite.BLOQUANTE, (), "premier_prenom", locale="JEAN", insi=""),
        make("DI11", "absent", Gravite.MINEURE, (), "lieu_naissance", locale="", insi=None),
        make("ST04", "surestime", Gravite.MINEURE, ("QUALIFIEE", "VALIDEE"), None),
        make("IS11", "sans_date", Gravite.INFO, (), "un_trait_inconnu"),
        make("IS11", "date", Gravite.INFO, ("01/02/2026",), "un_trait_inconnu", locale="x"),
        noted(make("IS12", "collision", Gravite.BLOQUANTE, (), "matricule_ins"), "accepte"),
    ]
    text = findings_to_json(cases)
    assert "message" not in text and "Statut QUALIFIEE" not in text
    back = findings_from_json(text)
    assert back == tuple(cases)
    assert back[1].message == (
        "Nom de naissance « d’Arc » mis en forme INS « D'ARC » : apostrophe typographique "
        "remplacée par l'apostrophe droite, minuscules mises en majuscules."
    )
    assert back[-1].message.endswith(
        "(deux personnes pour un dossier). Écart accepté par un référent."
    )


def test_a_store_written_before_and_a_finding_without_template_read_back() -> None:
    old = (
        '[{"code":"ST02","gravite":"INFO","message":"Statut PROVISOIRE : ni INS récupéré via '
        'l\'INSi, ni justificatif à haut niveau de confiance.","trait":"statut"},'
        '{"code":"DI04","gravite":"MINEURE","message":"Nom.","trait":"nom_naissance",'
        '"valeur_insi":"B","valeur_locale":"A"}]'
    )
    first, second = findings_from_json(old)
    assert first.message.startswith("Statut PROVISOIRE : ni INS") and first.variant == ""
    assert (second.valeur_locale, second.valeur_insi, second.gravite) == ("A", "B", Gravite.MINEURE)
    plain = Finding("ZZ99", Gravite.INFO, "Sans modèle.", "statut")
    assert findings_from_json(findings_to_json([plain])) == (plain,)
