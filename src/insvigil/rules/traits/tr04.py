from __future__ import annotations

from insvigil.rules.base import Rule


class TR04(Rule):
    """Date de naissance impossible : la ligne est rejetée (rejets.csv).

    Appliquée à la lecture du fichier : mois supérieur à 12, jour au-delà de la fin du mois,
    année 0000, date future. Un jour ou un mois inconnu de l'état civil s'écrit 00 et reste
    accepté ; il est comparé tel quel (1950-00-00 ≠ 1950-12-31).

    Conforme : « 1950-00-00 », « 12/05/1983 ».
    Non conforme : « 1950-02-30 », « 1983-13-01 », « 0000-01-01 ».
    """

    evaluated = False
