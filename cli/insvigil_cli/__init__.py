"""The ``insvigil`` command: a thin click adapter over the insvigil library's public API."""

from insvigil_cli.click_fr import install as _speak_french

_speak_french()  # before any command is declared: click names its path types when built
