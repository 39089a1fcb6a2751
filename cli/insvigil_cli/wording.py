"""Small French wording helpers for the commands' summaries."""

from __future__ import annotations

__all__ = ["plural"]


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """The word agreeing with ``count``: French takes the singular for 0 and 1.

    >>> f"1 {plural(1, 'structure')}, 3 {plural(3, 'personne')}, 0 {plural(0, 'rejet')}"
    '1 structure, 3 personnes, 0 rejet'
    >>> plural(2, "dossier synthétique", "dossiers synthétiques")
    'dossiers synthétiques'
    """
    if abs(count) < 2:
        return singular
    return plural_form if plural_form is not None else f"{singular}s"
