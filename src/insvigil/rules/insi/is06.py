from __future__ import annotations

from insvigil.rules.base import Rule


class IS06(Rule):
    """Ligne ou fichier de réponse INSi mal formé : signalé dans rejets.csv, le traitement continue.

    Une ligne JSON illisible, une clé manquante, un fichier qui n'est pas du XML ou dont le nom
    ne suit pas <structure>__<local_id>.xml est compté et signalé ; les autres réponses sont lues.

    Conforme : {"structure": "750000001", "local_id": "A-1", "cr": "01", …}.
    Non conforme : une ligne tronquée."""

    evaluated = False
