"""index_keys: every lookup key of one record, never raising."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from insvigil.lookup.keys import COLUMNS, IndexKeys, index_keys
from insvigil.model import Resident


def resident(**changes: object) -> Resident:
    base: dict[str, object] = {
        "structure": "750000001",
        "local_id": "A-1",
        "nom_naissance": "Martin--Durand",
        "prenoms_naissance": "Jean-Pierre Louis",
        "date_naissance": "05/03/1961",
        "sexe": "m",
    }
    base.update(changes)
    return Resident(**base)  # type: ignore[arg-type]


def test_every_key_of_a_full_record() -> None:
    k = index_keys(
        resident(
            nom_utilise="d’Artagnan",
            prenom_utilise="Pierrot",
            premier_prenom="Jean-Pierre",
            matricule_ins="1 61 03 75 115 123 45",
        ),
        insi_active="161037511512345",
    )
    assert k == IndexKeys(
        nom_cle="MARTIN DURAND",
        nom_phon="NORT4TUR1",
        nom_utilise_cle="D ARTAGNAN",
        nom_utilise_phon="TORTOGN1",
        prenoms_cles="JEAN PIERRE LOUIS",
        prenom1_phon="GE1",
        prenom_utilise_cle="PIERROT",
        ddn="1961-03-05",
        annee=1961,
        mois=3,
        jour=5,
        sexe="M",
        matricule="161037511512345",
        matricule_insi="161037511512345",
    )


def test_hyphen_and_space_give_the_same_keys() -> None:
    a = index_keys(resident(nom_naissance="MARTIN-DURAND"))
    b = index_keys(resident(nom_naissance="martin durand"))
    assert (a.nom_cle, a.nom_phon) == (b.nom_cle, b.nom_phon)


def test_partial_date_and_missing_optional_traits() -> None:
    k = index_keys(resident(date_naissance="1950-00-00"))
    assert (k.ddn, k.annee, k.mois, k.jour) == ("1950-00-00", 1950, 0, 0)
    assert k.nom_utilise_cle is k.nom_utilise_phon is k.matricule is k.matricule_insi is None
    assert k.prenom1_phon == "GE1"


def test_odd_values_give_no_key_instead_of_an_error() -> None:
    k = index_keys(resident(nom_naissance="--", date_naissance="1950-13-45", sexe="X"))
    assert (k.nom_cle, k.nom_phon, k.ddn, k.annee, k.sexe) == (None, None, None, None, None)


def test_a_non_conforming_name_is_still_indexed() -> None:
    k = index_keys(resident(nom_naissance="DUPONT2"))
    assert k.nom_cle == "DUPONT2"
    assert k.nom_phon == "TUT1"


def test_row_follows_columns() -> None:
    k = index_keys(resident())
    assert IndexKeys._fields == COLUMNS
    assert dict(zip(COLUMNS, k.row(), strict=True))["nom_cle"] == "MARTIN DURAND"


@given(
    st.text(max_size=30),
    st.text(max_size=30),
    st.text(max_size=12),
    st.text(max_size=3),
    st.one_of(st.none(), st.text(max_size=30)),
    st.one_of(st.none(), st.text(max_size=20)),
)
def test_never_raises(
    nom: str, prenoms: str, ddn: str, sexe: str, utilise: str | None, matricule: str | None
) -> None:
    k = index_keys(
        resident(
            nom_naissance=nom,
            prenoms_naissance=prenoms,
            date_naissance=ddn,
            sexe=sexe,
            nom_utilise=utilise,
            matricule_ins=matricule,
        )
    )
    assert len(k.row()) == len(COLUMNS)
