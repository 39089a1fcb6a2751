"""Findings: what rules and checks report instead of raising.

A finding has a permanent public code (family letters + two digits, e.g. ``MI04``), a severity,
a French message a referent can read, and optionally the trait it concerns. The message is
rendered from a template its rule declares (a variant of the code) and the finding's values
(:func:`make`), so that a store keeps the code, the variant and the values, not the text
(issue 17), and renders the message when it reads the finding back (:func:`render`).

>>> f = Finding("MI02", Gravite.BLOQUANTE, "Clé du matricule incorrecte.", trait="matricule")
>>> f.bloquante
True
>>> f.as_dict()["gravite"]
'BLOQUANTE'
>>> st = make("ST04", "surestime", Gravite.MINEURE, ("QUALIFIEE", "VALIDEE"), "statut")
>>> st.message
'Statut déclaré QUALIFIEE surestimé : le statut calculé est VALIDEE.'
>>> st.variant, st.params
('surestime', ('QUALIFIEE', 'VALIDEE'))
>>> render("ST04", "surestime", st.params) == st.message
True
"""

from __future__ import annotations

import importlib
import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import partial


class Gravite(StrEnum):
    """Severity of a finding.

    ``MINEURE`` and ``BLOQUANTE`` are the contract's discordance severities; ``INFO`` is a note
    that changes nothing (for instance an arrondissement coded instead of its commune).
    """

    INFO = "INFO"
    MINEURE = "MINEURE"
    BLOQUANTE = "BLOQUANTE"


@dataclass(frozen=True, slots=True)
class Finding:
    """One reported fact about a value or a record."""

    code: str
    gravite: Gravite
    message: str
    trait: str | None = None
    #: For a discordance with INSi: the local and the INSi values (raw, as received).
    valeur_locale: str | None = None
    valeur_insi: str | None = None
    #: The values the message was built from, in the order the rule's message template takes
    #: them (stored instead of the message; the message is rendered from them when read).
    params: tuple[str, ...] = ()
    #: Which of the rule's message templates (:func:`register`) the message was rendered from,
    #: followed by the notes appended to it (``"variant|note"``); empty for a message that
    #: has no template (then it is stored in full).
    variant: str = ""

    @property
    def bloquante(self) -> bool:
        return self.gravite is Gravite.BLOQUANTE

    def as_dict(self) -> dict[str, str | None]:
        return {
            "code": self.code,
            "gravite": self.gravite.value,
            "message": self.message,
            "trait": self.trait,
        }

    @property
    def discordance(self) -> bool:
        """True when the finding compares a local value with an INSi value."""
        return self.valeur_insi is not None


# --- Message templates --------------------------------------------------------------------
# A finding is stored as its code, variant and values, not its message: each rule (or module
# that reports findings outside rules) registers its French templates, ``str.format`` fields
# ``{0}``, ``{1}``... taking the params in order, and the message is rendered from them.

#: code -> variant -> template.
_TEMPLATES: dict[str, dict[str, str]] = {}
#: (code, variant) -> the template's renderer (``str.format`` unless it names a converter).
_RENDERERS: dict[tuple[str, str], Callable[..., str]] = {}
#: Converters a template field may name (``{0:changements}``): stored code -> French text.
_CONVERTERS: dict[str, Callable[[str], str]] = {}
#: note -> text appended to a finding's message (a referent's decision on it, for instance).
_NOTES: dict[str, str] = {}


class _Formatter(string.Formatter):
    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec:
            return _CONVERTERS[format_spec](str(value))
        return str(value)


_FORMATTER = _Formatter()
#: Modules that register templates outside rules; imported before rendering an unknown code.
_REGISTERING = (
    "insvigil.traits.lieu",
    "insvigil.identifiers.coherence",
    "insvigil.identifiers.oid",
    "insvigil.identifiers.history",
    "insvigil.engine.evaluate",
)


def register(code: str, templates: Mapping[str, str]) -> None:
    """Declare ``code``'s message templates (variant -> template); variants must be non-empty
    and contain no ``|``; declaring the same variant twice with another text is an error."""
    known = _TEMPLATES.setdefault(code, {})
    for variant, template in templates.items():
        if not variant or "|" in variant:
            raise ValueError(f"bad variant {variant!r} for {code}")
        if known.get(variant, template) != template:
            raise ValueError(f"template {code}/{variant} declared twice")
        known[variant] = template
        specs = [spec for _, name, spec, _ in _FORMATTER.parse(template) if name is not None]
        _RENDERERS[code, variant] = (
            partial(_FORMATTER.format, template) if any(specs) else template.format
        )


def register_converter(name: str, convert: Callable[[str], str]) -> None:
    """Declare a converter templates can name as a field's format (``{2:changements}``): it
    turns the stored value (codes) into the French words of the message."""
    if _CONVERTERS.get(name, convert) is not convert:
        raise ValueError(f"converter {name!r} declared twice")
    _CONVERTERS[name] = convert


def register_note(note: str, text: str) -> None:
    """Declare a note that can be appended to any templated finding's message."""
    if not note or "|" in note or _NOTES.get(note, text) != text:
        raise ValueError(f"bad or duplicate note {note!r}")
    _NOTES[note] = text


def templates() -> dict[str, dict[str, str]]:
    """Every registered template, code -> variant -> template (all modules loaded)."""
    _load()
    return {code: dict(by_variant) for code, by_variant in _TEMPLATES.items()}


def notes() -> dict[str, str]:
    _load()
    return dict(_NOTES)


def fields(template: str) -> tuple[tuple[str, str], ...]:
    """The replacement fields a template declares and their converters, in order
    (``"{0} et {1:changements}"`` -> ``("0", ""), ("1", "changements")``)."""
    return tuple(
        (name, spec or "") for _, name, spec, _ in _FORMATTER.parse(template) if name is not None
    )


def converters() -> dict[str, Callable[[str], str]]:
    _load()
    return dict(_CONVERTERS)


def _load() -> None:
    for module in _REGISTERING:
        importlib.import_module(module)
    from insvigil.rules.registry import all_rules

    all_rules()


def render(code: str, variant: str, params: tuple[str, ...]) -> str:
    """The message of a finding stored as ``code``, ``variant`` and ``params``.

    Raises ``KeyError`` for a template no module declares (a store written by a newer
    version)."""
    base, *added = variant.split("|")
    renderer = _RENDERERS.get((code, base))
    if renderer is None or any(n not in _NOTES for n in added):
        _load()
        renderer = _RENDERERS[code, base]
    message = renderer(*params)
    return message + "".join(_NOTES[note] for note in added) if added else message


def make(
    code: str,
    variant: str,
    gravite: Gravite,
    params: tuple[str, ...] = (),
    trait: str | None = None,
    *,
    locale: str | None = None,
    insi: str | None = None,
) -> Finding:
    """A finding whose message is rendered from ``code``'s template ``variant``."""
    for value in params:
        if type(value) is not str:  # stored as JSON strings and read back as such
            raise TypeError(f"{code}/{variant}: param {value!r} is not a str")
    renderer = _RENDERERS.get((code, variant))
    if renderer is None:
        _load()
        renderer = _RENDERERS[code, variant]
    return Finding(code, gravite, renderer(*params), trait, locale, insi, params, variant)


def noted(finding: Finding, note: str) -> Finding:
    """``finding`` with ``note``'s text appended to its message (and recorded in its variant
    when it has a template; a message without one keeps the text in full)."""
    variant = f"{finding.variant}|{note}" if finding.variant else ""
    message = finding.message + _NOTES[note]
    return Finding(
        finding.code,
        finding.gravite,
        message,
        finding.trait,
        finding.valeur_locale,
        finding.valeur_insi,
        finding.params,
        variant,
    )
