"""The ``insvigil`` command: a thin click adapter over the insvigil library's public API."""
