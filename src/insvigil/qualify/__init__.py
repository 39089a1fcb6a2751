"""The batch qualification run (``insvigil qualify``)."""
