"""Why a file-system operation failed, in French (the OS's own text is English)."""

from __future__ import annotations

import errno

__all__ = ["why"]

_REASONS = {
    errno.EACCES: "droits insuffisants pour y écrire",
    errno.EPERM: "droits insuffisants pour y écrire",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOSPC: "disque plein",
    errno.EDQUOT: "quota disque dépassé",
    errno.ENAMETOOLONG: "nom trop long",
    errno.ENOENT: "chemin absent, ou rien ne peut être créé à cet emplacement",
    errno.ENOTDIR: "un élément du chemin est un fichier, pas un dossier",
    errno.ELOOP: "trop de liens symboliques",
}


def why(error: OSError) -> str:
    """``droits insuffisants pour y écrire``…; otherwise the errno's symbolic name."""
    if error.errno in _REASONS:
        return _REASONS[error.errno]
    name = errno.errorcode.get(error.errno or 0, "inconnue")
    return f"erreur système {name}"
