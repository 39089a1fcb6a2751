"""Record-level collisions: a matricule that cannot be the record's, an INSi answer about
another person, and the owner of a copied matricule."""

from __future__ import annotations

import pytest

from insvigil.insi.model import InsiTraits
from insvigil.matching.collisions import (
    insi_collision,
    matricule_collision,
    matricule_collisions,
    matricule_points,
)
from insvigil.model import Resident

from .helpers import nir, rec

FATHER = nir("1650375115123")  # M, March 1965, Paris 15e


@pytest.mark.parametrize(
    ("fields", "points"),
    [
        ({"naissance": "1965-03-20"}, 0),  # the father's own record
        ({"naissance": "1965-03-20", "sexe": "F"}, 1),  # a slip on sex
        ({"naissance": "1966-03-20"}, 1),  # a slip on the year
        ({"naissance": "1965-04-20"}, 1),  # a slip on the month
        ({"naissance": "1965-02-28"}, 0),  # one day off: March 1st
        ({"naissance": "1965-02-20"}, 1),
        ({"naissance": "1965-00-00"}, 0),  # unknown month: the year agrees
        ({"naissance": "2015-07-02", "sexe": "F"}, 3),  # a daughter under her father's NIR
        ({"naissance": "1992-08-02"}, 3),  # a son: year (two digits) and month
        ({"naissance": "1967-10-12", "sexe": "F"}, 3),  # a wife: sex, year, month
    ],
)
def test_matricule_points(fields: dict[str, str], points: int) -> None:
    assert matricule_points(rec("1", matricule=FATHER, **fields))[0] == points


def test_a_slip_of_one_day_or_a_swap_is_not_a_collision() -> None:
    dec = nir("1651275115123")  # December 1965
    assert matricule_points(rec("1", naissance="1966-01-01", matricule=dec))[0] == 0
    may = nir("1650575115123")  # May 1965, typed 03/05 instead of 05/03
    assert matricule_points(rec("2", naissance="1965-03-05", matricule=may))[0] == 0


def test_record_level_collision_even_with_a_mistyped_key() -> None:
    daughter = rec("1", "ROY", "LEA", "2015-07-02", "F", matricule=FATHER[:13] + "00")
    assert daughter.matricules == ()  # never used to link records
    found = matricule_collision(daughter)
    assert found is not None
    assert (found.type.value, found.structure_b, found.local_id_b) == ("COLLISION", "", "")
    assert found.score == 0.95


def test_owner_of_a_copied_matricule_is_paired() -> None:
    father = rec("1", "ROY", "PAUL", "1965-03-20", lieu="75115")  # no matricule of his own
    child = rec("2", "ROY--DURAND", "LEA", "2015-07-02", "F", matricule=FATHER)
    stranger = rec("3", "MARTIN", "JEAN", "1965-03-11", lieu="75115")  # same profile, no name
    found = matricule_collisions([father, child, stranger])
    kinds = sorted((p.local_id_a, p.local_id_b) for p in found)
    assert kinds == [("1", "2"), ("2", "")]


def _resident(**fields: str) -> Resident:
    base = dict(structure="750000001", local_id="A-1", nom_naissance="ROY",
                prenoms_naissance="LEA", date_naissance="2015-07-02", sexe="F")  # fmt: skip
    base.update(fields)
    return Resident(**base)  # type: ignore[arg-type]


def _traits(**fields: str | None) -> InsiTraits:
    base: dict[str, str | None] = dict(nom_naissance="ROY", prenoms_naissance="LEA",
                                       premier_prenom=None, sexe="F",
                                       date_naissance="2015-07-02", lieu_naissance="75115")
    base.update(fields)
    return InsiTraits(**base)  # type: ignore[arg-type]


def test_insi_answer_about_another_person() -> None:
    parent = _traits(prenoms_naissance="PAUL", sexe="M", date_naissance="1985-03-20")
    found = insi_collision(_resident(), None, parent)
    assert found is not None
    assert found.raisons.startswith("réponse INSi portant les traits d'une autre personne|")
    assert (found.structure_b, found.local_id_b) == ("", "")


@pytest.mark.parametrize(
    "traits",
    [
        {},
        {"nom_naissance": "ROI"},  # local slip
        {"prenoms_naissance": "LEA MARIE"},  # local list incomplete
        {"date_naissance": "2015-02-07"},  # day and month swapped
        {"sexe": "M"},  # one slip alone
        {"nom_naissance": "DURAND", "date_naissance": "2015-07-03"},  # married name + day
    ],
)
def test_insi_answer_about_the_same_person(traits: dict[str, str]) -> None:
    assert insi_collision(_resident(), None, _traits(**traits)) is None
