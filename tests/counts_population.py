"""A hand-made population whose every count is known: two structures, pairs across them,
collisions of a pair and of one record, an inactive record, for ``test_counts_agree``.

Made-up names; matricules built with a valid key (never a real person's).
"""

from __future__ import annotations

import json
from pathlib import Path

from insvigil.identifiers.matricule import calc_key

S1, S2 = "077388924", "163350036"  # FINESS of the bundled synthetic sample (valid keys)
NIR_OID = "1.2.250.1.213.1.4.8"
HEADER = (
    "structure;local_id;nom_naissance;prenoms_naissance;date_naissance;sexe;lieu_naissance;"
    "matricule_ins;oid_ins;justificatif;actif"
)


def nir(body: str) -> str:
    return body + calc_key(body)


#: (structure, local_id, nom, prénoms, naissance, sexe, lieu, matricule, actif)
ROWS: tuple[tuple[str, str, str, str, str, str, str, str, str], ...] = (
    # A1: INSi gives another birth name → one BLOQUANTE discordance
    (S1, "A1", "BERTHELOT", "LUCIEN", "1941-02-11", "M", "75056", "", "1"),
    # A2: the same, but the record left the file active
    (S1, "A2", "CHAMPOLLE", "ROSINE", "1938-07-23", "F", "69123", "", "0"),
    # A3 (S1) and B1 (S2): one person in two structures → a DOUBLON across structures
    (S1, "A3", "DELAMBRE", "HUGUETTE MARIE", "1936-09-14", "F", "13055", "", "1"),
    (S2, "B1", "DELAMBRE", "HUGUETTE MARIE", "1936-09-14", "F", "13055", "", "1"),
    # A4 and A5: one person twice in S1 → a DOUBLON the test resolves
    (S1, "A4", "FOURCADE", "ANSELME", "1944-12-02", "M", "31555", "", "1"),
    (S1, "A5", "FOURCADE", "ANSELME", "1944-12-02", "M", "31555", "", "1"),
    # A6 (S1) and B2 (S2): one matricule for two persons → a COLLISION across structures
    (S1, "A6", "GUERANDE", "PAULETTE", "1947-05-19", "F", "33063", nir("2470533063117"), "1"),
    (S2, "B2", "HOUDRAIN", "MAURICE", "1952-10-03", "M", "67482", nir("2470533063117"), "1"),
    # B4: a local matricule of somebody else (sex, year, month) → a collision of one record
    (S2, "B4", "LAMBERTIN", "GISELE", "1961-08-30", "F", "44109", nir("1550244109052"), "1"),
    # B5: INSi answers with another person's traits → a collision of one record
    (S2, "B5", "MORVILLIER", "EDMOND", "1958-01-16", "M", "35238", "", "1"),
)

#: B3: two INSi 00 answers with unrelated matricules → an IS12 collision of one record.
B3 = (S2, "B3", "JOUVENET", "ODETTE", "1949-04-27", "F", "59350", "", "1")


def _answer(
    structure: str,
    local_id: str,
    matricule: str,
    traits: dict[str, str],
    date: str = "2026-10-02T10:41:00",
) -> dict[str, object]:
    return {
        "structure": structure,
        "local_id": local_id,
        "operation": "RECHERCHE_TRAITS",
        "date": date,
        "cr": "00",
        "ins": {"matricule": matricule, "oid": NIR_OID, "historique": []},
        "traits": traits,
    }


def _traits(row: tuple[str, ...], **changes: str) -> dict[str, str]:
    _, _, nom, prenoms, ddn, sexe, lieu, *_ = row
    out = {
        "nom_naissance": nom,
        "prenoms_naissance": prenoms,
        "sexe": sexe,
        "date_naissance": ddn,
        "lieu_naissance": lieu,
    }
    out.update(changes)
    return out


def write(folder: Path) -> tuple[Path, Path]:
    """residents.csv and insi.jsonl in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    lines = [HEADER]
    for s, loc, nom, prenoms, ddn, sexe, lieu, mat, actif in (*ROWS, B3):
        oid = NIR_OID if mat else ""
        lines.append(f"{s};{loc};{nom};{prenoms};{ddn};{sexe};{lieu};{mat};{oid};CNI;{actif}")
    residents = folder / "residents.csv"
    residents.write_text("\n".join(lines) + "\n", encoding="utf-8")
    by_key = {(r[0], r[1]): r for r in ROWS}
    answers = [
        _answer(
            S1, "A1", nir("1410275056231"), _traits(by_key[(S1, "A1")], nom_naissance="BERTHELIN")
        ),
        _answer(
            S1, "A2", nir("2380769123412"), _traits(by_key[(S1, "A2")], nom_naissance="CHAMPOLLET")
        ),
        _answer(S2, "B3", nir("2490459350118"), _traits(B3)),
        _answer(
            S2,
            "B5",
            nir("2710613055301"),
            _traits(
                by_key[(S2, "B5")],
                nom_naissance="PERRIGAUD",
                prenoms_naissance="SIMONE",
                sexe="F",
                date_naissance="1971-06-09",
                lieu_naissance="13055",
            ),
        ),
        _answer(S2, "B3", nir("2490459350226"), _traits(B3), "2026-10-03T09:00:00"),
    ]
    insi = folder / "insi.jsonl"
    insi.write_text("".join(json.dumps(a) + "\n" for a in answers), encoding="utf-8")
    return residents, insi
