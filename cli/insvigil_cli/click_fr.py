"""click's own messages in French.

click passes every message it shows through ``gettext``/``ngettext``, imported into each of its
modules. The standard library's ``gettext`` reads ``.mo`` catalogues chosen by the user's locale;
insvigil speaks French whatever the locale, so :func:`install` binds those two names, in click's
modules, to the fixed catalogue below (click's message ids, as in click's source). A message
missing here stays English: ``tests/test_cli_french.py`` checks that every message id of the
installed click has its translation, so a click upgrade that adds or changes one fails a test.
"""

from __future__ import annotations

import importlib

import click

__all__ = ["MESSAGES", "PLURALS", "TYPE_NAMES", "gettext", "install", "ngettext"]

#: click's modules that translate their messages.
MODULES = (
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.termui",
    "click.types",
    "click.utils",
)  # not click._termui_impl (progress bars, editor): insvigil uses neither, and it costs ~15 ms

MESSAGES: dict[str, str] = {
    # Help screens.
    "Usage:": "Utilisation :",
    "Options": "Options",
    "Commands": "Commandes",
    "Positional arguments": "Arguments",
    "default: {default}": "défaut : {default}",
    "required": "obligatoire",
    "env var: {var}": "variable d'environnement : {var}",
    "(dynamic)": "(calculé)",
    "deprecated": "obsolète",
    "Show this message and exit.": "Afficher cette aide et quitter.",
    "Show the version and exit.": "Afficher la version et quitter.",
    "%(prog)s, version %(version)s": "%(prog)s, version %(version)s",
    "Do you want to continue?": "Continuer ?",
    "Confirm the action without prompting.": "Confirmer sans poser la question.",
    # Kinds of paths (shown in messages and as metavars: DOSSIER, FICHIER, CHEMIN).
    "file": "fichier",
    "directory": "dossier",
    "path": "chemin",
    # Usage errors.
    "Missing command.": "commande manquante.",
    "No such command {name!r}.": "commande inconnue : {name}.",
    "No such option {name!r}.": "option inconnue : {name}.",
    "Missing argument": "argument obligatoire manquant",
    "Missing option": "option obligatoire manquante",
    "Missing parameter": "paramètre obligatoire manquant",
    "Missing {param_type}": "{param_type} manquant",
    "Missing parameter: {param_name}": "paramètre obligatoire manquant : {param_name}",
    "Invalid value for {param_hint}: {message}": "valeur invalide pour {param_hint} : {message}",
    "Invalid value: {message}": "valeur invalide : {message}",
    "Option {name!r} does not take a value.": "l'option {name} ne prend pas de valeur.",
    "Argument {name!r} takes {nargs} values.": "l'argument {name} attend {nargs} valeurs.",
    "Invalid start character for option ({option})": (
        "caractère initial invalide pour une option ({option})"
    ),
    "Value must be an iterable.": "la valeur doit être une liste.",
    "Error: {message}": "Erreur : {message}",
    "Try '{command} {option}' for help.": "Voir « {command} {option} ».",
    "Aborted!": "Interrompu.",
    "unknown error": "erreur inconnue",
    "Could not open file {filename!r}: {message}": (
        "impossible d'ouvrir le fichier « {filename} » : {message}"
    ),
    # Values (parameter types).
    "{value!r} is not a valid {number_type}.": "« {value} » n'est pas un {number_type} valide.",
    "{value} is not in the range {range}.": "{value} est hors de l'intervalle {range}.",
    "{value!r} is not a valid boolean. Recognized values: {states}": (
        "« {value} » n'est pas une valeur booléenne (valeurs reconnues : {states})."
    ),
    "{value!r} is not a valid UUID.": "« {value} » n'est pas un UUID valide.",
    "Choose from:\n\t{choices}": "valeurs permises : {choices}",
    "Choice({choices})": "Choix({choices})",
    "{name} {filename!r} does not exist.": "{name} « {filename} » introuvable.",
    "{name} {filename!r} is a file.": "« {filename} » est un fichier, pas un dossier.",
    "{name} {filename!r} is a directory.": "« {filename} » est un dossier, pas un fichier.",
    "{name} {filename!r} is not readable.": "{name} « {filename} » illisible (droits).",
    "{name} {filename!r} is not writable.": "{name} « {filename} » non modifiable (droits).",
    "{name} {filename!r} is not executable.": "{name} « {filename} » non exécutable.",
    # Terminal interaction.
    "Press any key to continue...": "Appuyer sur une touche pour continuer…",
    "Repeat for confirmation": "Saisir à nouveau pour confirmer",
    "Error: The two entered values do not match.": (
        "Erreur : les deux valeurs saisies ne sont pas identiques."
    ),
    "Error: invalid input": "Erreur : saisie invalide",
    "Unknown color {colour!r}": "couleur inconnue : {colour}",
    "Unknown standard stream '{name}'": "flux standard inconnu : {name}",
    # Mistakes in a command's declaration (for developers; in French all the same).
    "DeprecationWarning: The command {name!r} is deprecated.{extra_message}": (
        "Attention : la commande « {name} » est obsolète.{extra_message}"
    ),
    "DeprecationWarning: The {param_type} {name!r} is deprecated.{extra_message}": (
        "Attention : le paramètre « {name} » est obsolète.{extra_message}"
    ),
    "Name '{name}' defined twice": "nom « {name} » déclaré deux fois",
    "Boolean option {decl!r} cannot use the same flag for true/false.": (
        "l'option booléenne « {decl} » ne peut pas avoir le même nom pour vrai et faux."
    ),
    "Could not determine name for option with declarations {decls!r}": (
        "nom d'option introuvable dans les déclarations {decls}"
    ),
    "No options defined but a name was passed ({name}). Did you mean to declare an argument "
    "instead? Did you mean to pass '--{name}'?": (
        "aucune option déclarée mais un nom donné ({name}) : un argument, ou « --{name} » ?"
    ),
    "Arguments take exactly one parameter declaration, got {length}: {decls}.": (
        "un argument prend exactement une déclaration, {length} données : {decls}."
    ),
}

#: (singular id, plural id) -> (French singular, French plural).
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("Got unexpected extra argument ({args})", "Got unexpected extra arguments ({args})"): (
        "argument en trop : {args}",
        "arguments en trop : {args}",
    ),
    ("Option {name!r} requires an argument.", "Option {name!r} requires {nargs} arguments."): (
        "l'option {name} attend une valeur.",
        "l'option {name} attend {nargs} valeurs.",
    ),
    ("Did you mean {possibility}?", "(Did you mean one of: {possibilities}?)"): (
        "Vouliez-vous dire {possibility} ?",
        "(Vouliez-vous dire l'une de : {possibilities} ?)",
    ),
    ("Takes {nargs} values but 1 was given.", "Takes {nargs} values but {len} were given."): (
        "attend {nargs} valeurs, {len} donnée.",
        "attend {nargs} valeurs, {len} données.",
    ),
    ("{value!r} is not {choice}.", "{value!r} is not one of {choices}."): (
        "« {value} » non permis (valeur permise : {choice}).",
        "« {value} » non permis (valeurs permises : {choices}).",
    ),
    (
        "{value!r} does not match the format {format}.",
        "{value!r} does not match the formats {formats}.",
    ): (
        "« {value} » ne suit pas le format {format}.",
        "« {value} » ne suit aucun des formats {formats}.",
    ),
    (
        "{len_type} values are required, but {len_value} was given.",
        "{len_type} values are required, but {len_value} were given.",
    ): (
        "{len_type} valeurs attendues, {len_value} donnée.",
        "{len_type} valeurs attendues, {len_value} données.",
    ),
}


def gettext(message: str) -> str:
    return MESSAGES.get(message, message)


def ngettext(singular: str, plural: str, count: int) -> str:
    french = PLURALS.get((singular, plural))
    if french is None:
        return singular if count == 1 else plural
    return french[0] if abs(count) < 2 else french[1]  # French: 0 and 1 are singular


#: click's value types by their name, which click shows as a metavar (``--page INTEGER``) and in
#: messages: French names instead (``--page ENTIER``).
TYPE_NAMES: dict[object, str] = {
    click.INT: "entier",
    click.FLOAT: "nombre",
    click.STRING: "texte",
    click.BOOL: "booléen",
    click.UUID: "uuid",
    click.IntRange: "entier",
    click.FloatRange: "nombre",
}


def install() -> None:
    """Make click speak French in this process (idempotent)."""
    for kind, french in TYPE_NAMES.items():
        kind.name = french  # type: ignore[attr-defined]
    for name in MODULES:
        module = importlib.import_module(name)
        if hasattr(module, "_"):
            module._ = gettext  # type: ignore[attr-defined]
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext  # type: ignore[attr-defined]
