"""The insvigil exception tree.

Library code raises; the command-line adapter turns these into one French line and an exit code.
Messages are French (they reach people) and never carry a full matricule: use
:func:`insvigil.identifiers.matricule.mask` before putting one in a message.

::

    InsvigilError
     ├── InvalidValue (ValueError)        a value fails validation; ``code`` says why
     │    ├── InvalidLength
     │    ├── InvalidFormat
     │    ├── InvalidChecksum
     │    └── InvalidComponent
     ├── InputFileError                   an input file cannot be processed at all (exit 1)
     ├── ConfigurationError               a rules/policy file is wrong (exit 1)
     ├── OutputError                      an output folder or file cannot be written (exit 1)
     └── StoreError                       the store cannot be opened or migrated
"""

from __future__ import annotations


class InsvigilError(Exception):
    """Base class of every error insvigil raises on purpose."""

    default_message = "erreur insvigil"

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.default_message
        super().__init__(self.message)


class InvalidValue(InsvigilError, ValueError):
    """A value (trait, matricule, OID, date…) does not pass validation.

    ``code`` is a stable reason code (for example ``MI02``) that tests and reports may rely on.
    """

    default_message = "valeur invalide"
    default_code = "INVALIDE"

    def __init__(self, message: str | None = None, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code or self.default_code


class InvalidLength(InvalidValue):
    """The value has the wrong length."""

    default_message = "longueur incorrecte"
    default_code = "LONGUEUR"


class InvalidFormat(InvalidValue):
    """The value has characters or a shape that are not allowed."""

    default_message = "format incorrect"
    default_code = "FORMAT"


class InvalidChecksum(InvalidValue):
    """The value's control key does not match."""

    default_message = "clé de contrôle incorrecte"
    default_code = "CLE"


class InvalidComponent(InvalidValue):
    """One component of the value (month, department, sex digit…) is out of range."""

    default_message = "composant incorrect"
    default_code = "COMPOSANT"


class InputFileError(InsvigilError):
    """An input file cannot be processed at all (missing, unreadable, wrong shape)."""

    default_message = "fichier d'entrée illisible"


class ConfigurationError(InsvigilError):
    """A rules or policy file is invalid; the message names file, key, value and what is allowed."""

    default_message = "configuration invalide"


class OutputError(InsvigilError):
    """An output folder or file cannot be used (not creatable, not writable, not empty); the
    message names it and says why. Checked before any work, so nothing is half done."""

    default_message = "sortie impossible à écrire"


class StoreError(InsvigilError):
    """The store (database) cannot be opened, migrated or written."""

    default_message = "base de données inaccessible"
