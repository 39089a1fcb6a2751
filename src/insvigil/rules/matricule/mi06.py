from __future__ import annotations

from insvigil.rules.base import Rule


class MI06(Rule):
    """L'INS de référence est le matricule actif renvoyé par l'INSi ; l'historique est conservé.

    L'INSi renvoie un matricule actif (INSACTIF) et, parfois, des matricules historiques
    (INSHISTO) : un NIA remplacé par un NIR, un ancien NIR. insvigil référence l'identité avec
    le matricule actif et garde l'historique tel quel ; les dates d'historique sont ignorées.

    Conforme : NIA historique et NIR actif : le NIR est retenu.
    Non conforme : retenir le NIA historique comme INS.
    """

    evaluated = False
